namespace CrmSuite.Scheduling.Contracts.Events;

/// <summary>A task was completed (for the KPI service: work done per person and client).</summary>
public sealed record TaskCompleted(Guid ItemId, string OwnerUserId, string? AssigneeUserId, string CompletedBy, Guid? CompanyId, Guid? ContactId, Guid? DealId, Guid? LeadId,
    DateTimeOffset DueAt, string? Result, DateTimeOffset OccurredAt)
{
    public const string Topic = "scheduling.task-completed";
}

/// <summary>A task's due time passed while it was still open or in progress (once per task; for the KPI service: overdue work per person and client).</summary>
public sealed record TaskOverdue(Guid ItemId, string OwnerUserId, string? AssigneeUserId, Guid? CompanyId, Guid? ContactId, Guid? DealId, Guid? LeadId,
    DateTimeOffset DueAt, DateTimeOffset OccurredAt)
{
    public const string Topic = "scheduling.task-overdue";
}

/// <summary>A meeting took place and its result was written down.</summary>
public sealed record MeetingHeld(Guid ItemId, string OwnerUserId, string CompletedBy, IReadOnlyList<string> ParticipantUserIds, IReadOnlyList<Guid> ParticipantContactIds,
    Guid? CompanyId, Guid? ContactId, Guid? DealId, Guid? LeadId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Result, DateTimeOffset OccurredAt)
{
    public const string Topic = "scheduling.meeting-held";
}

/// <summary>A call was made and logged with its result.</summary>
public sealed record CallLogged(Guid ItemId, string OwnerUserId, string CompletedBy, Guid? CompanyId, Guid? ContactId, Guid? DealId, Guid? LeadId,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Result, DateTimeOffset OccurredAt)
{
    public const string Topic = "scheduling.call-logged";
}
