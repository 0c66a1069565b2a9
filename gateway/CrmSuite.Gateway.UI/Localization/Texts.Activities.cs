namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>Activity types and plans (Activities/): their settings page and applying a plan on a company's or deal's card.</summary>
    public static class Activities
    {
        public static readonly Text Settings = new("Типы дел и планы", "Activity types and plans");
        public static readonly Text SettingsHint = new(
            "Типы дел задают, с чем начинается звонок, встреча или задача: длительность, напоминания, нужен ли результат и что делать дальше. План — это список дел, который одним действием ставится компании или сделке.",
            "Activity types say what a call, meeting or task starts with: its length, reminders, whether a result is needed and what comes next. A plan is a list of activities given to a company or deal in one step.");
        public static readonly Text Saved = new("Сохранено", "Saved");
        public static readonly Text Archived = new("«{0}» в архиве", "“{0}” archived");
        public static readonly Text ArchiveQuestion = new("Убрать «{0}» в архив? Новые дела этого вида больше не предлагаются; уже запланированные остаются.",
            "Archive “{0}”? It is no longer offered for new activities; those already planned keep it.");

        public static readonly Text Types = new("Типы дел", "Activity types");
        public static readonly Text AddType = new("Новый тип", "New type");
        public static readonly Text EditType = new("Тип дела", "Activity type");
        public static readonly Text NoTypes = new("Типов дел пока нет", "No activity types yet");
        public static readonly Text NoTypesHint = new("Создайте тип, например «Демонстрация» или «Выезд на объект».", "Create one, for example “Demo” or “Site visit”.");
        public static readonly Text NameRu = new("Название по-русски", "Name in Russian");
        public static readonly Text NameEn = new("Название по-английски", "Name in English");
        public static readonly Text Kind = new("Что это", "What it is");
        public static readonly Text Length = new("Длительность по умолчанию, мин", "Default length, min");
        public static readonly Text LengthShort = new("{0} мин", "{0} min");
        public static readonly Text Reminders = new("Напоминания по умолчанию", "Default reminders");
        public static readonly Text NoReminders = new("без напоминаний", "no reminders");
        public static readonly Text MinutesBefore = new("за {0} мин", "{0} min before");
        public static readonly Text HoursBefore = new("за {0} ч", "{0} h before");
        public static readonly Text DaysBefore = new("за {0} дн.", "{0} days before");
        public static readonly Text ResultRequired = new("Нужен результат при выполнении", "A result is required on completion");
        public static readonly Text ResultRequiredShort = new("нужен результат", "result required");
        public static readonly Text NextType = new("Что дальше: следующий тип", "What next: the next type");
        public static readonly Text NoNext = new("Ничего не предлагать", "Suggest nothing");
        public static readonly Text NextInDays = new("Через сколько дней", "In how many days");
        public static readonly Text NextShort = new("дальше: {0} через {1} дн.", "next: {0} in {1} days");
        public static readonly Text BuiltIn = new("встроенный", "built-in");
        public static readonly Text BuiltInHint = new("Встроенный тип: можно менять название и значения по умолчанию, но не «что это» и не убирать в архив.",
            "A built-in type: its names and defaults can be changed, but not what it is, and it cannot be archived.");

        public static readonly Text Plans = new("Планы", "Plans");
        public static readonly Text AddPlan = new("Новый план", "New plan");
        public static readonly Text EditPlan = new("План", "Plan");
        public static readonly Text NoPlans = new("Планов пока нет", "No plans yet");
        public static readonly Text NoPlansHint = new("План — это дела с отступами в днях, например: звонок сегодня, встреча через 3 дня, письмо через неделю.",
            "A plan is a list of activities with day offsets, for example: a call today, a meeting in 3 days, an e-mail in a week.");
        public static readonly Text PlanName = new("Название плана", "Plan name");
        public static readonly Text Steps = new("Дела плана", "The plan's activities");
        public static readonly Text AddStep = new("Добавить дело", "Add an activity");
        public static readonly Text RemoveStep = new("Убрать дело", "Remove the activity");
        public static readonly Text StepType = new("Тип", "Type");
        public static readonly Text StepTitle = new("Название (по умолчанию — тип)", "Title (default: the type)");
        public static readonly Text DayOffset = new("День (0 — в день применения)", "Day (0: the day applied)");
        public static readonly Text Assignee = new("Кто делает", "Who does it");
        public static readonly Text AssigneeCaller = new("Тот, кто применяет план", "The person applying the plan");
        public static readonly Text AssigneeManager = new("Ответственный менеджер клиента", "The client's responsible manager");
        public static readonly Text StepDay = new("день {0}", "day {0}");
        public static readonly Text UnknownType = new("тип в архиве", "an archived type");

        public static readonly Text ApplyPlan = new("Применить план", "Apply a plan");
        public static readonly Text ApplyTitle = new("Применить план дел", "Apply an activity plan");
        public static readonly Text ChoosePlan = new("План", "Plan");
        public static readonly Text StartDate = new("Начиная с", "Starting on");
        public static readonly Text TimeOfDay = new("Время каждого дела", "Time of each activity");
        public static readonly Text SkipWeekends = new("Переносить дела с выходных на понедельник", "Move activities off weekends to Monday");
        public static readonly Text Preview = new("Будут запланированы:", "Will be planned:");
        public static readonly Text Apply = new("Применить", "Apply");
        public static readonly Text Applied = new("Запланировано дел: {0}", "Activities planned: {0}");
        public static readonly Text NoPlansToApply = new("Планов нет: их создаёт администратор в настройках «Типы дел и планы».",
            "There are no plans: an administrator creates them in the “Activity types and plans” settings.");
    }
}
