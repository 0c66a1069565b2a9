using CrmSuite.Kpi.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Facts;

/// <summary>What to read of the daily projection; empty lists and nulls mean "all".</summary>
public sealed record FigureQuery(DateOnly From, DateOnly To, IReadOnlyList<string>? UserIds = null, string? TeamId = null,
    IReadOnlyList<string>? Kinds = null, string? PipelineId = null);

/// <summary>Reads the daily projection: for the read API and for the measures computed from it.</summary>
public static class DailyFigures
{
    public static IQueryable<DailyFigureRow> Query(KpiDbContext db, FigureQuery query)
    {
        var rows = db.DailyFigures.AsNoTracking().Where(r => r.Day >= query.From && r.Day <= query.To);
        if (query.UserIds is { Count: > 0 } users)
        {
            var list = users.ToList();
            rows = rows.Where(r => list.Contains(r.UserId));
        }
        if (!string.IsNullOrEmpty(query.TeamId))
        {
            rows = rows.Where(r => r.TeamId == query.TeamId);
        }
        if (query.Kinds is { Count: > 0 } kinds)
        {
            var list = kinds.ToList();
            rows = rows.Where(r => list.Contains(r.Kind));
        }
        if (!string.IsNullOrEmpty(query.PipelineId))
        {
            rows = rows.Where(r => r.PipelineId == query.PipelineId);
        }
        return rows;
    }

    /// <summary>The figures of a query, newest day first.</summary>
    public static async Task<List<DailyFigure>> ReadAsync(KpiDbContext db, FigureQuery query, CancellationToken cancellationToken) =>
        (await Query(db, query).OrderByDescending(r => r.Day).ThenBy(r => r.UserId).ThenBy(r => r.Kind).ThenBy(r => r.PipelineId).ThenBy(r => r.TeamId)
            .ToListAsync(cancellationToken)).Select(r => r.ToFigure()).ToList();
}
