namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>Activity types in the item form, reminders, and the Complete dialog with "what next".</summary>
    public static class ActivityForms
    {
        public static readonly Text ActivityType = new("Вид активности", "Activity type");
        public static readonly Text ChooseType = new("Выберите вид: звонок, встреча, письмо…", "Choose one: call, meeting, e-mail…");
        public static readonly Text Reminders = new("Напоминания", "Reminders");
        public static readonly Text NoReminders = new("Без напоминаний", "No reminders");
        public static readonly Text AtStart = new("В момент начала", "At the start");
        public static readonly Text MinutesBefore = new("За {0} мин", "{0} min before");
        public static readonly Text HoursBefore = new("За {0} ч", "{0} h before");
        public static readonly Text OneDayBefore = new("За 1 день", "1 day before");
        public static readonly Text DaysBefore = new("За {0} дн.", "{0} days before");

        public static readonly Text CompleteTitle = new("Выполнить «{0}»", "Complete “{0}”");
        public static readonly Text ResultRequiredHint = new("Обязательно: что получилось", "Required: what came of it");
        public static readonly Text PlanNext = new("Запланировать следующее действие", "Plan the next activity");
        public static readonly Text NextType = new("Что дальше", "What next");
        public static readonly Text NextWhen = new("Когда", "When");
        public static readonly Text NextTitle = new("Название следующего", "Title of the next one");
        public static readonly Text Completed = new("«{0}» выполнено", "“{0}” completed");
        public static readonly Text CompletedAndPlanned = new("«{0}» выполнено, запланировано «{1}»", "“{0}” completed; “{1}” planned");
    }
}
