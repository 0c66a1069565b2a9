using System.Globalization;

namespace CrmSuite.Scheduling.Api.WebPush;

/// <summary>
/// What the service worker shows (gateway wwwroot/crm-push-sw.js): the JSON payload of one push.
/// <paramref name="Tag"/> is the reminder's id, so a reminder delivered twice replaces itself on
/// the screen instead of showing twice; <paramref name="Url"/> is the staff UI page opened on click.
/// </summary>
public sealed record PushNotification(string Title, string Body, string Url, string Tag)
{
    /// <summary>A reminder of an item: its title, its start in the item's own zone and its place.</summary>
    public static PushNotification ForReminder(Guid reminderId, Guid itemId, string title, DateTimeOffset startsAt, string timeZone, string? place)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(startsAt, zone);
        // Digits read the same in Russian and English; the item's zone is the one its people plan in.
        var when = local.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
        var body = string.IsNullOrWhiteSpace(place) ? when : $"{when} · {place.Trim()}";
        var url = string.Create(CultureInfo.InvariantCulture, $"/calendar?date={local:yyyy-MM-dd}&item={itemId}");
        return new PushNotification(title, body, url, reminderId.ToString());
    }
}
