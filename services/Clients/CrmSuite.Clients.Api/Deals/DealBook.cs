using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Deals;

/// <summary>What opening and moving a deal does wherever it happens (the deals API, a lead's conversion).</summary>
internal static class DealBook
{
    /// <summary>The pipeline asked for, or the oldest active one.</summary>
    public static async Task<Pipeline> ActivePipelineAsync(ClientsDbContext db, Guid? id, CancellationToken cancellationToken)
    {
        var pipelines = db.Pipelines.Include(p => p.Stages).Where(p => p.ArchivedAt == null);
        var pipeline = id is { } pid
            ? await pipelines.FirstOrDefaultAsync(p => p.Id == pid, cancellationToken)
            : await pipelines.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        return pipeline ?? throw new ValidationFailedException("pipeline_id", id is null
            ? "There is no active pipeline; an administrator creates one in the pipeline settings."
            : "No such active pipeline.");
    }

    /// <summary>A row of the stage history (KPI reads it): who moved the deal where, with its amount then.</summary>
    public static void RecordStage(ClientsDbContext db, Deal deal, Guid? from, PipelineStage to, System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now) =>
        db.DealStageHistory.Add(new DealStageChange
        {
            Id = Guid.CreateVersion7(now),
            DealId = deal.Id,
            FromStageId = from,
            ToStageId = to.Id,
            ChangedAt = now,
            ChangedBy = user.UserId() ?? "anonymous",
            ChangedByName = user.FindFirst(CrmClaims.Name)?.Value is { } name ? name[..Math.Min(name.Length, 200)] : string.Empty,
            Amount = deal.Amount,
            Currency = deal.Currency,
        });

    /// <summary>
    /// The team a deal's events name: its company's (the team whose head sees the deal; deals
    /// have no team of their own), null when the company has none.
    /// </summary>
    public static Task<string?> TeamAsync(ClientsDbContext db, Guid companyId, CancellationToken cancellationToken) =>
        db.Companies.Where(c => c.Id == companyId).Select(c => c.TeamId).SingleAsync(cancellationToken);

    /// <summary>Queues <see cref="DealCreated"/> for a new deal; it commits with the deal (outbox).</summary>
    public static void QueueCreated(ClientsDbContext db, Deal deal, string? teamId, Guid? leadId, DateTimeOffset now) =>
        db.Enqueue(DealCreated.Topic, new DealCreated(deal.Id, deal.CompanyId, deal.Title, deal.PipelineId, deal.StageId, deal.OwnerUserId, teamId,
            deal.Amount, deal.Currency, leadId, now), now);

    /// <summary>
    /// Queues what a move publishes, with the deal as moved: <see cref="DealStageChanged"/> always,
    /// and <see cref="DealWon"/> or <see cref="DealLost"/> for a won or lost stage.
    /// </summary>
    public static void QueueMoved(ClientsDbContext db, Deal deal, Guid from, PipelineStage to, string? teamId, DateTimeOffset now)
    {
        db.Enqueue(DealStageChanged.Topic, new DealStageChanged(deal.Id, deal.CompanyId, deal.PipelineId, from, to.Id, deal.OwnerUserId, teamId,
            deal.Amount, deal.Currency, now), now);
        switch (to.Kind)
        {
            case StageKind.Won:
                db.Enqueue(DealWon.Topic, new DealWon(deal.Id, deal.CompanyId, now,
                    deal.PipelineId, deal.OwnerUserId, teamId, deal.Amount, deal.Currency, deal.CreatedAt), now);
                break;
            case StageKind.Lost:
                db.Enqueue(DealLost.Topic, new DealLost(deal.Id, deal.CompanyId, now,
                    deal.PipelineId, deal.OwnerUserId, teamId, deal.Amount, deal.Currency, deal.CreatedAt), now);
                break;
        }
    }
}
