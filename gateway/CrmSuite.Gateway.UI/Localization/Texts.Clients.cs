namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    public static class Clients
    {
        public static readonly Text FilterByField = new("Доп. поле", "Custom field");
        public static readonly Text NewCompany = new("Новая компания", "New company");
        public static readonly Text SearchPlaceholder = new(
            "Поиск по названию, ИНН, email или телефону",
            "Search by name, INN, email or phone");
        public static readonly Text IncludeArchived = new("Показывать архивные", "Include archived");
        public static readonly Text NoClientsYet = new("Клиентов пока нет", "No clients yet");
        public static readonly Text NoClientsYetHint = new(
            "Добавьте первую компанию кнопкой «Новая компания».",
            "Add the first company with the “New company” button.");
        public static readonly Text NothingFound = new("По запросу «{0}» ничего не найдено", "Nothing found for “{0}”");
        public static readonly Text NothingFoundHint = new(
            "Проверьте написание или включите архивные.",
            "Check the spelling or include archived companies.");
        public static readonly Text BackToList = new("К списку клиентов", "Back to clients");
        public static readonly Text TotalExact = new("Всего: {0:N0}", "Total: {0:N0}");
        public static readonly Text TotalEstimate = new("Всего: около {0:N0}", "Total: about {0:N0}");
        public static readonly Text TotalMoreThan = new("Больше {0:N0}", "More than {0:N0}");
    }

    public static class Company
    {
        public static readonly Text Name = new("Название", "Name");
        public static readonly Text Inn = new("ИНН", "INN");
        public static readonly Text Email = new("Email", "Email");
        public static readonly Text Phone = new("Телефон", "Phone");
        public static readonly Text PhoneHint = new("Например, +74951234567", "For example, +74951234567");
        public static readonly Text Created = new("Создана", "Created");
        public static readonly Text LastActivity = new("Последняя активность", "Last activity");
        public static readonly Text Updated = new("Изменена", "Updated");
        public static readonly Text Archived = new("В архиве", "Archived");
        public static readonly Text CreatedDone = new("Компания создана", "Company created");
        public static readonly Text ArchivedDone = new("Компания перенесена в архив", "Company archived");
        public static readonly Text RestoredDone = new("Компания возвращена из архива", "Company restored");
        public static readonly Text ArchiveQuestion = new(
            "Перенести «{0}» в архив? Компания пропадёт из списка, но её можно будет вернуть.",
            "Archive “{0}”? It disappears from the list but can be restored.");
        public static readonly Text ChangedMeanwhile = new(
            "Пока вы редактировали, компанию изменил кто-то другой. Показана последняя версия — внесите свои изменения ещё раз.",
            "Someone else changed this company while you were editing. The latest version is shown — please make your changes again.");
        public static readonly Text NotFoundTitle = new("Компания не найдена", "Company not found");
        public static readonly Text Contacts = new("Контакты", "Contacts");
        public static readonly Text Tasks = new("Задачи", "Tasks");
        public static readonly Text Documents = new("Документы", "Documents");
        public static readonly Text Deals = new("Сделки", "Deals");
        public static readonly Text Shipments = new("Отгрузки", "Shipments");
        public static readonly Text NoShipments = new("Отгрузок этой компании ещё не было", "Nothing has been shipped to this company yet");
        public static readonly Text NoShipmentsHint = new(
            "Отгрузка появится здесь, когда склад проведёт её с этим клиентом или сделка будет выиграна.",
            "A shipment appears here once the warehouse posts one to this client or a deal is won.");
        public static readonly Text NoWarehouseAccess = new("Нет доступа к складу", "No access to the warehouse");
    }

    public static class Contacts
    {
        public static readonly Text Add = new("Добавить контакт", "Add contact");
        public static readonly Text New = new("Новый контакт", "New contact");
        public static readonly Text Added = new("Контакт добавлен", "Contact added");
        public static readonly Text Archived = new("Контакт перенесён в архив", "Contact archived");
        public static readonly Text FullName = new("ФИО", "Full name");
        public static readonly Text Position = new("Должность", "Position");
        public static readonly Text None = new("Контактов пока нет", "No contacts yet");
        public static readonly Text NoneHint = new(
            "Добавьте людей, с которыми вы общаетесь в этой компании.",
            "Add the people you deal with at this company.");
        public static readonly Text ArchiveQuestion = new("Перенести контакт «{0}» в архив?", "Archive the contact “{0}”?");
    }

    public static class Requisites
    {
        public static readonly Text Title = new("Реквизиты", "Requisites");
        public static readonly Text Kpp = new("КПП", "KPP");
        public static readonly Text Ogrn = new("ОГРН / ОГРНИП", "OGRN / OGRNIP");
        public static readonly Text LegalForm = new("Организационно-правовая форма", "Legal form");
        public static readonly Text FullLegalName = new("Полное наименование", "Full legal name");
        public static readonly Text Bik = new("БИК", "BIK");
        public static readonly Text Account = new("Расчётный счёт", "Settlement account");
        public static readonly Text CorrespondentAccount = new("Корр. счёт", "Correspondent account");
        public static readonly Text BankName = new("Банк", "Bank");
        public static readonly Text Addresses = new("Адреса", "Addresses");
        public static readonly Text NoAddresses = new("Адресов нет", "No addresses");
        public static readonly Text AddAddress = new("Добавить адрес", "Add address");
        public static readonly Text AddPhone = new("Добавить телефон", "Add phone");
        public static readonly Text AddEmail = new("Добавить email", "Add email");
        public static readonly Text Remove = new("Удалить", "Remove");
        public static readonly Text Primary = new("Основной", "Primary");
        public static readonly Text Kind = new("Тип", "Kind");
        public static readonly Text AddressText = new("Адрес", "Address");
        public static readonly Text City = new("Город", "City");
        public static readonly Text Region = new("Регион", "Region");
        public static readonly Text Postcode = new("Индекс", "Postcode");
        public static readonly Text Tags = new("Теги", "Tags");
        public static readonly Text TagsHint = new("Через запятую, например: ключевой, опт", "Comma-separated, e.g. key client, wholesale");
        public static readonly Text NoTags = new("Тегов нет", "No tags");
        public static readonly Text FilterByTag = new("Тег", "Tag");
        public static readonly Text Manager = new("Ответственный", "Responsible manager");
        public static readonly Text Team = new("Команда", "Team");
        public static readonly Text Reassign = new("Передать", "Reassign");
        public static readonly Text ReassignTitle = new("Передать компанию", "Reassign the company");
        public static readonly Text NewManager = new("Новый ответственный", "New manager");
        public static readonly Text NoTeam = new("Без команды", "No team");
        public static readonly Text Reassigned = new("Ответственный изменён", "Manager changed");
        public static readonly Text Details = new("Карточка", "Details");

        public static readonly IReadOnlyList<(string, Text)> AddressKinds =
        [
            ("legal", new("Юридический", "Legal")),
            ("postal", new("Почтовый", "Postal")),
            ("delivery", new("Доставки", "Delivery")),
            ("other", new("Другой", "Other")),
        ];

        public static readonly IReadOnlyList<(string, Text)> PhoneKinds =
        [
            ("work", new("Рабочий", "Work")),
            ("mobile", new("Мобильный", "Mobile")),
            ("fax", new("Факс", "Fax")),
            ("other", new("Другой", "Other")),
        ];

        public static readonly IReadOnlyList<(string, Text)> EmailKinds =
        [
            ("work", new("Рабочий", "Work")),
            ("billing", new("Для счетов", "Billing")),
            ("other", new("Другой", "Other")),
        ];

        public static readonly IReadOnlyList<(string, Text)> ContactRoles =
        [
            ("decision_maker", new("ЛПР", "Decision maker")),
            ("accountant", new("Бухгалтер", "Accountant")),
            ("technical", new("Технический специалист", "Technical")),
            ("other", new("Другое", "Other")),
        ];
    }

    public static class Timeline
    {
        public static readonly Text Title = new("История", "Timeline");
        public static readonly Text Empty = new("Изменений пока нет", "No changes yet");
        public static readonly Text EmptyHint = new("Здесь появится каждое изменение карточки: кто, когда и что изменил.",
            "Every change of the card appears here: who changed what, and when.");
        public static readonly Text Field = new("Поле", "Field");
        public static readonly Text Before = new("Было", "Before");
        public static readonly Text After = new("Стало", "After");
        public static readonly Text ShowMore = new("Показать ещё", "Show more");

        public static readonly IReadOnlyList<(string, Text)> Actions =
        [
            ("company.created", new("Компания создана", "Company created")),
            ("company.updated", new("Карточка изменена", "Details changed")),
            ("company.assigned", new("Сменился ответственный", "Manager changed")),
            ("company.archived", new("Перенесена в архив", "Archived")),
            ("company.restored", new("Возвращена из архива", "Restored")),
            ("company.shared", new("Открыт доступ", "Shared")),
            ("company.custom_fields_changed", new("Изменены доп. поля", "Custom fields changed")),
            ("company.merged", new("Присоединена карточка", "Card merged in")),
            ("company.merged_into", new("Объединена с карточкой", "Merged into")),
            ("contact.created", new("Добавлен контакт", "Contact added")),
            ("contact.updated", new("Изменён контакт", "Contact changed")),
            ("contact.archived", new("Контакт в архиве", "Contact archived")),
            ("call.inbound", new("Входящий звонок", "Incoming call")),
            ("call.outbound", new("Исходящий звонок", "Outgoing call")),
            ("deal.lines_changed", new("Изменены товары сделки", "Deal products changed")),
            ("document.issued", new("Выставлен документ", "Document issued")),
            ("document.sent", new("Отправлен документ", "Document sent")),
            ("document.paid", new("Оплачен счёт", "Invoice paid")),
            ("document.signed", new("Подписан документ", "Document signed")),
            ("document.annulled", new("Аннулирован документ", "Document annulled")),
        ];

        public static readonly Text FromMergedCard = new("из карточки «{0}», присоединённой к этой", "from the card “{0}”, merged into this one");
        public static readonly Text CallNumber = new("Номер", "Number");
        public static readonly Text CallDuration = new("Длительность", "Duration");
        public static readonly Text CallRecording = new("Запись", "Recording");
    }

    public static class ContactRole
    {
        public static readonly Text Role = new("Роль", "Role");
        public static readonly Text NoRole = new("Не указана", "Not set");
        public static readonly Text AddPhone = new("Добавить телефон", "Add phone");
        public static readonly Text AddEmail = new("Добавить email", "Add email");
    }

    /// <summary>Values in the company timeline as a person reads them (issue 11, item 14b).</summary>
    public static class TimelineValues
    {
        public static readonly Text NotSet = new("не указано", "not set");
        public static readonly Text Yes = new("Да", "Yes");
        public static readonly Text No = new("Нет", "No");
        public static readonly Text PrimaryPoint = new("{0} (основной)", "{0} (primary)");
    }
}
