using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Schemes;

namespace CrmSuite.Kpi.UnitTests;

/// <summary>A fact after the close: the recalculated result against the closed one shows what changed and by how much.</summary>
public sealed class RecalculationDiffTests
{
    private static readonly KpiPeriod March = KpiPeriod.Month(2026, 3);
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_late_won_deal_changes_the_fact_the_achievement_the_total_and_the_bonus_and_nothing_else()
    {
        var scheme = KpiScheme.Create(Guid.NewGuid(), SchemeTests.Draft(), "director", Now).Scheme!.Current;
        List<DailyFigure> figures =
        [
            SchemeTests.Fact(3, FactKinds.DealWon, 1, amount: 600_000m, days: 30),
            SchemeTests.Fact(4, FactKinds.CallMade, 200),
        ];
        var closed = PeriodCalculator.Calculate(scheme, March, "anna", "Anna", 100_000m, figures);

        figures.Add(SchemeTests.Fact(31, FactKinds.DealWon, 1, amount: 300_000m, days: 30));
        var recalculated = PeriodCalculator.Calculate(scheme, March, "anna", "Anna", 100_000m, figures);

        // Deals won 600 000 → 900 000 (60 % → 90 %); calls 100 %, cycle 30 days 100 % unchanged.
        // Total (60×60 + 100×30 + 100×10)/100 = 76 → (90×60 + 100×30 + 100×10)/100 = 94; bonus 100 000 × total / 1000.
        Assert.True(ResultDiff.NeedsRecalculation(closed, recalculated));
        Assert.Equal(
            [
                (ResultField.Fact, "deals_won_amount", 600_000m, 900_000m, 300_000m),
                (ResultField.Achievement, "deals_won_amount", 60m, 90m, 30m),
                (ResultField.TotalAchievement, (string?)null, 76m, 94m, 18m),
                (ResultField.Bonus, null, 7_600m, 9_400m, 1_800m),
            ],
            ResultDiff.Between(closed, recalculated).Select(c => (c.Field, c.MeasureCode, c.Before!.Value, c.After!.Value, c.Delta!.Value)));
    }

    [Fact]
    public void The_same_figures_need_no_recalculation_and_a_value_appearing_has_no_delta()
    {
        var scheme = KpiScheme.Create(Guid.NewGuid(), SchemeTests.Draft(), "director", Now).Scheme!.Current;
        var closed = PeriodCalculator.Calculate(scheme, March, "anna", "Anna", 100_000m, []);

        Assert.False(ResultDiff.NeedsRecalculation(closed, PeriodCalculator.Calculate(scheme, March, "anna", "Anna", 100_000m, [])));

        var withDeal = PeriodCalculator.Calculate(scheme, March, "anna", "Anna", 100_000m, [SchemeTests.Fact(3, FactKinds.DealWon, 1, amount: 100m, days: 10)]);
        var cycle = Assert.Single(ResultDiff.Between(closed, withDeal), c => c is { Field: ResultField.Fact, MeasureCode: "avg_deal_cycle_days" });
        Assert.Equal((null, 10m, null), (cycle.Before, cycle.After, cycle.Delta));
    }

    [Fact]
    public void A_new_scheme_version_shows_as_a_change_of_version_and_plan()
    {
        var created = KpiScheme.Create(Guid.NewGuid(), SchemeTests.Draft(), "director", Now).Scheme!;
        var draft = SchemeTests.Draft();
        var revised = created.Revise(draft with { Measures = [draft.Measures[0] with { Plan = 800_000m }, draft.Measures[1], draft.Measures[2]] }, "director", Now).Scheme!;
        DailyFigure[] figures = [SchemeTests.Fact(3, FactKinds.DealWon, 1, amount: 600_000m, days: 30), SchemeTests.Fact(4, FactKinds.CallMade, 200)];

        var changes = ResultDiff.Between(
            PeriodCalculator.Calculate(created.Version(1)!, March, "anna", "Anna", 100_000m, figures),
            PeriodCalculator.Calculate(revised.Current, March, "anna", "Anna", 100_000m, figures));

        Assert.Equal(
            [(ResultField.SchemeVersion, 1m, 2m), (ResultField.Plan, 1_000_000m, 800_000m), (ResultField.Achievement, 60m, 75m), (ResultField.TotalAchievement, 76m, 85m), (ResultField.Bonus, 7_600m, 8_500m)],
            changes.Select(c => (c.Field, c.Before!.Value, c.After!.Value)));
    }
}
