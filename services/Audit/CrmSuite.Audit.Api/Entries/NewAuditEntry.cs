namespace CrmSuite.Audit.Api.Entries;

/// <summary>
/// An audit event to append: validated, text cleaned, JSON in canonical form. Its position,
/// recorded time and hashes are given by <see cref="Chain.AuditChain"/>.
/// </summary>
public sealed record NewAuditEntry(
    string EventId,
    DateTimeOffset OccurredAt,
    string ActorId,
    string? ActorName,
    string? ActorRole,
    string Action,
    string? EntityType,
    string? EntityId,
    string? Ip,
    string? UserAgent,
    string Outcome,
    string? Before,
    string? After,
    string? Details);
