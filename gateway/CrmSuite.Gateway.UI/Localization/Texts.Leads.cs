using CrmSuite.Clients.Contracts;

namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    public static class Leads
    {
        public static readonly Text Title = new("Лиды", "Leads");
        public static readonly Text NewLead = new("Новый лид", "New lead");
        public static readonly Text SearchPlaceholder = new("Поиск по имени, компании, email или телефону", "Search by name, company, email or phone");
        public static readonly Text AnyStatus = new("Любой статус", "Any status");
        public static readonly Text AnySource = new("Любой источник", "Any source");
        public static readonly Text OnlyMine = new("Только мои", "Only mine");
        public static readonly Text Unassigned = new("Без ответственного", "Unassigned");
        public static readonly Text NoLeads = new("Лидов пока нет", "No leads yet");
        public static readonly Text NoLeadsHint = new(
            "Лиды приходят с веб-форм на вашем сайте, из API и звонков. Настройте веб-форму в разделе «Веб-формы».",
            "Leads come from web forms on your site, the API and phone calls. Set up a web form under “Web forms”.");
        public static readonly Text NothingFound = new("Под фильтр ничего не попало", "Nothing matches the filter");
        public static readonly Text NothingFoundHint = new("Измените поиск или фильтры.", "Change the search or the filters.");
        public static readonly Text Person = new("Имя", "Name");
        public static readonly Text Company = new("Компания", "Company");
        public static readonly Text Email = new("Email", "Email");
        public static readonly Text Phone = new("Телефон", "Phone");
        public static readonly Text Inn = new("ИНН", "INN");
        public static readonly Text Message = new("Сообщение", "Message");
        public static readonly Text Region = new("Регион", "Region");
        public static readonly Text Tags = new("Теги", "Tags");
        public static readonly Text Status = new("Статус", "Status");
        public static readonly Text Source = new("Источник", "Source");
        public static readonly Text SourceDetails = new("Подробности источника", "Source details");
        public static readonly Text PageUrl = new("Страница", "Page");
        public static readonly Text Owner = new("Ответственный", "Responsible");
        public static readonly Text Created = new("Создан", "Created");
        public static readonly Text BackToList = new("К списку лидов", "Back to leads");
        public static readonly Text NotFoundTitle = new("Лид не найден", "Lead not found");
        public static readonly Text Start = new("Взять в работу", "Take into work");
        public static readonly Text Reject = new("Отклонить", "Reject");
        public static readonly Text RejectReason = new("Причина отказа", "Reason");
        public static readonly Text Convert = new("Конвертировать", "Convert");
        public static readonly Text OpenCompany = new("Открыть компанию", "Open the company");
        public static readonly Text ConvertTitle = new("Конвертировать лид в клиента", "Convert the lead into a client");
        public static readonly Text ConvertIntro = new(
            "Будут созданы компания и контакт. Если клиент уже есть в базе, присоедините лид к нему.",
            "A company and a contact will be created. If the client is already in the base, attach the lead to it.");
        public static readonly Text Duplicates = new("Похожие компании", "Similar companies");
        public static readonly Text NoDuplicates = new("Похожих компаний не найдено.", "No similar companies found.");
        public static readonly Text HiddenDuplicates = new("Ещё похожих компаний, которые вам не видны: {0}.", "More similar companies you cannot see: {0}.");
        public static readonly Text MatchedOn = new("Совпадает: {0}", "Matches: {0}");
        public static readonly Text CreateNew = new("Создать новую компанию", "Create a new company");
        public static readonly Text AttachTo = new("Присоединить к «{0}»", "Attach to “{0}”");
        public static readonly Text NewCompanyName = new("Название новой компании", "New company's name");
        public static readonly Text OpenDeal = new("Открыть сделку в первой стадии воронки", "Open a deal in the first stage of the pipeline");
        public static readonly Text Converted = new("Лид конвертирован", "Lead converted");

        public static readonly Text StatusNew = new("Новый", "New");
        public static readonly Text StatusInProgress = new("В работе", "In progress");
        public static readonly Text StatusConverted = new("Конвертирован", "Converted");
        public static readonly Text StatusRejected = new("Отклонён", "Rejected");
        public static readonly Text SourceWebForm = new("Веб-форма", "Web form");
        public static readonly Text SourceApi = new("API", "API");
        public static readonly Text SourcePhone = new("Звонок", "Phone call");
        public static readonly Text SourceEmail = new("Email", "Email");

        public static Text StatusOf(LeadStatus status) => status switch
        {
            LeadStatus.New => StatusNew,
            LeadStatus.InProgress => StatusInProgress,
            LeadStatus.Converted => StatusConverted,
            _ => StatusRejected,
        };

        public static Text SourceOf(LeadSource source) => source switch
        {
            LeadSource.WebForm => SourceWebForm,
            LeadSource.Api => SourceApi,
            LeadSource.PhoneCall => SourcePhone,
            _ => SourceEmail,
        };
    }

    public static class LeadSettings
    {
        public static readonly Text WebForms = new("Веб-формы", "Web forms");
        public static readonly Text Rules = new("Правила распределения", "Assignment rules");
        public static readonly Text Telephony = new("Телефония", "Telephony");
        public static readonly Text NewForm = new("Новая веб-форма", "New web form");
        public static readonly Text FormName = new("Название", "Name");
        public static readonly Text AllowedOrigins = new("Сайты, с которых можно отправлять (по одному в строке)", "Sites allowed to post it (one per line)");
        public static readonly Text FormsIntro = new(
            "Вставьте код формы на страницу своего сайта: заявки станут лидами. Сайт должен быть в списке разрешённых.",
            "Paste the form's code into a page of your site: its submissions become leads. The site must be among the allowed ones.");
        public static readonly Text NoForms = new("Веб-форм пока нет", "No web forms yet");
        public static readonly Text NoFormsHint = new("Создайте форму и вставьте её код на свой сайт.", "Create a form and paste its code into your site.");
        public static readonly Text Snippet = new("Код для сайта", "Code for your site");
        public static readonly Text Enabled = new("Включена", "Enabled");
        public static readonly Text Disabled = new("Выключена", "Disabled");
        public static readonly Text RulesIntro = new(
            "Правила проверяются сверху вниз; новый лид получает первое подходящее. Пустое условие подходит всем. Несколько менеджеров — по очереди.",
            "Rules are checked top to bottom; a new lead gets the first that matches. An empty condition matches everything. Several managers take turns.");
        public static readonly Text AddRule = new("Добавить правило", "Add a rule");
        public static readonly Text NoRules = new("Правил нет: лиды приходят без ответственного", "No rules: leads arrive unassigned");
        public static readonly Text RuleName = new("Правило", "Rule");
        public static readonly Text Managers = new("Менеджеры (по очереди)", "Managers (in turn)");
        public static readonly Text Team = new("Команда", "Team");
        public static readonly Text Tag = new("Тег", "Tag");
        public static readonly Text MoveUp = new("Выше", "Up");
        public static readonly Text Remove = new("Удалить", "Remove");
        public static readonly Text NewIntegration = new("Подключить телефонию", "Connect telephony");
        public static readonly Text IntegrationName = new("Название (АТС, провайдер)", "Name (PBX, provider)");
        public static readonly Text TelephonyIntro = new(
            "АТС сообщает о звонках на адрес ниже с секретом в заголовке X-Telephony-Secret. Звонок известного клиента попадает в его карточку, звонок с нового номера становится лидом.",
            "The PBX reports calls to the address below with the secret in the X-Telephony-Secret header. A known client's call goes to their card; a call from a new number becomes a lead.");
        public static readonly Text WebhookUrl = new("Адрес вебхука", "Webhook address");
        public static readonly Text Secret = new("Секрет", "Secret");
        public static readonly Text NoIntegrations = new("Телефония не подключена", "No telephony connected");
        public static readonly Text Revoke = new("Отключить", "Disconnect");
        public static readonly Text Revoked = new("Отключена", "Disconnected");
    }

    /// <summary>A lead typed in by a person (issue 11, item 14g).</summary>
    public static class NewLeadForm
    {
        public static readonly Text Created = new("Лид создан", "Lead created");
    }
}
