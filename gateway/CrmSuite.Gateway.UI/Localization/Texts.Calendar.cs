namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    public static class Calendar
    {
        public static readonly Text Title = new("Календарь", "Calendar");
        public static readonly Text Day = new("День", "Day");
        public static readonly Text Week = new("Неделя", "Week");
        public static readonly Text Month = new("Месяц", "Month");
        public static readonly Text Today = new("Сегодня", "Today");
        public static readonly Text Previous = new("Назад", "Previous");
        public static readonly Text Next = new("Вперёд", "Next");
        public static readonly Text New = new("Запланировать", "Plan");
        public static readonly Text NewTitle = new("Новая встреча, звонок или задача", "New meeting, call or task");
        public static readonly Text EditTitle = new("«{0}»", "“{0}”");
        public static readonly Text Whose = new("Чей календарь", "Whose calendar");
        public static readonly Text Mine = new("Мой", "Mine");
        public static readonly Text Everyone = new("Все, кого я вижу (команда)", "Everyone I see (team)");
        public static readonly Text Moved = new("«{0}» перенесено", "“{0}” moved");
        public static readonly Text MoveRefused = new("«{0}» не перенесено:", "“{0}” was not moved:");
        public static readonly Text SeriesNotByDrag = new(
            "Повторяющееся событие пока нельзя перенести перетаскиванием: откройте его и измените серию.",
            "A recurring event cannot be moved by dragging yet: open it and change the series.");
        public static readonly Text TaskHasNoEnd = new(
            "У задачи есть только срок — перетащите её, чтобы перенести срок.",
            "A task has a due time only: drag it to move the due time.");
        public static readonly Text DoneNotMoved = new("Выполненное больше не переносится.", "A completed item is no longer moved.");

        public static readonly Text Kind = new("Тип", "Type");
        public static readonly Text Meeting = new("Встреча", "Meeting");
        public static readonly Text Call = new("Звонок", "Call");
        public static readonly Text Task = new("Задача", "Task");
        public static readonly Text ItemTitle = new("Название", "Title");
        public static readonly Text Description = new("Описание", "Description");
        public static readonly Text Start = new("Начало", "Start");
        public static readonly Text End = new("Окончание", "End");
        public static readonly Text Due = new("Срок", "Due");
        public static readonly Text AllDay = new("Весь день", "All day");
        public static readonly Text TimeZone = new("Часовой пояс", "Time zone");
        public static readonly Text Place = new("Место", "Place");
        public static readonly Text OnlineLink = new("Ссылка на онлайн-встречу", "Online meeting link");
        public static readonly Text Company = new("Компания", "Company");
        public static readonly Text Deal = new("Сделка", "Deal");
        public static readonly Text Lead = new("Лид", "Lead");
        public static readonly Text ChooseCompany = new("Начните вводить название компании", "Start typing the company name");
        public static readonly Text ChooseDeal = new("Начните вводить название сделки", "Start typing the deal title");
        public static readonly Text ResultRequired = new("При выполнении нужен результат", "A result is required on completion");
        public static readonly Text Owner = new("Автор", "Planned by");
        public static readonly Text Assignee = new("Исполнитель", "Assignee");
        public static readonly Text Status = new("Статус", "Status");
        public static readonly Text StatusOpen = new("Запланировано", "Planned");
        public static readonly Text StatusInProgress = new("В работе", "In progress");
        public static readonly Text StatusDone = new("Выполнено", "Done");
        public static readonly Text StatusCancelled = new("Отменено", "Cancelled");
        public static readonly Text Overdue = new("Просрочено", "Overdue");
        public static readonly Text Repeats = new("Повторяется", "Repeats");
        public static readonly Text Result = new("Результат", "Result");
        public static readonly Text ResultHint = new("Что получилось: итог встречи, звонка или задачи", "What came of it: the outcome of the meeting, call or task");
        public static readonly Text Complete = new("Выполнить", "Complete");
        public static readonly Text Created = new("«{0}» запланировано", "“{0}” planned");
        public static readonly Text When = new("Когда", "When");
        public static readonly Text NoLinks = new("Не связано с клиентом", "Not linked to a client");
        public static readonly Text PlanCall = new("Запланировать звонок", "Plan a call");
        public static readonly Text NoAccess = new("Календарь вашей роли не открыт", "Your role does not open the calendar");
        public static readonly Text NoCompanyItems = new("С этой компанией пока ничего не запланировано", "Nothing planned with this company yet");
    }

    public static class MyWork
    {
        public static readonly Text Title = new("Мои дела", "My work");
        public static readonly Text Overdue = new("Просрочено", "Overdue");
        public static readonly Text Today = new("Сегодня", "Today");
        public static readonly Text NextDays = new("Ближайшие 7 дней", "Next 7 days");
        public static readonly Text Nothing = new("Ничего не запланировано — свободная неделя.", "Nothing planned: a free week.");
    }
}
