namespace CrmSuite.Clients.Contracts.Events;

/// <summary>
/// A deal entered a won stage (topic <see cref="Topic"/>). The warehouse ships the deal's
/// reservations on it; its JSON is <c>{ dealId, companyId, occurredAt }</c>.
/// </summary>
public sealed record DealWon(Guid DealId, Guid CompanyId, DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.deal-won";
}

/// <summary>A deal entered a lost stage (topic <see cref="Topic"/>): the warehouse releases its reservations.</summary>
public sealed record DealLost(Guid DealId, Guid CompanyId, DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.deal-lost";
}
