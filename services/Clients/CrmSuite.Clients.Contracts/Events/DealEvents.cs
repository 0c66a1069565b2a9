namespace CrmSuite.Clients.Contracts.Events;

/// <summary>
/// A deal was opened (topic <see cref="Topic"/>), through the deals API or a lead's conversion
/// (<paramref name="LeadId"/>). <paramref name="TeamId"/> is the team of the deal's company (its
/// head sees the deal), null when the company has none. The KPI counts new deals from it.
/// </summary>
public sealed record DealCreated(Guid DealId, Guid CompanyId, string Title, Guid PipelineId, Guid StageId, string OwnerUserId, string? TeamId,
    decimal? Amount, string Currency, Guid? LeadId, DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.deal-created";
}

/// <summary>
/// A deal moved from one stage to another (topic <see cref="Topic"/>), on every move, also into a
/// won or lost stage (which additionally publishes <see cref="DealWon"/> or <see cref="DealLost"/>).
/// <paramref name="PipelineId"/> is the pipeline of <paramref name="ToStageId"/>; the amount is the
/// deal's at the move. The KPI's funnel and conversion by stage read it.
/// </summary>
public sealed record DealStageChanged(Guid DealId, Guid CompanyId, Guid PipelineId, Guid FromStageId, Guid ToStageId, string OwnerUserId,
    string? TeamId, decimal? Amount, string Currency, DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.deal-stage-changed";
}

/// <summary>
/// A deal entered a won stage (topic <see cref="Topic"/>). The warehouse ships the deal's
/// reservations on it; the KPI counts the win with its amount, owner and cycle (from
/// <paramref name="DealCreatedAt"/>). The trailing parameters were added later: events queued
/// before them read with nulls.
/// </summary>
public sealed record DealWon(Guid DealId, Guid CompanyId, DateTimeOffset OccurredAt,
    Guid? PipelineId = null, string? OwnerUserId = null, string? TeamId = null, decimal? Amount = null,
    string? Currency = null, DateTimeOffset? DealCreatedAt = null)
{
    public const string Topic = "clients.deal-won";
}

/// <summary>
/// A deal entered a lost stage (topic <see cref="Topic"/>): the warehouse releases its
/// reservations, the KPI counts the loss. The trailing parameters are as in <see cref="DealWon"/>.
/// </summary>
public sealed record DealLost(Guid DealId, Guid CompanyId, DateTimeOffset OccurredAt,
    Guid? PipelineId = null, string? OwnerUserId = null, string? TeamId = null, decimal? Amount = null,
    string? Currency = null, DateTimeOffset? DealCreatedAt = null)
{
    public const string Topic = "clients.deal-lost";
}
