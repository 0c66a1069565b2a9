namespace CrmSuite.Kpi.Api.Facts;

/// <summary>
/// One thing a person did, made from one integration event (see <see cref="FactKinds"/>): what
/// "explain a figure" lists. Facts are only added, never deleted; a fact whose owner is not known
/// yet (<see cref="UserId"/> null: a won deal from before the clients service named the owner,
/// whose creation has not arrived) is completed when the deal's deal-created fact arrives, and is
/// counted in the daily figures only from then on. A record only so the event mappings can
/// copy one (a converted lead that also made a new client); stored and tracked as any entity.
/// </summary>
public sealed record Fact
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = string.Empty;
    public string? UserId { get; set; }
    public string? TeamId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>The day in the company time zone (Kpi:TimeZone); a paid invoice's payment date.</summary>
    public DateOnly Day { get; set; }
    public decimal Amount { get; set; }
    public string? Currency { get; set; }
    /// <summary>A closed deal's age or a call's length, in days.</summary>
    public decimal Days { get; set; }
    public string? PipelineId { get; set; }
    /// <summary>The stage a moved deal entered.</summary>
    public string? StageId { get; set; }
    /// <summary>A closed deal's creation, when known (the days are counted from it).</summary>
    public DateTimeOffset? StartedAt { get; set; }
    public Guid? DealId { get; set; }
    public Guid? CompanyId { get; set; }
    public Guid? LeadId { get; set; }
    public Guid? ItemId { get; set; }
    public Guid? DocumentId { get; set; }
    public Guid? MovementId { get; set; }
    /// <summary>A short title for the UI: the deal's title, the invoice's number, the lead's source.</summary>
    public string Title { get; set; } = string.Empty;
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Whether the fact is in the daily figures: once its owner is known.</summary>
    public bool Counted => UserId is not null;
}

/// <summary>
/// A person's team as last named by an event that carries one (deals, leads), by the event's
/// time: a fact whose event names no team (a call, a task, an invoice) takes the person's team
/// from here when it arrives.
/// </summary>
public sealed class PersonTeam
{
    public string UserId { get; set; } = string.Empty;
    public string TeamId { get; set; } = string.Empty;
    public DateTimeOffset SeenAt { get; set; }
}

/// <summary>
/// The stored row of the daily projection (<see cref="DailyFigure"/>): an empty team or pipeline
/// is kept as "" so the row's key has no nulls.
/// </summary>
public sealed class DailyFigureRow
{
    public string UserId { get; set; } = string.Empty;
    public string TeamId { get; set; } = string.Empty;
    public DateOnly Day { get; set; }
    public string Kind { get; set; } = string.Empty;
    public string PipelineId { get; set; } = string.Empty;
    public int Count { get; set; }
    public decimal Amount { get; set; }
    public decimal Days { get; set; }

    public DailyFigure ToFigure() => new(UserId, TeamId.Length == 0 ? null : TeamId, Day, Kind, PipelineId.Length == 0 ? null : PipelineId, Count, Amount, Days);
}
