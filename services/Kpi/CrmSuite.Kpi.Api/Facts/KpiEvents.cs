namespace CrmSuite.Kpi.Api.Facts;

// The producers' integration events as the KPI reads them: the JSON their records serialise to
// (camelCase), read into the KPI's own records so the service depends on no producer's
// assembly. Only the fields the facts use; unknown fields are ignored, missing optional ones are
// null (an old clients.deal-won has no owner, pipeline or amount). The topics are the producers'
// (their contracts define them; these are the names the KPI subscribes to).

/// <summary>The topics the KPI subscribes to.</summary>
internal static class KpiTopics
{
    public const string DealCreated = "clients.deal-created";
    public const string DealStageChanged = "clients.deal-stage-changed";
    public const string DealWon = "clients.deal-won";
    public const string DealLost = "clients.deal-lost";
    public const string LeadCaptured = "clients.lead-captured";
    public const string LeadAssigned = "clients.lead-assigned";
    public const string LeadConverted = "clients.lead-converted";
    public const string TaskCompleted = "scheduling.task-completed";
    public const string MeetingHeld = "scheduling.meeting-held";
    public const string CallLogged = "scheduling.call-logged";
    public const string InvoicePaid = "documents.invoice-paid";
    public const string ShipmentPosted = "warehouse.shipment-posted";
    public const string PersonChanged = "identity.person-changed";
}

internal sealed record DealCreatedEvent(Guid DealId, Guid CompanyId, string? Title, Guid PipelineId, Guid StageId, string? OwnerUserId, string? TeamId,
    decimal? Amount, string? Currency, Guid? LeadId, DateTimeOffset OccurredAt);

internal sealed record DealStageChangedEvent(Guid DealId, Guid CompanyId, Guid PipelineId, Guid FromStageId, Guid ToStageId, string? OwnerUserId,
    string? TeamId, decimal? Amount, string? Currency, DateTimeOffset OccurredAt);

/// <summary>clients.deal-won and clients.deal-lost: the same shape.</summary>
internal sealed record DealClosedEvent(Guid DealId, Guid CompanyId, DateTimeOffset OccurredAt, Guid? PipelineId = null, string? OwnerUserId = null,
    string? TeamId = null, decimal? Amount = null, string? Currency = null, DateTimeOffset? DealCreatedAt = null);

internal sealed record LeadCapturedEvent(Guid LeadId, string? Source, string? OwnerUserId, string? TeamId, DateTimeOffset OccurredAt);

internal sealed record LeadAssignedEvent(Guid LeadId, string? OwnerUserId, string? TeamId, string? PreviousOwnerUserId, string? AssignedBy, DateTimeOffset OccurredAt);

internal sealed record LeadConvertedEvent(Guid LeadId, Guid CompanyId, Guid ContactId, bool CompanyCreated, string? OwnerUserId, string? Source, DateTimeOffset OccurredAt);

internal sealed record TaskCompletedEvent(Guid ItemId, string? OwnerUserId, string? AssigneeUserId, string? CompletedBy, Guid? CompanyId, Guid? DealId, Guid? LeadId,
    DateTimeOffset DueAt, string? Result, DateTimeOffset OccurredAt);

/// <summary>scheduling.meeting-held and scheduling.call-logged: the fields the KPI reads are common.</summary>
internal sealed record ActivityEvent(Guid ItemId, string? OwnerUserId, string? CompletedBy, Guid? CompanyId, Guid? DealId, Guid? LeadId,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Result, DateTimeOffset OccurredAt);

internal sealed record InvoicePaidEvent(Guid DocumentId, string? Number, Guid CompanyId, Guid? DealId, string? OwnerUserId, decimal Amount, string? Currency,
    DateOnly PaidOn, DateTimeOffset OccurredAt);

internal sealed record ShipmentPostedEvent(Guid MovementId, Guid? DealId, Guid? CompanyId, string? ActorId, decimal Amount, string? Currency, int Lines, DateTimeOffset OccurredAt);
