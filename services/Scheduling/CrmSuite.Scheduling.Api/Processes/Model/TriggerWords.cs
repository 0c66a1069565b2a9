using System.Globalization;

namespace CrmSuite.Scheduling.Api.Processes.Model;

/// <summary>What starts a process, in words for the process list and the editor ("Lead created", "Every month from 1 Jan 2027 09:00").</summary>
public static class TriggerWords
{
    /// <summary>
    /// One phrase per start event, in document order, in Russian when <paramref name="culture"/>
    /// is Russian and in English otherwise. <paramref name="stageName"/> turns a deal stage's id
    /// into its name (people see names, never ids); times are shown in <paramref name="zone"/>
    /// when given, else as the timer writes them.
    /// </summary>
    public static IReadOnlyList<string> Describe(ProcessDefinition definition, CultureInfo culture, Func<string, string?>? stageName = null, TimeZoneInfo? zone = null)
    {
        var ru = culture.TwoLetterISOLanguageName == "ru";
        return [.. definition.StartEvents.Select(start => Describe(start, ru, stageName, zone)).Distinct()];
    }

    private static string Describe(StartEvent start, bool ru, Func<string, string?>? stageName, TimeZoneInfo? zone) => start.Trigger switch
    {
        TriggerKind.LeadCreated => ru ? "Создан лид" : "Lead created",
        TriggerKind.CompanyCreated => ru ? "Создана компания" : "Company created",
        TriggerKind.DealStageChanged when start.StageId is { } id => (stageName?.Invoke(id)) is { } stage
            ? ru ? $"Сделка перешла на стадию «{stage}»" : $"Deal moved to the stage \"{stage}\""
            : ru ? "Сделка перешла на выбранную стадию" : "Deal moved to the chosen stage",
        TriggerKind.DealStageChanged => ru ? "Сделка сменила стадию" : "Deal stage changed",
        TriggerKind.Timer when start.Timer?.Date is { } date => ru ? $"Однократно {When(date, true, zone)}" : $"Once on {When(date, false, zone)}",
        TriggerKind.Timer when start.Timer?.Cycle is { } text && IsoCycle.TryParse(text, out var cycle) => Cycle(cycle, ru, zone),
        _ => ru ? "Вручную" : "By hand",
    };

    private static string Cycle(IsoCycle cycle, bool ru, TimeZoneInfo? zone)
    {
        var every = Every(cycle.Period, ru);
        var from = When(cycle.Start, ru, zone);
        var times = cycle.Repetitions is { } n ? ru ? $", {n} {Plural(n, "раз", "раза", "раз")}" : $", {n} {(n == 1 ? "time" : "times")}" : "";
        return ru ? $"{every} с {from}{times}" : $"{every} from {from}{times}";
    }

    private static string When(DateTimeOffset at, bool ru, TimeZoneInfo? zone)
    {
        var local = zone is null ? at : TimeZoneInfo.ConvertTime(at, zone);
        // Russian reads "1 января 2027 09:00" (the genitive month .NET gives "d MMMM"); English "1 Jan 2027 09:00".
        return ru
            ? local.ToString("d MMMM yyyy HH:mm", CultureInfo.GetCultureInfo("ru-RU"))
            : local.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
    }

    private static string Every(IsoDuration period, bool ru)
    {
        var parts = new List<(int Count, Unit Unit)>();
        void Add(int count, Unit unit) { if (count != 0) parts.Add((count, unit)); }
        Add(period.Years, Unit.Year);
        Add(period.Months, Unit.Month);
        Add(period.Weeks, Unit.Week);
        Add(period.Days, Unit.Day);
        Add(period.Hours, Unit.Hour);
        Add(period.Minutes, Unit.Minute);
        Add((int)period.Seconds, Unit.Second);

        if (parts is [(1, var single)])
            return ru ? single switch
            {
                Unit.Year => "Каждый год", Unit.Month => "Каждый месяц", Unit.Week => "Каждую неделю", Unit.Day => "Каждый день",
                Unit.Hour => "Каждый час", Unit.Minute => "Каждую минуту", _ => "Каждую секунду",
            } : $"Every {single.ToString().ToLowerInvariant()}";
        var words = string.Join(" ", parts.Select(p => $"{p.Count} {(ru ? RuUnit(p.Count, p.Unit) : EnUnit(p.Count, p.Unit))}"));
        return ru ? $"Каждые {words}" : $"Every {words}";
    }

    private enum Unit { Year, Month, Week, Day, Hour, Minute, Second }

    private static string EnUnit(int n, Unit unit) => unit.ToString().ToLowerInvariant() + (n == 1 ? "" : "s");

    private static string RuUnit(int n, Unit unit) => unit switch
    {
        Unit.Year => Plural(n, "год", "года", "лет"),
        Unit.Month => Plural(n, "месяц", "месяца", "месяцев"),
        Unit.Week => Plural(n, "неделю", "недели", "недель"),
        Unit.Day => Plural(n, "день", "дня", "дней"),
        Unit.Hour => Plural(n, "час", "часа", "часов"),
        Unit.Minute => Plural(n, "минуту", "минуты", "минут"),
        _ => Plural(n, "секунду", "секунды", "секунд"),
    };

    private static string Plural(int n, string one, string few, string many) =>
        (n % 10, n % 100) switch
        {
            (1, not 11) => one,
            (2 or 3 or 4, not (12 or 13 or 14)) => few,
            _ => many,
        };
}
