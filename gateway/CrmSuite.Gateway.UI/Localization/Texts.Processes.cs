namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>Business processes: the list, the editor and its properties panel, monitoring.</summary>
    public static class Processes
    {
        public static readonly Text Nav = new("Процессы", "Processes");
        public static readonly Text Title = new("Бизнес-процессы", "Business processes");
        public static readonly Text Search = new("Найти процесс по названию", "Find a process by name");
        public static readonly Text ShowArchived = new("Показать архивные", "Show archived");
        public static readonly Text Empty = new("Процессов пока нет", "No processes yet");
        public static readonly Text EmptyHint = new(
            "Процесс — это схема работы: например, «новый лид → звонок в течение часа → предложение → напоминание через 3 дня». Нарисуйте свой или начните с шаблона.",
            "A process is how work flows: say “new lead → call within an hour → offer → follow up in 3 days”. Draw your own or start from a template.");
        public static readonly Text EmptyReader = new("Процессы рисуют руководители и администраторы.", "Directors and administrators draw the processes.");
        public static readonly Text NothingFound = new("Нет процессов с таким названием", "No process has that name");
        public static readonly Text Name = new("Название", "Name");
        public static readonly Text Triggers = new("Запуск", "Starts on");
        public static readonly Text Published = new("Опубликован", "Published");
        public static readonly Text NotPublished = new("Не опубликован", "Not published");
        public static readonly Text VersionOf = new("версия {0}", "version {0}");
        public static readonly Text DraftChanged = new("есть неопубликованные изменения", "has unpublished changes");
        public static readonly Text Running = new("Идёт сейчас", "Running");
        public static readonly Text Archived = new("В архиве", "Archived");

        public static readonly Text New = new("Новый процесс", "New process");
        public static readonly Text NewName = new("Название процесса", "Process name");
        public static readonly Text Blank = new("Пустая схема", "Blank diagram");
        public static readonly Text BlankHint = new("Только начальное событие: остальное нарисуете сами", "Just a start event: you draw the rest");
        public static readonly Text FromTemplate = new("Начать с шаблона", "Start from a template");
        public static readonly Text Import = new("Импорт .bpmn", "Import .bpmn");
        public static readonly Text ImportHint = new("Файл BPMN 2.0 из Camunda Modeler, bpmn.io или другой CRM", "A BPMN 2.0 file from Camunda Modeler, bpmn.io or another CRM");
        public static readonly Text ImportTooLarge = new("Файл больше 2 МБ: это не похоже на схему процесса", "The file is over 2 MB: that is not a process diagram");
        public static readonly Text CreateIt = new("Создать", "Create");
        public static readonly Text NameRequired = new("Назовите процесс", "Give the process a name");

        // The editor.
        public static readonly Text Save = new("Сохранить черновик", "Save draft");
        public static readonly Text SavedNoProblems = new("Черновик сохранён: его можно публиковать", "Draft saved: it can be published");
        public static readonly Text Unsaved = new("Есть несохранённые изменения", "Unsaved changes");
        public static readonly Text Publish = new("Опубликовать", "Publish");
        public static readonly Text PublishConfirm = new(
            "Опубликовать черновик как версию {0}? Новые запуски пойдут по ней; уже идущие процессы останутся на своей версии.",
            "Publish the draft as version {0}? New runs follow it; running instances stay on their version.");
        public static readonly Text PublishBlocked = new("Публикация невозможна, пока в схеме есть ошибки ({0})", "Cannot publish while the diagram has problems ({0})");
        public static readonly Text NothingToPublish = new("Нечего публиковать: черновик совпадает с версией {0}", "Nothing new to publish: the draft is version {0}");
        public static readonly Text PublishedVersion = new("Опубликована версия {0}", "Version {0} published");
        public static readonly Text Export = new("Скачать .bpmn", "Export .bpmn");
        public static readonly Text ArchiveConfirm = new(
            "Отправить процесс в архив? Новые запуски прекратятся, идущие процессы доработают.",
            "Archive the process? It starts no new runs; running instances finish.");
        public static readonly Text Instances = new("Запуски", "Instances");
        public static readonly Text Problems = new("Что мешает публикации", "What stops publishing");
        public static readonly Text ProblemWholeFile = new("Вся схема", "The whole diagram");
        public static readonly Text ImportWarnings = new("Схема открыта с замечаниями", "The diagram opened with warnings");
        public static readonly Text ImportFailed = new("Схему не удалось открыть: {0}", "The diagram could not be opened: {0}");
        public static readonly Text EditorLoading = new("Редактор загружается…", "Loading the editor…");
        public static readonly Text Canvas = new("Схема процесса", "Process diagram");
        public static readonly Text ReadOnlyHint = new(
            "Вы видите опубликованную схему. Изменять процессы могут руководители и администраторы.",
            "You see the published diagram. Directors and administrators change processes.");

        // The properties panel.
        public static readonly Text Properties = new("Свойства", "Properties");
        public static readonly Text NothingSelected = new("Выберите элемент на схеме, чтобы настроить его", "Select an element on the diagram to set it up");
        public static readonly Text ElementName = new("Название шага", "Step name");

        public static readonly Text StartEvent = new("Начало", "Start");
        public static readonly Text EndEvent = new("Завершение", "End");
        public static readonly Text UserTask = new("Задача сотруднику", "Task for a person");
        public static readonly Text ServiceTask = new("Автоматическое действие", "Automatic action");
        public static readonly Text ExclusiveGateway = new("Развилка (один путь)", "Decision (one path)");
        public static readonly Text ParallelGateway = new("Параллельно (все пути)", "Parallel (all paths)");
        public static readonly Text TimerEvent = new("Ожидание", "Wait");
        public static readonly Text BoundaryTimer = new("Контроль срока задачи", "Task deadline watch");
        public static readonly Text SequenceFlow = new("Переход", "Flow");
        public static readonly Text OtherElement = new("Этот элемент движок не выполняет: замените его", "The engine does not run this element: replace it");

        public static readonly Text Assignee = new("Исполнитель", "Assignee");
        public static readonly Text AssigneeOwner = new("Ответственный за запись", "The record's owner");
        public static readonly Text AssigneeTeamHead = new("Руководитель команды ответственного", "The owner's team head");
        public static readonly Text AssigneePerson = new("Конкретный сотрудник", "A named person");
        public static readonly Text AssigneeRoundRobin = new("По очереди в команде", "Round robin in a team");
        public static readonly Text Person = new("Сотрудник", "Person");
        public static readonly Text Team = new("Команда", "Team");
        public static readonly Text DueIn = new("Срок", "Due in");
        public static readonly Text DueInDefault = new("Не задан: один день", "Not set: one day");
        public static readonly Text Minutes = new("минут", "minutes");
        public static readonly Text Hours = new("часов", "hours");
        public static readonly Text Days = new("дней", "days");
        public static readonly Text Weeks = new("недель", "weeks");
        public static readonly Text Months = new("месяцев", "months");
        public static readonly Text Reminders = new("Напоминания, минут до срока", "Reminders, minutes before due");
        public static readonly Text RemindersHint = new("Через запятую, например 15, 60; пусто — как у вида дела", "Comma-separated, e.g. 15, 60; empty: the task type's own");
        public static readonly Text RemindersInvalid = new("Только целые числа минут через запятую", "Whole minutes only, comma-separated");
        public static readonly Text TaskType = new("Вид дела", "Task type");

        public static readonly Text Action = new("Действие", "Action");
        public static readonly Text ActionEmail = new("Отправить письмо", "Send an e-mail");
        public static readonly Text ActionSetDealStage = new("Перевести сделку на этап", "Move the deal to a stage");
        public static readonly Text ActionCreateDocument = new("Создать документ", "Create a document");
        public static readonly Text ActionWebhook = new("Вызвать веб-хук", "Call a webhook");
        public static readonly Text EmailTo = new("Кому", "To");
        public static readonly Text EmailToOwner = new("Ответственному", "The owner");
        public static readonly Text EmailToTeamHead = new("Руководителю команды", "The team head");
        public static readonly Text EmailToRecord = new("На адрес из записи (клиенту)", "The record's address (the client)");
        public static readonly Text EmailToAddress = new("На адрес…", "An address…");
        public static readonly Text EmailAddress = new("Адрес", "Address");
        public static readonly Text EmailSubject = new("Тема", "Subject");
        public static readonly Text EmailBody = new("Текст письма", "Body");
        public static readonly Text EmailTemplateHint = new("Можно подставлять переменные процесса: {{ name }}", "The process's variables can be inserted: {{ name }}");
        public static readonly Text Stage = new("Этап сделки", "Deal stage");
        public static readonly Text AnyStage = new("Любой этап", "Any stage");
        public static readonly Text DocumentTemplate = new("Шаблон документа", "Document template");
        public static readonly Text NoDocumentsAccess = new("Шаблоны документов вам недоступны", "You cannot see the document templates");
        public static readonly Text WebhookUrl = new("Адрес веб-хука (POST с переменными процесса)", "Webhook URL (a POST of the process's variables)");

        public static readonly Text Condition = new("Условие перехода", "Condition");
        public static readonly Text ConditionHint = new("Выражение над переменными процесса, например [amount] > 100000", "An expression over the process's variables, e.g. [amount] > 100000");
        public static readonly Text DefaultFlow = new("Путь по умолчанию (если ни одно условие не выполнено)", "Default path (when no condition holds)");
        public static readonly Text DefaultFlowNoCondition = new("У пути по умолчанию нет условия", "A default path has no condition");

        public static readonly Text Trigger = new("Что запускает процесс", "What starts the process");
        public static readonly Text TriggerManual = new("Вручную из карточки", "By hand from a card");
        public static readonly Text TriggerLeadCreated = new("Новый лид", "A new lead");
        public static readonly Text TriggerDealStageChanged = new("Сделка перешла на этап", "A deal moved to a stage");
        public static readonly Text TriggerCompanyCreated = new("Новая компания", "A new company");
        public static readonly Text TriggerTimer = new("По расписанию", "On a schedule");
        public static readonly Text TimerKind = new("Когда", "When");
        public static readonly Text TimerDate = new("Один раз в момент", "Once at");
        public static readonly Text TimerCycle = new("Повторять", "Repeat");
        public static readonly Text Wait = new("Ждать", "Wait for");
        public static readonly Text CycleStart = new("Начиная с", "Starting");
        public static readonly Text CycleEvery = new("Каждые", "Every");
        public static readonly Text CycleText = new("Расписание (ISO 8601)", "Schedule (ISO 8601)");
        public static readonly Text OnLate = new("Когда задача просрочена", "When the task is late");
        public static readonly Text OnLateNotify = new("Сообщить владельцу процесса и исполнителю", "Tell the process owner and the assignee");
        public static readonly Text OnLateEscalate = new("Эскалировать руководителю исполнителя", "Escalate to the assignee's head");
        public static readonly Text Interrupting = new("Прервать задачу и пойти по этому пути", "Stop the task and follow this path");
        public static readonly Text AfterDue = new("Через", "After");

        // Monitoring.
        public static readonly Text InstancesOf = new("Запуски процесса «{0}»", "Instances of “{0}”");
        public static readonly Text NoInstances = new("Этот процесс ещё не запускался", "This process has not run yet");
        public static readonly Text State = new("Состояние", "State");
        public static readonly Text AnyState = new("Все", "All");
        public static readonly Text StateRunning = new("Идёт", "Running");
        public static readonly Text StateCompleted = new("Завершён", "Completed");
        public static readonly Text StateCancelled = new("Отменён", "Cancelled");
        public static readonly Text StateFailed = new("Ошибка шага", "Step failed");
        public static readonly Text Record = new("Запись", "Record");
        public static readonly Text NoRecord = new("без записи", "no record");
        public static readonly Text RecordLead = new("Лид", "Lead");
        public static readonly Text RecordCompany = new("Компания", "Company");
        public static readonly Text RecordDeal = new("Сделка", "Deal");
        public static readonly Text Started = new("Запущен", "Started");
        public static readonly Text Ended = new("Завершён", "Ended");
        public static readonly Text StartedBy = new("Кто запустил", "Started by");
        public static readonly Text ActiveSteps = new("Текущие шаги", "Active steps");
        public static readonly Text Late = new("Просрочен", "Late");
        public static readonly Text LoadMore = new("Показать ещё", "Show more");
        public static readonly Text InstanceTitle = new("«{0}», версия {1}", "“{0}”, version {1}");
        public static readonly Text Log = new("Журнал", "Log");
        public static readonly Text When = new("Когда", "When");
        public static readonly Text Step = new("Шаг", "Step");
        public static readonly Text What = new("Что произошло", "What happened");
        public static readonly Text Who = new("Кто", "Who");
        public static readonly Text Engine = new("система", "the system");
        public static readonly Text Variables = new("Переменные", "Variables");
        public static readonly Text NoVariables = new("Переменных нет", "No variables");
        public static readonly Text Variable = new("Переменная", "Variable");
        public static readonly Text Value = new("Значение", "Value");
        public static readonly Text Cancel = new("Остановить процесс", "Cancel the process");
        public static readonly Text CancelReason = new("Почему останавливаете", "Why it is cancelled");
        public static readonly Text CancelConfirm = new("Остановить: открытые задачи будут отменены", "Cancel it: its open tasks are cancelled");
        public static readonly Text CancelReasonRequired = new("Укажите причину", "Give a reason");
        public static readonly Text Retry = new("Повторить шаг", "Retry the step");
        public static readonly Text Retried = new("Шаг запущен снова", "The step runs again");
        public static readonly Text LegendDone = new("выполнено", "done");
        public static readonly Text LegendActive = new("сейчас", "active");
        public static readonly Text LegendLate = new("просрочено", "late");
        public static readonly Text LegendFailed = new("ошибка", "failed");

        // A record's card.
        public static readonly Text OnCard = new("Процессы", "Processes");
        public static readonly Text NoneOnRecord = new("По этой записи процессы не запускались", "No process has run for this record");
        public static readonly Text StartProcess = new("Запустить процесс", "Start process");
        public static readonly Text ChooseProcess = new("Процесс", "Process");
        public static readonly Text NoPublished = new(
            "Нет опубликованных процессов с запуском вручную: остальные запускаются сами, по событию или расписанию",
            "No published process starts by hand: the others start on their own, on an event or a schedule");
        public static readonly Text StartIt = new("Запустить", "Start");
        public static readonly Text StartedOk = new("Процесс «{0}» запущен", "“{0}” started");
    }
}
