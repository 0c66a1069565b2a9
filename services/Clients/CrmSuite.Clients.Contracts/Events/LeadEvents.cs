namespace CrmSuite.Clients.Contracts.Events;

/// <summary>A lead arrived from a channel (web form, API, phone call) and was assigned by the rules (or not).</summary>
public sealed record LeadCaptured(Guid LeadId, string Source, string OwnerUserId, string? TeamId, Guid? FormId, string? Region, IReadOnlyList<string> Tags, DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.lead-captured";
}

/// <summary>A lead became a client: a company (new or existing) with a contact.</summary>
public sealed record LeadConverted(Guid LeadId, Guid CompanyId, Guid ContactId, bool CompanyCreated, string OwnerUserId, string Source, DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.lead-converted";
}

/// <summary>
/// A lead's responsible manager changed after its capture (topic <see cref="Topic"/>): a
/// reassignment by a team head or director. Not published for the capture itself
/// (<see cref="LeadCaptured"/> carries the first owner, also when a rule chose it).
/// <paramref name="PreviousOwnerUserId"/> is null when the lead was in the unassigned pool;
/// <paramref name="AssignedBy"/> is the user id of who reassigned it.
/// </summary>
public sealed record LeadAssigned(Guid LeadId, string OwnerUserId, string? TeamId, string? PreviousOwnerUserId, string AssignedBy,
    DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.lead-assigned";
}
