namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    public static class Deals
    {
        public static readonly Text Nav = new("Сделки", "Deals");
        public static readonly Text Title = new("Сделки", "Deals");
        public static readonly Text New = new("Новая сделка", "New deal");
        public static readonly Text EditTitle = new("Сделка «{0}»", "Deal “{0}”");
        public static readonly Text Created = new("Сделка создана", "Deal created");
        public static readonly Text Moved = new("Сделка перенесена в «{0}»", "Deal moved to “{0}”");
        public static readonly Text Board = new("Доска", "Board");
        public static readonly Text List = new("Список", "List");
        public static readonly Text Pipeline = new("Воронка", "Pipeline");
        public static readonly Text Stage = new("Этап", "Stage");
        public static readonly Text DealTitle = new("Название", "Title");
        public static readonly Text Company = new("Компания", "Company");
        public static readonly Text ChooseCompany = new("Начните вводить название компании", "Start typing the company name");
        public static readonly Text Contact = new("Контакт", "Contact");
        public static readonly Text NoContact = new("Без контакта", "No contact");
        public static readonly Text Amount = new("Сумма", "Amount");
        public static readonly Text Currency = new("Валюта", "Currency");
        public static readonly Text CurrencyHint = new("Код ISO 4217, например RUB", "ISO 4217 code, e.g. RUB");
        public static readonly Text Probability = new("Вероятность, %", "Probability, %");
        public static readonly Text ExpectedClose = new("Ожидаемое закрытие", "Expected close");
        public static readonly Text Owner = new("Ответственный", "Responsible");
        public static readonly Text Updated = new("Изменена", "Updated");
        public static readonly Text LostReason = new("Причина проигрыша", "Lost reason");
        public static readonly Text LostQuestion = new("Почему сделка «{0}» проиграна?", "Why was “{0}” lost?");
        public static readonly Text MarkLost = new("Отметить проигранной", "Mark as lost");
        public static readonly Text SearchPlaceholder = new("Поиск по названию сделки", "Search deal titles");
        public static readonly Text NoDeals = new("Сделок пока нет", "No deals yet");
        public static readonly Text NoDealsHint = new("Создайте сделку кнопкой «Новая сделка».", "Create one with the “New deal” button.");
        public static readonly Text NothingFound = new("По запросу «{0}» сделок не найдено", "No deals found for “{0}”");
        public static readonly Text EmptyColumn = new("Перетащите сюда сделку", "Drop a deal here");
        public static readonly Text MoreInList = new("Показаны первые {0}; остальные — в списке", "First {0} shown; see the list for the rest");
        public static readonly Text NoPipeline = new("Нет активной воронки", "No active pipeline");
        public static readonly Text NoPipelineHint = new(
            "Администратор создаёт воронки и этапы в настройках воронок.",
            "An administrator sets up pipelines and stages in the pipeline settings.");
        public static readonly Text History = new("История этапов", "Stage history");
        public static readonly Text HistoryEmpty = new("Этап ещё не менялся", "The stage has not changed yet");
        public static readonly Text HistoryFrom = new("Из этапа", "From");
        public static readonly Text HistoryTo = new("В этап", "To");
        public static readonly Text HistoryAt = new("Когда", "When");
        public static readonly Text HistoryBy = new("Кто", "Who");
        public static readonly Text HistoryStart = new("(создана)", "(created)");
        public static readonly Text Settings = new("Настройки воронок", "Pipeline settings");
        public static readonly Text NoCompanyDeals = new("У компании пока нет сделок", "This company has no deals yet");
        public static readonly Text KindOpen = new("Открыт", "Open");
        public static readonly Text KindWon = new("Выигрыш", "Won");
        public static readonly Text KindLost = new("Проигрыш", "Lost");
    }

    public static class Pipelines
    {
        public static readonly Text NewPipeline = new("Новая воронка", "New pipeline");
        public static readonly Text Name = new("Название воронки", "Pipeline name");
        public static readonly Text Rename = new("Переименовать", "Rename");
        public static readonly Text AddStage = new("Добавить этап", "Add stage");
        public static readonly Text StageName = new("Название этапа", "Stage name");
        public static readonly Text Kind = new("Тип", "Kind");
        public static readonly Text Probability = new("Вероятность, %", "Probability, %");
        public static readonly Text MoveUp = new("Выше", "Move up");
        public static readonly Text MoveDown = new("Ниже", "Move down");
        public static readonly Text Remove = new("Удалить", "Remove");
        public static readonly Text ArchiveQuestion = new(
            "Перенести воронку «{0}» в архив? Она исчезнет с доски, сделки и их история сохранятся.",
            "Archive the pipeline “{0}”? It leaves the board; its deals and their history stay.");
        public static readonly Text RemoveQuestion = new("Удалить этап «{0}»?", "Remove the stage “{0}”?");
        public static readonly Text Changed = new("Воронка сохранена", "Pipeline saved");
    }

    /// <summary>A stage move that changes the deal's probability says so (issue 11, item 14f).</summary>
    public static class DealProbability
    {
        public static readonly Text ChangedByStage = new("Вероятность изменилась с {0}% на {1}% по этапу", "Probability changed from {0}% to {1}% by the stage");
    }
}
