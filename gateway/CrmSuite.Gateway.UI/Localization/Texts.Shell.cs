namespace CrmSuite.Gateway.UI.Localization;

/// <summary>Every text the UI shows, in Russian and English, grouped by where it appears.</summary>
public static partial class Texts
{
    public static class Nav
    {
        public static readonly Text Label = new("Разделы", "Sections");
        public static readonly Text Home = new("Главная", "Home");
        public static readonly Text Clients = new("Клиенты", "Clients");
        public static readonly Text Calendar = new("Календарь", "Calendar");
        public static readonly Text Warehouse = new("Склад", "Warehouse");
        public static readonly Text Documents = new("Документы", "Documents");
        public static readonly Text Kpi = new("KPI", "KPI");
        public static readonly Text Audit = new("Аудит", "Audit");
        public static readonly Text AuditAlerts = new("Оповещения аудита", "Audit alerts");
        public static readonly Text Administration = new("Администрирование", "Administration");
        public static readonly Text Users = new("Пользователи", "Users");
        public static readonly Text Roles = new("Роли", "Roles");
        public static readonly Text Teams = new("Команды", "Teams");
        public static readonly Text Integrations = new("Интеграции", "Integrations");
    }

    public static class Layout
    {
        public static readonly Text SignOut = new("Выйти", "Sign out");
        public static readonly Text Language = new("Язык", "Language");
        public static readonly Text ToggleMenu = new("Показать или скрыть меню", "Show or hide the menu");
    }

    /// <summary>Language names are shown in their own language, whatever the UI language is.</summary>
    public static class Languages
    {
        public static readonly Text Russian = new("Русский", "Русский");
        public static readonly Text English = new("English", "English");
    }

    public static class Home
    {
        public static readonly Text Welcome = new("Здравствуйте, {0}!", "Hello, {0}!");
        public static readonly Text All = new("Все", "All");
        public static readonly Text MyOpenDeals = new("Мои открытые сделки", "My open deals");
        public static readonly Text NoOpenDeals = new("Открытых сделок нет.", "No open deals.");
        public static readonly Text MyOpenLeads = new("Мои заявки в работе", "My open leads");
        public static readonly Text NoOpenLeads = new("Новых заявок и заявок в работе нет.", "No new leads and none in progress.");
        public static readonly Text RecentClients = new("Недавние клиенты", "Recent clients");
        public static readonly Text NoClients = new("Клиентов пока нет.", "No clients yet.");
        public static readonly Text StockBelowMinimum = new("Остатки ниже минимума", "Stock below minimum");
        public static readonly Text NoStockBelowMinimum = new("Все остатки не ниже минимума.", "No stock is below its minimum.");
        public static readonly Text AvailableOfMinimum = new("доступно {0} при минимуме {1}", "{0} available, minimum {1}");
        public static readonly Text ReadsOverThreshold = new("{0} просмотров при пороге {1}", "{0} reads, threshold {1}");
        public static readonly Text NothingYet = new("Здесь пока нечего показать", "Nothing to show here yet");
        public static readonly Text NothingYetHint = new(
            "Вашей роли не открыт ни один раздел. Обратитесь к администратору.",
            "Your role opens no section yet. Ask your administrator.");
    }

    public static class ComingSoon
    {
        public static readonly Text Title = new("Раздел скоро появится", "Coming soon");
        /// <summary>The mark beside a section in the menu that is not there yet.</summary>
        public static readonly Text Soon = new("скоро", "soon");
        public static readonly Text Documents = new(
            "Файлы клиентов и сделок, шаблоны договоров и счетов, сквозная нумерация и отправка по почте.",
            "Files of clients and deals, contract and invoice templates, gapless numbering and sending by email.");
        public static readonly Text Kpi = new(
            "Воронка продаж, показатели менеджеров, планы и расчёт премий за период.",
            "The sales funnel, per-manager measures, targets and bonus calculation per period.");
    }

    public static class Common
    {
        public static readonly Text Create = new("Создать", "Create");
        public static readonly Text PageFailed = new("На странице произошла ошибка, и она больше не отвечает.", "Something went wrong on this page and it no longer responds.");
        public static readonly Text Reload = new("Обновить страницу", "Reload the page");
        public static readonly Text HiddenCompany = new("компания, недоступная вам", "a company you cannot see");
        public static readonly Text CompanyUnavailable = new("компания (не удалось загрузить название)", "a company (its name could not be loaded)");
        public static readonly Text HiddenDeal = new("сделка, недоступная вам", "a deal you cannot see");
        public static readonly Text Save = new("Сохранить", "Save");
        public static readonly Text Saved = new("Сохранено", "Saved");
        public static readonly Text Cancel = new("Отмена", "Cancel");
        public static readonly Text Edit = new("Изменить", "Edit");
        public static readonly Text Archive = new("В архив", "Archive");
        public static readonly Text Restore = new("Вернуть из архива", "Restore");
        public static readonly Text Done = new("Готово", "Done");
        public static readonly Text TryAgain = new("Повторить", "Try again");
        public static readonly Text Copy = new("Копировать", "Copy");
        public static readonly Text Copied = new("Скопировано", "Copied");
        public static readonly Text CopyByHand = new(
            "Браузер не дал скопировать — выделите значение и скопируйте вручную.",
            "The browser did not allow copying — select the value and copy it by hand.");
        public static readonly Text ShownOnce = new(
            "Скопируйте сейчас: это значение больше не будет показано.",
            "Copy it now: it will not be shown again.");
    }

    public static class Paging
    {
        public static readonly Text PageSize = new("На странице:", "Per page:");
        public static readonly Text Previous = new("Назад", "Previous");
        public static readonly Text Next = new("Вперёд", "Next");
        public static readonly Text Page = new("Страница {0}", "Page {0}");
    }

    public static class Errors
    {
        public static readonly Text InvalidInput = new(
            "Проверьте отмеченные поля.",
            "Please check the marked fields.");
        public static readonly Text FailedPrecondition = new(
            "Сейчас это действие невозможно: запись в неподходящем состоянии.",
            "This cannot be done right now: the record is not in a suitable state.");
        public static readonly Text AlreadyExists = new(
            "Такая запись уже есть.",
            "Such a record already exists.");
        public static readonly Text ChangedMeanwhile = new(
            "Запись только что изменил кто-то другой. Обновите страницу и повторите.",
            "Someone else has just changed this record. Reload and try again.");
        public static readonly Text NotFound = new(
            "Запись не найдена или у вас нет к ней доступа.",
            "Not found, or you have no access to it.");
        public static readonly Text NotAllowedTitle = new("Нет доступа", "Access denied");
        public static readonly Text NotAllowed = new(
            "У вас нет прав на это действие. Если они нужны для работы, обратитесь к администратору.",
            "You are not allowed to do this. If you need it for your work, ask your administrator.");
        public static readonly Text SessionExpired = new(
            "Сеанс истёк. Обновите страницу, чтобы войти снова.",
            "Your session has expired. Reload the page to sign in again.");
        public static readonly Text TooManyRequests = new(
            "Слишком много запросов. Подождите немного и повторите.",
            "Too many requests. Wait a moment and try again.");
        public static readonly Text Unavailable = new(
            "Сервис сейчас недоступен. Повторите через минуту.",
            "The service is not available right now. Try again in a minute.");
        public static readonly Text PageNotFoundTitle = new("Страница не найдена", "Page not found");
        public static readonly Text PageNotFound = new(
            "Такой страницы нет. Проверьте адрес или выберите раздел в меню.",
            "There is no such page. Check the address or choose a section in the menu.");
    }
}
