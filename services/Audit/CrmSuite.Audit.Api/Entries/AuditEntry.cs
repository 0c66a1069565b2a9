namespace CrmSuite.Audit.Api.Entries;

/// <summary>
/// One row of the audit log. Rows are only ever inserted: <see cref="Id"/> is the position in the
/// hash chain (1, 2, 3, … without gaps) and <see cref="Hash"/> seals every other field together
/// with <see cref="PrevHash"/> (see <see cref="Chain.ChainHash"/>).
/// </summary>
public sealed class AuditEntry
{
    public const int MaxActorIdLength = 100;
    public const int MaxActorNameLength = 200;
    public const int MaxActorRoleLength = 200;
    public const int MaxActionLength = 100;
    public const int MaxEntityTypeLength = 100;
    public const int MaxEntityIdLength = 200;
    public const int MaxIpLength = 64;
    public const int MaxUserAgentLength = 512;
    public const int MaxOutcomeLength = 32;
    public const int MaxEventIdLength = 200;
    public const int HashLength = 64;

    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string ActorId { get; set; } = string.Empty;
    public string? ActorName { get; set; }
    public string? ActorRole { get; set; }
    public string Action { get; set; } = string.Empty;
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
    public string Outcome { get; set; } = string.Empty;

    /// <summary>JSON text (jsonb in the database), or null.</summary>
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Details { get; set; }

    /// <summary>The CloudEvent id: the same event delivered twice is stored once.</summary>
    public string EventId { get; set; } = string.Empty;
    public string PrevHash { get; set; } = string.Empty;
    public string Hash { get; set; } = string.Empty;
}

/// <summary>The one row of <c>audit_chain_head</c>: the last position and hash, locked by every append.</summary>
public sealed class AuditChainHead
{
    public const short SingletonId = 1;

    public short Id { get; set; }
    public long LastId { get; set; }
    public string LastHash { get; set; } = string.Empty;
}
