namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>The notification bell in the top bar.</summary>
    public static class Bell
    {
        public static readonly Text Label = new("Уведомления", "Notifications");
        public static readonly Text UnreadLabel = new("Уведомления: непрочитанных {0}", "Notifications: {0} unread");
        public static readonly Text Reminder = new("Напоминание", "Reminder");
        public static readonly Text ReminderAt = new("«{0}» — {1}", "“{0}” — {1}");
        public static readonly Text Nothing = new("Уведомлений пока нет.", "No notifications yet.");
        public static readonly Text MarkAllRead = new("Отметить все прочитанными", "Mark all read");
        public static readonly Text Late = new("с опозданием", "late");
        public static readonly Text Unread = new("не прочитано", "unread");
        public static readonly Text Close = new("Закрыть", "Close");
    }
}
