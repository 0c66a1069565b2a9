using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace CrmSuite.Scheduling.Api.Items;

/// <summary>The calendar's range condition, one way for the list and the feed.</summary>
public static class ItemWindow
{
    /// <summary>
    /// Items that touch [<paramref name="from"/>, <paramref name="to"/>): a single item or an
    /// occurrence of a series starting before <paramref name="to"/> whose series has not ended
    /// before <paramref name="from"/>. Answered from the GiST index on the span, so a week of a
    /// year's history costs the week, not the year.
    /// </summary>
    public static IQueryable<ScheduledItem> Overlapping(this IQueryable<ScheduledItem> items, DateTimeOffset from, DateTimeOffset to)
    {
        var window = new NpgsqlRange<DateTime>(from.UtcDateTime, true, to.UtcDateTime, false);
        return items.Where(i => i.Span.Overlaps(window));
    }
}
