using CrmSuite.Kpi.Api.Facts;

namespace CrmSuite.Kpi.Api.Measures;

/// <summary>
/// The built-in measures (docs/kpi-schemes.md has the table). Counts and sums of an empty period
/// are 0; a ratio whose denominator is 0 has no value (null), never 0 and never an error, so a
/// person without closed deals is shown "—", not "0 % won". Money, percentages and days are
/// rounded to two decimals (half away from zero, as accounting rounds kopecks).
/// </summary>
public static class MeasureCatalogue
{
    public static readonly Measure CallsMade = Counted("calls_made", "Calls made", "Звонки", FactKinds.CallMade);

    public static readonly Measure MeetingsHeld = Counted("meetings_held", "Meetings held", "Проведённые встречи", FactKinds.MeetingHeld);

    /// <summary>Tasks done on time ÷ (on time + late) × 100; no tasks done: no value.</summary>
    public static readonly Measure TasksOnTimePercent = new(
        "tasks_on_time_pct", "Tasks done on time", "Задачи в срок", MeasureUnit.Percent, LowerIsBetter: false, ByPipeline: false,
        [FactKinds.TaskDoneOnTime, FactKinds.TaskDoneLate],
        t => Percent(t.Count(FactKinds.TaskDoneOnTime), t.Count(FactKinds.TaskDoneOnTime) + t.Count(FactKinds.TaskDoneLate)));

    public static readonly Measure NewClients = Counted("new_clients", "New clients", "Новые клиенты", FactKinds.NewClient);

    public static readonly Measure DealsWonCount = new(
        "deals_won_count", "Deals won", "Выигранные сделки", MeasureUnit.Count, LowerIsBetter: false, ByPipeline: true,
        [FactKinds.DealWon], t => t.Count(FactKinds.DealWon));

    public static readonly Measure DealsWonAmount = new(
        "deals_won_amount", "Deals won, amount", "Сумма выигранных сделок", MeasureUnit.Money, LowerIsBetter: false, ByPipeline: true,
        [FactKinds.DealWon], t => Money(t.Amount(FactKinds.DealWon)));

    public static readonly Measure RevenuePaid = new(
        "revenue_paid", "Revenue paid", "Оплаченная выручка", MeasureUnit.Money, LowerIsBetter: false, ByPipeline: false,
        [FactKinds.InvoicePaid], t => Money(t.Amount(FactKinds.InvoicePaid)));

    /// <summary>Leads converted ÷ leads assigned in the period × 100; no leads assigned: no value. Leads assigned
    /// in an earlier period and converted in this one count here, so the figure may pass 100 %.</summary>
    public static readonly Measure ConversionLeadToDeal = new(
        "conversion_lead_deal", "Conversion lead → deal", "Конверсия лид → сделка", MeasureUnit.Percent, LowerIsBetter: false, ByPipeline: false,
        [FactKinds.LeadConverted, FactKinds.LeadAssigned],
        t => Percent(t.Count(FactKinds.LeadConverted), t.Count(FactKinds.LeadAssigned)));

    /// <summary>Deals won ÷ deals closed (won + lost) in the period × 100; nothing closed: no value.</summary>
    public static readonly Measure ConversionDealToWon = new(
        "conversion_deal_won", "Conversion deal → won", "Конверсия сделка → выигрыш", MeasureUnit.Percent, LowerIsBetter: false, ByPipeline: true,
        [FactKinds.DealWon, FactKinds.DealLost],
        t => Percent(t.Count(FactKinds.DealWon), t.Count(FactKinds.DealWon) + t.Count(FactKinds.DealLost)));

    /// <summary>Days from creation to win summed over deals won ÷ deals won; nothing won: no value. Shorter is better.</summary>
    public static readonly Measure AverageDealCycleDays = new(
        "avg_deal_cycle_days", "Average deal cycle, days", "Средний цикл сделки, дней", MeasureUnit.Days, LowerIsBetter: true, ByPipeline: true,
        [FactKinds.DealWon], t => Ratio(t.Days(FactKinds.DealWon), t.Count(FactKinds.DealWon)));

    /// <summary>Amount of deals won ÷ deals won; nothing won: no value.</summary>
    public static readonly Measure AverageDealAmount = new(
        "avg_deal_amount", "Average deal amount", "Средняя сумма сделки", MeasureUnit.Money, LowerIsBetter: false, ByPipeline: true,
        [FactKinds.DealWon], t => Ratio(t.Amount(FactKinds.DealWon), t.Count(FactKinds.DealWon)));

    /// <summary>Every measure in the order the UI lists them.</summary>
    public static IReadOnlyList<Measure> All { get; } =
    [
        CallsMade, MeetingsHeld, TasksOnTimePercent, NewClients, DealsWonCount, DealsWonAmount, RevenuePaid,
        ConversionLeadToDeal, ConversionDealToWon, AverageDealCycleDays, AverageDealAmount,
    ];

    private static readonly Dictionary<string, Measure> ByCode = All.ToDictionary(m => m.Code, StringComparer.Ordinal);

    public static Measure? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>Every measure over the same rows, by code (the rows are summed once).</summary>
    public static IReadOnlyDictionary<string, decimal?> ComputeAll(IEnumerable<DailyFigure> figures, FigureFilter filter)
    {
        var totals = FigureTotals.Of(figures, filter);
        return All.ToDictionary(m => m.Code, m => m.Compute(totals), StringComparer.Ordinal);
    }

    private static Measure Counted(string code, string nameEn, string nameRu, string kind) =>
        new(code, nameEn, nameRu, MeasureUnit.Count, LowerIsBetter: false, ByPipeline: false, [kind], t => t.Count(kind));

    private static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static decimal? Percent(decimal part, decimal whole) => whole == 0 ? null : Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);

    private static decimal? Ratio(decimal sum, decimal count) => count == 0 ? null : Math.Round(sum / count, 2, MidpointRounding.AwayFromZero);
}
