using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Periods;

/// <summary>
/// A fact counted for a day of a closed period arrived after the close: the period is marked
/// needs-recalculation in the fact's own transaction (one UPDATE on the few closed periods, through the
/// index on their days). It must run after the fact's projection upsert: a close or recalculation locks
/// daily_figures first, so the fact either is in their results or waits for them and then finds the
/// period closed.
/// <para>
/// Only a period that has ended can be closed, so a fact of the current month (or a later one) cannot
/// fall in a closed period: it costs no query. Two days of margin keep that true for a server whose clock
/// lags the one that closed last month at midnight.
/// </para>
/// </summary>
public static class LateFacts
{
    /// <param name="today">Today in the company's time zone.</param>
    public static Task MarkAsync(KpiDbContext db, Fact fact, DateOnly today, CancellationToken ct)
    {
        var lagging = today.AddDays(-2);
        var surelyOpenFrom = new DateOnly(lagging.Year, lagging.Month, 1);
        if (!fact.Counted || fact.Day >= surelyOpenFrom)
        {
            return Task.CompletedTask;
        }
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE kpi_periods SET status = {PeriodStatus.NeedsRecalculation}, marked_at = now()
            WHERE first_day <= {fact.Day} AND last_day >= {fact.Day} AND status = {PeriodStatus.Closed}
            """, ct);
    }
}
