namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>The KPI area: my KPI, the team and the director's overview, schemes and periods.</summary>
    public static class Kpi
    {
        public static readonly Text MyKpi = new("Мой KPI", "My KPI");
        public static readonly Text Team = new("Команда и обзор", "Team and overview");
        public static readonly Text Schemes = new("Схемы KPI", "KPI schemes");
        public static readonly Text Periods = new("Периоды и премии", "Periods and bonuses");

        public static readonly Text PeriodLabel = new("Период", "Period");
        public static readonly Text Month = new("Месяц", "Month");
        public static readonly Text Quarter = new("Квартал", "Quarter");
        public static readonly Text QuarterName = new("{0} квартал {1}", "Q{0} {1}");

        public static readonly Text NoScheme = new("На этот период для вас нет схемы KPI", "No KPI scheme applies to you for this period");
        public static readonly Text NoSchemeHint = new(
            "Показатели и премия появятся, когда руководитель назначит схему вашей роли, команде или вам лично.",
            "Your figures and bonus appear once a director sets a scheme for your role, your team or you.");
        public static readonly Text SchemeOf = new("Схема «{0}», версия {1}", "Scheme “{0}”, version {1}");

        public static readonly Text Measure = new("Показатель", "Measure");
        public static readonly Text Fact = new("Факт", "Actual");
        public static readonly Text Plan = new("План", "Plan");
        public static readonly Text Weight = new("Вес", "Weight");
        public static readonly Text Achievement = new("Выполнение", "Achievement");
        public static readonly Text TotalAchievement = new("Общее выполнение", "Total achievement");
        public static readonly Text Bonus = new("Премия", "Bonus");
        public static readonly Text BaseSalary = new("Оклад", "Base salary");
        public static readonly Text BonusNotComputed = new("Премия не рассчитана: {0}", "The bonus could not be computed: {0}");
        public static readonly Text NoValue = new("—", "—");
        public static readonly Text OpenFacts = new("Показать факты за этой цифрой", "Show the facts behind this figure");
        public static readonly Text AchievementChart = new("Выполнение плана по показателям, %", "Achievement by measure, %");
        public static readonly Text Trend = new("По дням", "By day");
        public static readonly Text NoTrend = new("За этот период ещё нет событий", "Nothing happened in this period yet");

        public static readonly Text FactsBehind = new("Факты: {0}", "Facts: {0}");
        public static readonly Text NoFacts = new("За этой цифрой пока нет фактов", "No facts behind this figure yet");
        public static readonly Text MoreFacts = new("Показать ещё", "Show more");
        public static readonly Text CloseFacts = new("Скрыть", "Hide");
        public static readonly Text When = new("Когда", "When");
        public static readonly Text What = new("Что", "What");
        public static readonly Text About = new("По чему", "About");
        public static readonly Text Company = new("Компания", "Company");
        public static readonly Text Amount = new("Сумма", "Amount");
        public static readonly Text Untitled = new("без названия", "untitled");

        public static readonly Text StatusOpen = new("Открыт", "Open");
        public static readonly Text StatusClosed = new("Закрыт", "Closed");
        public static readonly Text StatusNeedsRecalculation = new("Нужен пересчёт", "Needs recalculation");

        public static Text Status(string status) => status switch
        {
            "closed" => StatusClosed,
            "needs-recalculation" => StatusNeedsRecalculation,
            _ => StatusOpen,
        };

        public static readonly Text PercentValue = new("{0} %", "{0}%");
        public static readonly Text Days = new("{0} дн.", "{0} days");

        private static readonly Dictionary<string, Text> KindNames = new(StringComparer.Ordinal)
        {
            ["deal-created"] = new("Новая сделка", "Deal created"),
            ["deal-moved"] = new("Сделка перешла на этап", "Deal moved"),
            ["deal-won"] = new("Сделка выиграна", "Deal won"),
            ["deal-lost"] = new("Сделка проиграна", "Deal lost"),
            ["lead-assigned"] = new("Лид назначен", "Lead assigned"),
            ["lead-converted"] = new("Лид конвертирован", "Lead converted"),
            ["new-client"] = new("Новый клиент", "New client"),
            ["call-made"] = new("Звонок", "Call"),
            ["meeting-held"] = new("Встреча", "Meeting"),
            ["task-done-on-time"] = new("Задача в срок", "Task done on time"),
            ["task-done-late"] = new("Задача с опозданием", "Task done late"),
            ["invoice-paid"] = new("Счёт оплачен", "Invoice paid"),
            ["shipment"] = new("Отгрузка", "Shipment"),
        };

        /// <summary>A fact kind in words; an unknown one (added later) shows as the service names it.</summary>
        public static Text KindOf(string kind) => KindNames.TryGetValue(kind, out var text) ? text : new Text(kind, kind);
    }

    public static class KpiTeam
    {
        public static readonly Text AllTeams = new("Все команды", "All teams");
        public static readonly Text TeamLabel = new("Команда", "Team");
        public static readonly Text AllPipelines = new("Все воронки", "All pipelines");
        public static readonly Text PipelineLabel = new("Воронка", "Pipeline");
        public static readonly Text Leaderboard = new("Рейтинг", "Leaderboard");
        public static readonly Text Person = new("Сотрудник", "Person");
        public static readonly Text DealsWon = new("Выиграно сделок", "Deals won");
        public static readonly Text WonAmount = new("Сумма выигранных", "Won amount");
        public static readonly Text RevenuePaid = new("Оплачено", "Revenue paid");
        public static readonly Text CallsMade = new("Звонки", "Calls");
        public static readonly Text MeetingsHeld = new("Встречи", "Meetings");
        public static readonly Text NoLeaders = new("За этот период ни у кого нет показателей", "Nobody has figures for this period");
        public static readonly Text NoLeadersHint = new(
            "Выберите другой период или команду: здесь появятся все, чьи показатели вам видны.",
            "Pick another period or team: everyone whose figures you may see appears here.");
        public static readonly Text Funnel = new("Воронка продаж", "Sales funnel");
        public static readonly Text Stage = new("Этап", "Stage");
        public static readonly Text UnknownStage = new("Этап удалён", "Removed stage");
        public static readonly Text DealsEntered = new("Сделок вошло на этап", "Deals entered the stage");
        public static readonly Text ConversionByStage = new("Конверсия по этапам, %", "Conversion by stage, %");
        public static readonly Text ConversionToNext = new("Перешли дальше, %", "Moved on, %");
        public static readonly Text NoFunnel = new("В этом периоде сделки не двигались по этапам", "No deal moved between stages in this period");
        public static readonly Text PlanVsFact = new("Выполнение плана по сотрудникам, %", "Plan vs actual per person, %");
        public static readonly Text Results = new("Показатели по схемам", "Figures by scheme");
        public static readonly Text WithoutScheme = new("Без схемы KPI в этом периоде: {0}", "No KPI scheme this period: {0}");
        public static readonly Text Trend = new("Выигранные сделки и звонки по дням", "Deals won and calls by day");
    }

    public static class KpiSchemes
    {
        public static readonly Text New = new("Новая схема", "New scheme");
        public static readonly Text Edit = new("Схема «{0}»", "Scheme “{0}”");
        public static readonly Text Empty = new("Схем KPI пока нет", "No KPI schemes yet");
        public static readonly Text EmptyHint = new(
            "Создайте схему: для кого она, какие показатели с каким планом и весом и как считается премия.",
            "Create a scheme: whom it is for, which measures with which plan and weight, and how the bonus is computed.");
        public static readonly Text Name = new("Название", "Name");
        public static readonly Text Target = new("Для кого", "Applies to");
        public static readonly Text TargetKind = new("Кому назначена", "Assigned to");
        public static readonly Text ForRole = new("Роли", "A role");
        public static readonly Text ForTeam = new("Команде", "A team");
        public static readonly Text ForPerson = new("Сотруднику", "A person");
        public static readonly Text PickTarget = new("Выберите, кому", "Choose whom");
        public static readonly Text PeriodKind = new("Период расчёта", "Counted per");
        public static readonly Text BaseSalary = new("Оклад в месяц", "Monthly base salary");
        public static readonly Text Version = new("Версия", "Version");
        public static readonly Text ChangedAt = new("Изменена", "Changed");
        public static readonly Text ChangedBy = new("Кем", "By");
        public static readonly Text Measures = new("Показатели", "Measures");
        public static readonly Text AddMeasure = new("Добавить показатель", "Add a measure");
        public static readonly Text RemoveMeasure = new("Убрать показатель", "Remove the measure");
        public static readonly Text MinimumPercent = new("Порог, %", "Minimum, %");
        public static readonly Text CapPercent = new("Потолок, %", "Cap, %");
        public static readonly Text NoCap = new("без потолка", "no cap");
        public static readonly Text Formula = new("Формула премии", "Bonus formula");
        public static readonly Text FormulaHint = new(
            "Например: base_salary * total_ach / 1000. Операции + - * / %, сравнения, if(условие, да, нет), Min, Max, Round, Abs.",
            "For example: base_salary * total_ach / 1000. Operations + - * / %, comparisons, if(condition, then, else), Min, Max, Round, Abs.");
        public static readonly Text Check = new("Проверить", "Check");
        public static readonly Text FormulaGood = new("Формула в порядке. Премия для примера (план выполнен на 100 %): {0}", "The formula is good. Bonus for a sample (plan met at 100%): {0}");
        public static readonly Text FormulaProblemAt = new("Строка {0}, позиция {1}: {2}", "Line {0}, column {1}: {2}");
        public static readonly Text Variables = new("Переменные (нажмите, чтобы вставить)", "Variables (click to insert)");
        public static readonly Text VariablesAfterMeasures = new("Добавьте показатели, и здесь появятся их переменные.", "Add measures and their variables appear here.");
        public static readonly Text Saved = new("Схема сохранена: версия {0}", "The scheme is saved: version {0}");
        public static readonly Text History = new("История версий", "Version history");
        public static readonly Text BackToList = new("Ко всем схемам", "All schemes");
        public static readonly Text NotFound = new("Такой схемы нет", "There is no such scheme");
    }

    public static class KpiPeriods
    {
        public static readonly Text Empty = new("Периодов с результатами пока нет", "No periods with results yet");
        public static readonly Text EmptyHint = new(
            "Период появится здесь, когда у кого-то будут показатели по схеме; закрыть его можно после его окончания.",
            "A period appears here once someone has figures under a scheme; it can be closed after it ends.");
        public static readonly Text Status = new("Состояние", "Status");
        public static readonly Text Version = new("Версия", "Version");
        public static readonly Text ClosedAt = new("Закрыт", "Closed");
        public static readonly Text People = new("Сотрудников", "People");
        public static readonly Text BonusTotal = new("Премии всего", "Bonuses in total");
        public static readonly Text Close = new("Закрыть период", "Close the period");
        public static readonly Text Closed = new("Период {0} закрыт: результаты зафиксированы (версия {1})", "Period {0} is closed: results are fixed (version {1})");
        public static readonly Text Recalculate = new("Пересчитать", "Recalculate");
        public static readonly Text Recalculated = new("Период {0} пересчитан: версия {1}", "Period {0} is recalculated: version {1}");
        public static readonly Text Changes = new("Что изменилось в версии {0}", "What changed in version {0}");
        public static readonly Text NoChanges = new("Результаты не изменились", "The results did not change");
        public static readonly Text Before = new("Было", "Before");
        public static readonly Text After = new("Стало", "After");
        public static readonly Text Download = new("Скачать ведомость премий (XLSX)", "Download bonus sheet (XLSX)");
        public static readonly Text Period = new("Период", "Period");
        public static readonly Text Person = new("Сотрудник", "Person");
        public static readonly Text Figure = new("Показатель", "Figure");
        public static readonly Text SchemeVersionChange = new("Версия схемы", "Scheme version");
        public static readonly Text BaseSalaryChange = new("Оклад", "Base salary");
    }
}
