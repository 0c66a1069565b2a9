using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Measures;

namespace CrmSuite.Kpi.UnitTests;

/// <summary>Every measure of the catalogue on hand-built daily figures; ratios with nothing to divide by have no value.</summary>
public sealed class MeasureCatalogueTests
{
    private static readonly DateOnly March1 = new(2026, 3, 1);
    private static readonly FigureFilter March = new(March1, new DateOnly(2026, 3, 31));

    // Anna's March (and one row of February and one of Boris, which March-for-Anna must not count).
    private static readonly DailyFigure[] Figures =
    [
        Row("anna", 1, FactKinds.CallMade, 5),
        Row("anna", 2, FactKinds.CallMade, 7),
        Row("anna", 3, FactKinds.MeetingHeld, 2),
        Row("anna", 4, FactKinds.TaskDoneOnTime, 3),
        Row("anna", 5, FactKinds.TaskDoneLate, 1),
        Row("anna", 6, FactKinds.NewClient, 2),
        Row("anna", 7, FactKinds.DealWon, 2, amount: 150_000.50m, days: 30, pipeline: "p1"),
        Row("anna", 8, FactKinds.DealWon, 1, amount: 49_999.99m, days: 15, pipeline: "p2"),
        Row("anna", 9, FactKinds.DealLost, 1, amount: 10_000m, days: 40, pipeline: "p1"),
        Row("anna", 10, FactKinds.InvoicePaid, 2, amount: 80_000.10m),
        Row("anna", 11, FactKinds.LeadAssigned, 8),
        Row("anna", 12, FactKinds.LeadConverted, 3),
        Row("anna", -1, FactKinds.CallMade, 100),
        Row("boris", 3, FactKinds.CallMade, 40, team: "south"),
    ];

    private static readonly FigureFilter AnnaInMarch = March with { UserId = "anna" };

    [Fact]
    public void Counted_measures_add_up_the_persons_facts_of_the_period_only()
    {
        var values = MeasureCatalogue.ComputeAll(Figures, AnnaInMarch);

        Assert.Equal(12m, values["calls_made"]);
        Assert.Equal(2m, values["meetings_held"]);
        Assert.Equal(2m, values["new_clients"]);
        Assert.Equal(3m, values["deals_won_count"]);
        Assert.Equal(200_000.49m, values["deals_won_amount"]);
        Assert.Equal(80_000.10m, values["revenue_paid"]);
    }

    [Fact]
    public void Ratios_divide_as_documented()
    {
        var values = MeasureCatalogue.ComputeAll(Figures, AnnaInMarch);

        Assert.Equal(75m, values["tasks_on_time_pct"]);              // 3 on time of 4 done
        Assert.Equal(37.5m, values["conversion_lead_deal"]);          // 3 converted of 8 assigned
        Assert.Equal(75m, values["conversion_deal_won"]);             // 3 won of 4 closed (3 won + 1 lost)
        Assert.Equal(15m, values["avg_deal_cycle_days"]);             // 45 days over 3 won deals
        Assert.Equal(66_666.83m, values["avg_deal_amount"]);          // 200 000.49 / 3 = 66 666.8300 → kopecks
    }

    [Fact]
    public void Ratios_with_nothing_to_divide_by_have_no_value_and_counts_are_zero()
    {
        var nothing = MeasureCatalogue.ComputeAll([], AnnaInMarch);

        Assert.Null(nothing["tasks_on_time_pct"]);
        Assert.Null(nothing["conversion_lead_deal"]);
        Assert.Null(nothing["conversion_deal_won"]);
        Assert.Null(nothing["avg_deal_cycle_days"]);
        Assert.Null(nothing["avg_deal_amount"]);
        Assert.Equal(0m, nothing["calls_made"]);
        Assert.Equal(0m, nothing["deals_won_amount"]);

        // Only lost deals: deal → won is 0 %, a real value; the average cycle of won deals still has none.
        var onlyLost = MeasureCatalogue.ComputeAll([Row("anna", 9, FactKinds.DealLost, 2, pipeline: "p1")], AnnaInMarch);
        Assert.Equal(0m, onlyLost["conversion_deal_won"]);
        Assert.Null(onlyLost["avg_deal_cycle_days"]);
    }

    [Fact]
    public void A_pipeline_filter_narrows_deal_measures_and_leaves_facts_without_a_pipeline_counting()
    {
        var p1 = MeasureCatalogue.ComputeAll(Figures, AnnaInMarch with { PipelineId = "p1" });

        Assert.Equal(2m, p1["deals_won_count"]);
        Assert.Equal(150_000.50m, p1["deals_won_amount"]);
        Assert.Equal(66.67m, p1["conversion_deal_won"]);               // 2 won of 3 closed in p1: 66.666… → 66.67
        Assert.Equal(12m, p1["calls_made"]);
        Assert.True(MeasureCatalogue.DealsWonAmount.ByPipeline);
        Assert.False(MeasureCatalogue.CallsMade.ByPipeline);
    }

    [Fact]
    public void Team_and_person_filters_pick_their_rows()
    {
        Assert.Equal(40m, MeasureCatalogue.CallsMade.ComputeOver(Figures, March with { TeamId = "south" }));
        Assert.Equal(52m, MeasureCatalogue.CallsMade.ComputeOver(Figures, March));
        Assert.Equal(100m, MeasureCatalogue.CallsMade.ComputeOver(Figures, new FigureFilter(new(2026, 2, 1), new(2026, 2, 28), UserId: "anna")));
    }

    [Fact]
    public void Every_measure_has_a_stable_code_names_in_both_languages_and_a_unit()
    {
        Assert.Equal(
            ["calls_made", "meetings_held", "tasks_on_time_pct", "new_clients", "deals_won_count", "deals_won_amount", "revenue_paid",
             "conversion_lead_deal", "conversion_deal_won", "avg_deal_cycle_days", "avg_deal_amount"],
            MeasureCatalogue.All.Select(m => m.Code));
        Assert.All(MeasureCatalogue.All, m => Assert.NotEqual(m.Name("ru"), m.Name("en")));
        Assert.Equal("Звонки", MeasureCatalogue.Find("calls_made")!.Name("ru-RU"));
        Assert.Equal(MeasureUnit.Money, MeasureCatalogue.Find("avg_deal_amount")!.Unit);
        Assert.Equal(MeasureUnit.Days, MeasureCatalogue.Find("avg_deal_cycle_days")!.Unit);
        Assert.True(MeasureCatalogue.AverageDealCycleDays.LowerIsBetter);
        Assert.Null(MeasureCatalogue.Find("unknown"));
    }

    private static DailyFigure Row(string user, int dayOfMarch, string kind, int count, decimal amount = 0, decimal days = 0, string? pipeline = null, string? team = "north") =>
        new(user, team, March1.AddDays(dayOfMarch - 1), kind, pipeline, count, amount, days);
}
