using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Clients.Api.Infrastructure;
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
    public static void RecordStage(ClientsDbContext db, Deal deal, Guid? from, PipelineStage to, string changedBy, DateTimeOffset now) =>
        db.DealStageHistory.Add(new DealStageChange
        {
            Id = Guid.CreateVersion7(now),
            DealId = deal.Id,
            FromStageId = from,
            ToStageId = to.Id,
            ChangedAt = now,
            ChangedBy = changedBy,
            Amount = deal.Amount,
            Currency = deal.Currency,
        });
}
