using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Periods;

/// <summary>
/// A fact counted for a day of a closed period arrived after the close: the period is marked
/// needs-recalculation in the fact's own transaction (one UPDATE on the few closed periods, through the
/// index on their days; a fact of an open period changes nothing). It must run after the fact's
/// projection upsert: a close or recalculation locks daily_figures first, so the fact either is in
/// their results or waits for them and then finds the period closed.
/// </summary>
public static class LateFacts
{
    public static Task MarkAsync(KpiDbContext db, Fact fact, CancellationToken ct) =>
        !fact.Counted
            ? Task.CompletedTask
            : db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE kpi_periods SET status = {PeriodStatus.NeedsRecalculation}, marked_at = {fact.RecordedAt}
                WHERE first_day <= {fact.Day} AND last_day >= {fact.Day} AND status = {PeriodStatus.Closed}
                """, ct);
}
