using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmSuite.PubSubEmulator.Subscriptions;

/// <summary>
/// The JSON an app answers on <c>GET /dapr/subscribe</c>: v1 entries carry <c>route</c>, v2 entries
/// <c>routes {rules, default}</c>. Names are matched case-insensitively, as the sidecar's Go decoder
/// does (the .NET SDK writes <c>pubsubName</c>, the docs show <c>pubsubname</c>). An entry may ask for
/// bulk delivery with <c>bulkSubscribe {enabled, maxMessagesCount, maxAwaitDurationMs}</c>.
/// </summary>
internal sealed class SubscribeDocumentEntry
{
    public string? PubsubName { get; set; }
    public string? Topic { get; set; }
    public string? Route { get; set; }
    public SubscribeDocumentRoutes? Routes { get; set; }
    public string? DeadLetterTopic { get; set; }
    public Dictionary<string, string>? Metadata { get; set; }
    public SubscribeDocumentBulk? BulkSubscribe { get; set; }

    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}

internal sealed class SubscribeDocumentRoutes
{
    public List<SubscribeDocumentRule>? Rules { get; set; }
    public string? Default { get; set; }
}

internal sealed class SubscribeDocumentRule
{
    public string? Match { get; set; }
    public string? Path { get; set; }
}

/// <summary><c>bulkSubscribe</c> of an entry (daprd's BulkSubscribeJSON).</summary>
internal sealed class SubscribeDocumentBulk
{
    public bool Enabled { get; set; }
    public int MaxMessagesCount { get; set; }
    public int MaxAwaitDurationMs { get; set; }
}
