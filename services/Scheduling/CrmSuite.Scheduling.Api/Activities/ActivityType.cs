using CrmSuite.Scheduling.Api.Items;

namespace CrmSuite.Scheduling.Api.Activities;

/// <summary>
/// What an item is (a call, a meeting, an e-mail, a task, or a kind of the company's own) and the
/// defaults an item of it starts with. The four built-in ones carry a <see cref="Code"/> and are
/// seeded by the migration; custom ones have none. A type is archived, never deleted, so items
/// planned with it keep it.
/// </summary>
public sealed class ActivityType
{
    public static readonly Guid Call = new("0193e8a0-0000-7000-8000-000000000001");
    public static readonly Guid Meeting = new("0193e8a0-0000-7000-8000-000000000002");
    public static readonly Guid Email = new("0193e8a0-0000-7000-8000-000000000003");
    public static readonly Guid Task = new("0193e8a0-0000-7000-8000-000000000004");

    public Guid Id { get; set; }
    public string? Code { get; set; }
    public string NameRu { get; set; } = string.Empty;
    public string NameEn { get; set; } = string.Empty;
    public ItemKind Kind { get; set; }
    public int DefaultDurationMinutes { get; set; }
    public int[] DefaultReminderMinutesBefore { get; set; } = [];
    public bool ResultRequired { get; set; }
    public Guid? NextTypeId { get; set; }
    public int NextInDays { get; set; }
    public bool Archived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }

    /// <summary>The name in the caller's language (Russian unless the request asks for English); the other when that one is empty.</summary>
    public string NameFor(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? (NameEn.Length > 0 ? NameEn : NameRu)
            : (NameRu.Length > 0 ? NameRu : NameEn);
}
