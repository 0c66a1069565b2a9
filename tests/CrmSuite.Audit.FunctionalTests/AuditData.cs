using System.Text.Json;

namespace CrmSuite.Audit.FunctionalTests;

/// <summary>An audit event as the services publish it (the data of the CloudEvent, camelCase JSON).</summary>
public sealed record AuditData(
    string ActorId = "manager-anna",
    string ActorName = "Анна",
    string ActorRole = "SalesManager",
    string Action = "clients.company.viewed",
    string EntityType = "company",
    string EntityId = "0190a1b2-0000-7000-8000-000000000001",
    string? Ip = "10.0.0.5",
    string? UserAgent = "Mozilla/5.0",
    string Outcome = "success",
    DateTimeOffset? OccurredAt = null,
    object? Before = null,
    object? After = null,
    object? Details = null)
{
    public static readonly DateTimeOffset DefaultTime = new(2026, 11, 27, 10, 15, 0, TimeSpan.Zero);

    /// <summary>A CloudEvents 1.0 envelope as the Dapr sidecar delivers it.</summary>
    public static string Envelope(AuditData data, string? eventId = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["specversion"] = "1.0",
        ["id"] = eventId ?? Guid.NewGuid().ToString(),
        ["source"] = "clients",
        ["type"] = "com.dapr.event.sent",
        ["datacontenttype"] = "application/json",
        ["pubsubname"] = "pubsub",
        ["topic"] = "audit",
        ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        ["data"] = data with { OccurredAt = data.OccurredAt ?? DefaultTime },
    }, AuditApi.Json);
}
