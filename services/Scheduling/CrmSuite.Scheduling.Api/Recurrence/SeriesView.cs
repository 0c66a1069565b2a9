using CrmSuite.Scheduling.Api.Items;
using Ical.Net.DataTypes;
using Ical.Net.Serialization.DataTypes;

namespace CrmSuite.Scheduling.Api.Recurrence;

/// <summary>
/// One occurrence of a series changed on its own: its key is its start by the rule
/// (<see cref="OriginalStart"/>, local in the item's zone), its own start and end (local, same
/// zone), and its own title and place (null: the series'). A cancelled occurrence is no override
/// but an EXDATE (<see cref="ScheduledItem.RecurrenceExceptions"/>).
/// </summary>
public sealed record OccurrenceOverride(DateTime OriginalStart, DateTime StartLocal, DateTime EndLocal, string? Title, string? Place);

/// <summary>
/// A series as people see it: the rule's occurrences (by Ical.Net, <see cref="Series"/>) with the
/// changed ones at their own times (also when moved into or out of the asked window) and the
/// cancelled ones left out.
/// </summary>
public static class SeriesView
{
    /// <summary>
    /// Whether the item's rule makes occurrences: a recurring meeting or call. A recurring task is
    /// one open instance at a time; its rule only plans the next instance (<see cref="RecurringTasks"/>).
    /// </summary>
    public static bool Expands(this ScheduledItem item) => item.Recurrence is not null && item.Kind != ItemKind.Task;

    /// <summary>The item's occurrences overlapping [from, to), changed ones applied, ordered by start.</summary>
    public static IReadOnlyList<Occurrence> Between(ScheduledItem item, DateTimeOffset from, DateTimeOffset to)
    {
        var expanded = Series.Expand(item.StartLocal, item.EndLocal, item.TimeZone, item.Expands() ? item.Recurrence : null, item.RecurrenceExceptions, from, to);
        if (!item.Expands())
        {
            return expanded;
        }
        var changed = Live(item).ToDictionary(o => o.OriginalStart);
        var found = expanded.Where(o => !changed.ContainsKey(o.StartLocal)).Select(o => o with { OriginalStartLocal = o.StartLocal }).ToList();
        foreach (var change in changed.Values)
        {
            var made = Made(item, change);
            if (made.EndsAt >= from && made.StartsAt < to)
            {
                found.Add(made);
            }
        }
        return [.. found.OrderBy(o => o.StartsAt).ThenBy(o => o.OriginalStartLocal).Take(Series.MaxOccurrences)];
    }

    /// <summary>Whether the series (its rule and exceptions) has an occurrence starting at <paramref name="originalStart"/>.</summary>
    public static bool Has(ScheduledItem item, DateTime originalStart)
    {
        if (!item.Expands())
        {
            return false;
        }
        var at = Series.ToUtc(originalStart, item.TimeZone);
        return Series.Expand(item.StartLocal, item.EndLocal, item.TimeZone, item.Recurrence, item.RecurrenceExceptions, at, at + TimeSpan.FromMinutes(1))
            .Any(o => o.StartLocal == originalStart);
    }

    /// <summary>
    /// After the series itself changed: drops changed occurrences that are no longer in it (the
    /// rule, start or exceptions changed) and widens the series' end to its latest changed occurrence,
    /// so a range query still finds an occurrence moved past the rule's last one.
    /// </summary>
    public static void Settle(ScheduledItem item)
    {
        item.OccurrenceOverrides = item.Expands() ? [.. item.OccurrenceOverrides.Where(o => Has(item, o.OriginalStart)).OrderBy(o => o.OriginalStart)] : [];
        var pattern = item.Expands() ? new RecurrencePattern(item.Recurrence!) : null;
        var end = Series.SeriesEnd(item.StartLocal, item.EndLocal, item.TimeZone, pattern, item.RecurrenceExceptions);
        foreach (var change in item.OccurrenceOverrides)
        {
            var changedEnd = Series.ToUtc(change.EndLocal, item.TimeZone);
            if (end is { } e && changedEnd > e)
            {
                end = changedEnd;
            }
        }
        item.SeriesEndsAt = end;
    }

    /// <summary>
    /// A series split at the occurrence starting <paramref name="original"/>: the old rule ending
    /// before it (UNTIL, COUNT dropped), and the following series' rule: <paramref name="followingRule"/>,
    /// or, when that is the old rule with a COUNT, the same rule with the occurrences it had left.
    /// </summary>
    public static (string Ended, string? Following) Split(ScheduledItem item, DateTime original, string? followingRule)
    {
        var rule = item.Recurrence ?? throw new InvalidOperationException("Only a series is split.");
        var old = new RecurrencePattern(rule);
        var splitAt = Series.ToUtc(original, item.TimeZone);
        var ended = new RecurrencePattern(rule)
        {
            Count = null,
            // UNTIL is a date for an all-day series and a UTC time otherwise (RFC 5545 3.3.10).
            Until = item.AllDay ? new CalDateTime(DateOnly.FromDateTime(original.AddDays(-1)))
                : new CalDateTime(DateTime.SpecifyKind((splitAt - TimeSpan.FromSeconds(1)).UtcDateTime, DateTimeKind.Utc), CalDateTime.UtcTzId),
        };
        if (followingRule is null)
        {
            return (Text(ended), null);
        }
        var following = new RecurrencePattern(followingRule);
        if (followingRule == rule && old.Count is { } count)
        {
            // COUNT counts the rule's occurrences before EXDATEs are taken out (RFC 5545 3.8.5.1).
            var earlier = Series.Expand(item.StartLocal, item.EndLocal, item.TimeZone, rule, [], item.StartsAt, splitAt).Count(o => o.StartLocal < original);
            following.Count = count - earlier;
        }
        return (Text(ended), Text(following));
    }

    private static string Text(RecurrencePattern pattern) => new RecurrenceRuleSerializer().SerializeToString(pattern) ?? string.Empty;

    private static IEnumerable<OccurrenceOverride> Live(ScheduledItem item) =>
        item.OccurrenceOverrides.Where(o => !item.RecurrenceExceptions.Contains(o.OriginalStart));

    private static Occurrence Made(ScheduledItem item, OccurrenceOverride change) =>
        new(change.StartLocal, change.EndLocal, Series.ToUtc(change.StartLocal, item.TimeZone), Series.ToUtc(change.EndLocal, item.TimeZone),
            change.OriginalStart, Changed: true, change.Title, change.Place);
}
