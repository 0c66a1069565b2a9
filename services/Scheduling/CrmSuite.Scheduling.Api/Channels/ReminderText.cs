using System.Globalization;
using System.Text;

namespace CrmSuite.Scheduling.Api.Channels;

/// <summary>
/// How a reminder reads outside the app, in the person's language (Russian unless they chose
/// English): the time in the item's own zone, the place or link, and where to open it.
/// </summary>
public static class ReminderText
{
    private static readonly CultureInfo Ru = CultureInfo.GetCultureInfo("ru-RU");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    private static bool English(string language) => language == "en";

    public static string When(ReminderMessage m)
    {
        var culture = English(m.Language) ? En : Ru;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(m.Item.TimeZone);
        var local = TimeZoneInfo.ConvertTime(m.StartsAt, zone);
        return m.Item.AllDay
            ? local.ToString("d MMMM yyyy", culture)
            : local.ToString("d MMMM yyyy, HH:mm", culture) + $" ({m.Item.TimeZone})";
    }

    private static string Kind(ReminderItem item, bool english) => (item.Kind, english) switch
    {
        ("meeting", true) => "Meeting",
        ("meeting", false) => "Встреча",
        ("call", true) => "Call",
        ("call", false) => "Звонок",
        (_, true) => "Task",
        _ => "Задача",
    };

    public static string Subject(ReminderMessage m) => English(m.Language)
        ? $"Reminder: {m.Item.Title} — {When(m)}"
        : $"Напоминание: {m.Item.Title} — {When(m)}";

    public static string Body(ReminderMessage m)
    {
        var en = English(m.Language);
        var text = new StringBuilder();
        text.AppendLine(en ? $"Hello, {m.PersonName}!" : $"Здравствуйте, {m.PersonName}!").AppendLine();
        text.AppendLine($"{Kind(m.Item, en)}: {m.Item.Title}");
        text.AppendLine((en ? "When: " : "Когда: ") + When(m));
        if (!string.IsNullOrWhiteSpace(m.Item.Place))
        {
            text.AppendLine((en ? "Where: " : "Где: ") + m.Item.Place);
        }
        if (!string.IsNullOrWhiteSpace(m.Item.OnlineLink))
        {
            text.AppendLine((en ? "Online: " : "Ссылка на встречу: ") + m.Item.OnlineLink);
        }
        if (m.Late)
        {
            text.AppendLine(en ? "This reminder comes late: the service could not send it on time." : "Напоминание опоздало: сервис не смог отправить его вовремя.");
        }
        text.AppendLine().AppendLine((en ? "Open in CrmSuite: " : "Открыть в CrmSuite: ") + m.ItemUrl);
        return text.ToString();
    }

    /// <summary>An SMS: one line, short.</summary>
    public static string Sms(ReminderMessage m)
    {
        var en = English(m.Language);
        var where = !string.IsNullOrWhiteSpace(m.Item.Place) ? ", " + m.Item.Place : string.Empty;
        return (en ? "Reminder: " : "Напоминание: ") + $"{m.Item.Title}, {When(m)}{where}";
    }

    public static string ChannelName(string channel, string language) => (channel, English(language)) switch
    {
        ("email", true) => "e-mail",
        ("email", false) => "электронной почте",
        ("sms", true) => "SMS",
        ("sms", false) => "SMS",
        ("webpush", true) => "browser notification",
        ("webpush", false) => "уведомлению в браузере",
        (var other, _) => other,
    };

    /// <summary>What the person's bell says about a reminder that could not be sent.</summary>
    public static string Failure(string language, string channel, string itemTitle, string reason)
    {
        var text = English(language)
            ? $"The reminder about «{itemTitle}» could not be sent by {ChannelName(channel, language)}: {reason}"
            : $"Напоминание о «{itemTitle}» не удалось отправить по {ChannelName(channel, language)}: {reason}";
        return text.Length > 300 ? text[..299] + "…" : text;
    }
}
