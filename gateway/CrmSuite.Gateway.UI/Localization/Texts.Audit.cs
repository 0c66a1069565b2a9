using CrmSuite.Audit.Contracts;

namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    public static class Audit
    {
        public static readonly Text EntriesTab = new("Журнал", "Log");
        public static readonly Text AlertsTab = new("Оповещения", "Alerts");
        public static readonly Text AlertsIntro = new(
            "Сотрудники, которые за час просмотрели или выгрузили больше карточек клиентов, чем разрешено порогом.",
            "People who viewed or exported more client records in an hour than the threshold allows.");
        public static readonly Text Actor = new("Пользователь (id)", "User (id)");
        public static readonly Text Action = new("Действие", "Action");
        public static readonly Text EntityType = new("Тип записи", "Entity type");
        public static readonly Text EntityId = new("Id записи", "Entity id");
        public static readonly Text From = new("С", "From");
        public static readonly Text To = new("По", "To");
        public static readonly Text Query = new("Текст", "Text");
        public static readonly Text QueryHint = new(
            "Имя пользователя, id записи или подробности",
            "User name, entity id or details");
        public static readonly Text Search = new("Найти", "Search");
        public static readonly Text Reset = new("Сбросить", "Reset");
        public static readonly Text Time = new("Время", "Time");
        public static readonly Text Who = new("Кто", "Who");
        public static readonly Text Entity = new("Запись", "Entity");
        public static readonly Text Outcome = new("Результат", "Outcome");
        public static readonly Text Ip = new("IP", "IP");
        public static readonly Text UserAgent = new("Браузер", "User agent");
        public static readonly Text Recorded = new("Записано", "Recorded");
        public static readonly Text Details = new("Подробности", "Details");
        public static readonly Text EventId = new("Id события", "Event id");
        public static readonly Text Hash = new("Хеш", "Hash");
        public static readonly Text None = new("Записей нет", "No entries");
        public static readonly Text NoneHint = new(
            "По этим условиям в журнале ничего нет. Измените фильтры.",
            "Nothing in the log matches these filters. Change the filters.");
        public static readonly Text EntryTitle = new("Запись журнала № {0}", "Log entry #{0}");
        public static readonly Text Close = new("Закрыть", "Close");
        public static readonly Text Field = new("Поле", "Field");
        public static readonly Text Before = new("Было", "Before");
        public static readonly Text After = new("Стало", "After");
        public static readonly Text Changed = new("изменено", "changed");
        public static readonly Text NoChanges = new("Нет данных об изменениях.", "No change data.");
        public static readonly Text VerifyChain = new("Проверить цепочку", "Verify chain");
        public static readonly Text ChainOk = new(
            "Цепочка цела: проверено записей — {0}.",
            "The chain is intact: {0} entries checked.");
        public static readonly Text ChainBroken = new(
            "Цепочка нарушена, начиная с записи № {0}.",
            "The chain is broken starting at entry #{0}.");
        public static readonly Text HashMismatch = new(
            "Запись была изменена: её хеш не совпадает с сохранённым.",
            "The entry was edited: its hash does not match the stored one.");
        public static readonly Text PrevHashMismatch = new(
            "Запись не связана с предыдущей: записи удалены, вставлены или переставлены.",
            "The entry does not link to the one before it: entries were deleted, inserted or reordered.");
        public static readonly Text MissingRows = new(
            "Не хватает записей: они были удалены.",
            "Entries are missing: they were deleted.");
        public static readonly Text HeadMismatch = new(
            "Конец цепочки не совпадает с записанным: записи добавлены или удалены в конце.",
            "The end of the chain does not match the recorded head: entries were added or removed at the end.");
        public static readonly Text UnknownBreak = new("Причина не указана.", "No reason given.");
        public static readonly Text ExportCsv = new("Выгрузить CSV", "Export CSV");
        public static readonly Text Exported = new(
            "Выгружено записей: {0}. Сама выгрузка записана в журнал аудита (запись № {1}).",
            "{0} entries exported. The export itself is recorded in the audit log (entry #{1}).");
        public static readonly Text ExportNotice = new(
            "Выгрузка записывается в журнал аудита.",
            "Exports are recorded in the audit log.");
        public static readonly Text DownloadAgain = new("Скачать файл", "Download the file");
        public static readonly Text ReadCount = new("Прочитано записей", "Records read");
        public static readonly Text Threshold = new("Порог", "Threshold");
        public static readonly Text Window = new("Час", "Hour");
        public static readonly Text Raised = new("Поднято", "Raised");
        public static readonly Text Entry = new("Запись", "Entry");
        public static readonly Text NoAlerts = new("Оповещений нет", "No alerts");
        public static readonly Text NoAlertsHint = new(
            "Подозрительных массовых чтений данных клиентов не замечено.",
            "No suspicious bulk reads of client data were noticed.");

        public static Text ReasonOf(ChainBreak reason) => reason switch
        {
            ChainBreak.HashMismatch => HashMismatch,
            ChainBreak.PrevHashMismatch => PrevHashMismatch,
            ChainBreak.MissingRows => MissingRows,
            ChainBreak.HeadMismatch => HeadMismatch,
            _ => UnknownBreak,
        };
    }

    /// <summary>
    /// Audit actions and outcomes by name, for people (issue 11, item 14c). A code is "service.entity.verb"
    /// (clients.deal.moved): a few have a name of their own, the rest are named from their entity and
    /// verb, and an unknown one shows its code. The code itself stays in a tooltip for auditors.
    /// </summary>
    public static class AuditNames
    {
        public static readonly Text Person = new("Сотрудник", "Person");
        public static readonly Text AnyPerson = new("Любой", "Anyone");
        public static readonly Text AnyAction = new("Любое", "Any");
        public static readonly Text Composed = new("{0}: {1}", "{0}: {1}");

        public static readonly IReadOnlyList<(string, Text)> Whole =
        [
            ("clients.export", new("Выгрузка клиентов", "Clients exported")),
            ("audit.export", new("Выгрузка журнала аудита", "Audit log exported")),
            ("identity.signin.succeeded", new("Вход в систему", "Signed in")),
            ("identity.signin.failed", new("Неудачная попытка входа", "Failed sign-in")),
            ("identity.signout", new("Выход из системы", "Signed out")),
            ("identity.password.changed", new("Смена пароля", "Password changed")),
            ("clients.call.recorded", new("Звонок записан", "Call recorded")),
            ("clients.company.merged_into", new("Компания: объединена с другой", "Company: merged into another")),
            ("clients.company.custom_fields_changed", new("Компания: изменены доп. поля", "Company: custom fields changed")),
            ("warehouse.stock.verified", new("Проверка остатков", "Stock verified")),
            ("warehouse.valuation.viewed", new("Просмотр оценки склада", "Stock valuation viewed")),
        ];

        public static readonly IReadOnlyList<(string, Text)> Entities =
        [
            ("company", new("Компания", "Company")),
            ("contact", new("Контакт", "Contact")),
            ("deal", new("Сделка", "Deal")),
            ("lead", new("Лид", "Lead")),
            ("pipeline", new("Воронка", "Pipeline")),
            ("import", new("Импорт", "Import")),
            ("custom_field", new("Доп. поле", "Custom field")),
            ("custom_section", new("Раздел доп. полей", "Custom field section")),
            ("call", new("Звонок", "Call")),
            ("product", new("Товар", "Product")),
            ("category", new("Категория товаров", "Product category")),
            ("movement", new("Складской документ", "Stock movement")),
            ("reservation", new("Резерв", "Reservation")),
            ("warehouse", new("Склад", "Warehouse")),
            ("price_list", new("Прайс-лист", "Price list")),
            ("user", new("Пользователь", "User")),
            ("team", new("Команда", "Team")),
            ("integration", new("Интеграция", "Integration")),
        ];

        public static readonly IReadOnlyList<(string, Text)> Verbs =
        [
            ("created", new("создание", "created")),
            ("updated", new("изменение", "updated")),
            ("viewed", new("просмотр", "viewed")),
            ("listed", new("просмотр списка", "list viewed")),
            ("searched", new("поиск", "searched")),
            ("archived", new("перенос в архив", "archived")),
            ("restored", new("возврат из архива", "restored")),
            ("deleted", new("удаление", "deleted")),
            ("assigned", new("смена ответственного", "reassigned")),
            ("shared", new("открытие доступа", "shared")),
            ("merged", new("объединение", "merged")),
            ("moved", new("перевод на другой этап", "moved to another stage")),
            ("history_viewed", new("просмотр истории", "history viewed")),
            ("renamed", new("переименование", "renamed")),
            ("started", new("начало", "started")),
            ("completed", new("завершение", "completed")),
            ("undone", new("отмена", "undone")),
            ("captured", new("получение", "captured")),
            ("converted", new("преобразование в клиента", "converted")),
            ("rejected", new("отклонение", "rejected")),
            ("posted", new("проведение", "posted")),
            ("reversed", new("сторнирование", "reversed")),
            ("released", new("снятие", "released")),
            ("expired", new("истечение срока", "expired")),
            ("disabled", new("блокировка", "disabled")),
            ("enabled", new("разблокировка", "enabled")),
            ("unlocked", new("снятие блокировки входа", "unlocked")),
            ("revoked", new("отзыв доступа", "revoked")),
        ];

        public static readonly IReadOnlyList<(string, Text)> Outcomes =
        [
            ("success", new("Успешно", "Succeeded")),
            ("denied", new("Отказано", "Denied")),
            ("failure", new("Ошибка", "Failed")),
        ];
    }
}
