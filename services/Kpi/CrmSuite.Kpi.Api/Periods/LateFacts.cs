using CrmSuite.Kpi.Api.Facts;

namespace CrmSuite.Kpi.Api.Periods;

/// <summary>
/// A fact counted for a day of a closed period arrived after the close: the period is marked
/// needs-recalculation in the fact's own transaction (one UPDATE per batch on the few closed periods). It
/// must run after the batch's projection upsert: a close or recalculation locks daily_figures first, so the fact either is in their results or waits for them and then finds the
/// period closed.
/// <para>
/// Only a period that has ended can be closed, so a fact of the current month (or a later one) cannot
/// fall in a closed period: it costs no query. Two days of margin keep that true for a server whose clock
/// lags the one that closed last month at midnight.
/// </para>
/// </summary>
public static class LateFacts
{
    /// <summary>Marks the closed periods the counted facts fall in: one UPDATE for the batch's distinct early days, none when it has none.</summary>
    /// <param name="today">Today in the company's time zone.</param>
    internal static Task MarkAsync(FactBatchSql batch, IEnumerable<Fact> facts, DateOnly today, CancellationToken ct)
    {
        var lagging = today.AddDays(-2);
        var surelyOpenFrom = new DateOnly(lagging.Year, lagging.Month, 1);
        var days = facts.Where(f => f.Counted && f.Day < surelyOpenFrom).Select(f => f.Day).Distinct().ToArray();
        if (days.Length == 0)
        {
            return Task.CompletedTask;
        }
        return batch.ExecuteAsync("""
            UPDATE kpi_periods SET status = @status, marked_at = now()
            WHERE status = @closed AND EXISTS (SELECT 1 FROM unnest(@days::date[]) AS d WHERE first_day <= d AND last_day >= d)
            """, ct, ("status", PeriodStatus.NeedsRecalculation), ("closed", PeriodStatus.Closed), ("days", days));
    }
}
