using NpgsqlTypes;

namespace CrmSuite.Clients.Api.Leads;

public enum LeadStatus
{
    New = 1,
    InProgress = 2,
    Converted = 3,
    Rejected = 4,
}

public enum LeadSource
{
    WebForm = 1,
    Api = 2,
    PhoneCall = 3,
    Email = 4,
}

/// <summary>Someone who asked about us and is not a client yet.</summary>
public sealed class Lead
{
    public const int MaxNameLength = 200;
    public const int MaxCompanyNameLength = 300;
    public const int MaxMessageLength = 4000;
    public const int MaxRegionLength = 100;
    public const int MaxTagLength = 50;
    public const int MaxTags = 20;
    public const int MaxReasonLength = 500;
    public const int MaxUrlLength = 2000;
    public const int MaxUtmLength = 200;

    public Guid Id { get; set; }
    public string PersonName { get; set; } = string.Empty;
    public string? CompanyName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Inn { get; set; }
    public string? Message { get; set; }
    public LeadSource Source { get; set; }
    public Guid? SourceFormId { get; set; }
    public Guid? SourceIntegrationId { get; set; }
    public string? SourcePageUrl { get; set; }
    public string? UtmSource { get; set; }
    public string? UtmMedium { get; set; }
    public string? UtmCampaign { get; set; }
    public string? UtmTerm { get; set; }
    public string? UtmContent { get; set; }
    public string? Region { get; set; }
    public List<string> Tags { get; set; } = [];
    public LeadStatus Status { get; set; } = LeadStatus.New;
    public string? RejectionReason { get; set; }

    /// <summary>The responsible manager; empty while nobody is (then only those who see all leads see it).</summary>
    public string OwnerUserId { get; set; } = string.Empty;
    public string? TeamId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? CompanyId { get; set; }
    public Guid? ContactId { get; set; }
    public DateTimeOffset? ConvertedAt { get; set; }

    /// <summary>PostgreSQL's xmin: optimistic concurrency (two people converting at once).</summary>
    public uint Version { get; set; }

    /// <summary>Generated from the person's and company's names for word-prefix search.</summary>
    public NpgsqlTsVector SearchVector { get; set; } = null!;
}

/// <summary>A web form on the customer's own site that posts leads to the public endpoint.</summary>
public sealed class WebForm
{
    public const int MaxNameLength = 200;
    public const int MaxOrigins = 20;

    public Guid Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string PublicKey { get; set; } = string.Empty;
    public List<string> AllowedOrigins { get; set; } = [];
    public string? Region { get; set; }
    public List<string> Tags { get; set; } = [];
    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One line of the ordered segmentation: conditions (all optional, AND) and who gets the lead.</summary>
public sealed class AssignmentRule
{
    public const int MaxRules = 100;
    public const int MaxManagers = 50;

    public Guid Id { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = string.Empty;
    public LeadSource? Source { get; set; }
    public string? Region { get; set; }
    public string? Tag { get; set; }
    public List<string> ManagerUserIds { get; set; } = [];
    public string? TeamId { get; set; }

    /// <summary>How many leads the rule has handed out: the round robin's next manager is this modulo the list.</summary>
    public long HandedOut { get; set; }
}

/// <summary>A telephony provider posting call webhooks, authenticated by a per-integration secret.</summary>
public sealed class TelephonyIntegration
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string Key { get; set; } = string.Empty;

    /// <summary>SHA-256 of the secret; the secret itself is shown once and never stored.</summary>
    public byte[] SecretHash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public enum CallDirection
{
    Inbound = 1,
    Outbound = 2,
}

/// <summary>A phone call reported by telephony, on the company (and contact) it was with, or on the lead it created.</summary>
public sealed class Call
{
    public Guid Id { get; set; }
    public Guid IntegrationId { get; set; }
    public string? ExternalId { get; set; }
    public CallDirection Direction { get; set; }
    public string CallerNumber { get; set; } = string.Empty;
    public string CalledNumber { get; set; } = string.Empty;
    public DateTimeOffset StartedAt { get; set; }
    public int DurationSeconds { get; set; }
    public string? RecordingUrl { get; set; }
    public Guid? CompanyId { get; set; }
    public Guid? ContactId { get; set; }
    public Guid? LeadId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
