using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>Changing a series from one of its occurrences (scheduling's UpdateItem with a scope), as the calendar's drag uses it.</summary>
public sealed class SeriesApi(SchedulingApi scheduling)
{
    /// <summary>
    /// Moves the occurrence <paramref name="entry"/> shows to new local times in the item's zone:
    /// only it, it and the following ones, or the whole series by as much (<paramref name="scope"/>);
    /// unspecified moves a single item as before.
    /// </summary>
    public Task<Item?> MoveAsync(CalendarEntry entry, SeriesScope scope, TimeZoneInfo viewer, string start, string end, ErrorState errors)
    {
        var request = SchedulingApi.UpdateOf(entry.Item);
        request.Start = start;
        request.End = end;
        if (scope != SeriesScope.Unspecified && OriginalStart(entry, viewer) is { } original)
        {
            request.Scope = scope;
            request.OccurrenceStart = original;
        }
        return scheduling.UpdateItemAsync(request, errors);
    }

    /// <summary>The original start (the series' key) of the occurrence an entry of the calendar shows.</summary>
    public static string? OriginalStart(CalendarEntry entry, TimeZoneInfo viewer) =>
        entry.Item.Occurrences.FirstOrDefault(o => o.OriginalStart.Length > 0 && (entry.AllDay
            ? LocalTimes.Parse(o.Start) == entry.Start
            : TimeZoneInfo.ConvertTime(o.StartsAt.ToDateTimeOffset(), viewer).DateTime == entry.Start))?.OriginalStart;
}
