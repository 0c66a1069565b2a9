namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>The overdue job's notifications in the bell and toasts (their text comes from the service, in the person's language).</summary>
    public static class OverdueNotices
    {
        public static readonly Text Overdue = new("Задача просрочена", "Task overdue");
        public static readonly Text Escalation = new("Просрочка в команде", "Overdue in your team");
        public static readonly Text Digest = new("Просроченные задачи команды", "Your team's overdue tasks");
    }
}
