namespace CrmSuite.Clients.Contracts.Events;

/// <summary>
/// Integration event: <paramref name="MergedId"/> was merged into <paramref name="SurvivorId"/>;
/// other services re-point what they keep about the merged company.
/// </summary>
public sealed record CompanyMerged(Guid SurvivorId, Guid MergedId, DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.company-merged";
}
