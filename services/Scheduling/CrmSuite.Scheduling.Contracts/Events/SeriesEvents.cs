namespace CrmSuite.Scheduling.Contracts.Events;

/// <summary>
/// A series was changed "from this occurrence on": the old item now ends before
/// <paramref name="FromStartsAt"/> and <paramref name="NewItemId"/> (null when the following
/// occurrences were cancelled) continues it with the changes.
/// </summary>
public sealed record SeriesSplit(Guid ItemId, Guid? NewItemId, DateTimeOffset FromStartsAt, string ChangedBy, DateTimeOffset OccurredAt)
{
    public const string Topic = "scheduling.series-split";
}
