using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Measures;
using CrmSuite.Kpi.Api.Schemes;

namespace CrmSuite.Kpi.UnitTests;

/// <summary>Schemes: thresholds, caps and weights make the achievement; the formula makes the bonus; every change is a new version.</summary>
public sealed class SchemeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly KpiPeriod March = KpiPeriod.Month(2026, 3);

    internal static SchemeDraft Draft(string formula = "base_salary * total_ach / 1000") => new(
        "Sales managers, monthly",
        new SchemeTarget(SchemeTargetKind.Role, "sales-manager"),
        PeriodKind.Month,
        [
            new SchemeMeasure("deals_won_amount", Plan: 1_000_000m, Weight: 60m, MinimumPercent: 50m, CapPercent: 150m),
            new SchemeMeasure("calls_made", Plan: 200m, Weight: 30m, MinimumPercent: 70m),
            new SchemeMeasure("avg_deal_cycle_days", Plan: 30m, Weight: 10m, CapPercent: 120m),
        ],
        formula);

    internal static DailyFigure Fact(int day, string kind, int count, decimal amount = 0, decimal days = 0) =>
        new("anna", "north", new DateOnly(2026, 3, day), kind, kind.StartsWith("deal", StringComparison.Ordinal) ? "p1" : null, count, amount, days);

    [Fact]
    public void Achievement_counts_zero_below_the_threshold_stops_at_the_cap_and_inverts_where_less_is_better()
    {
        var amount = Draft().Measures[0];
        var calls = Draft().Measures[1];
        var cycle = Draft().Measures[2];

        Assert.Equal(0m, Achievement.Of(MeasureCatalogue.DealsWonAmount, amount, 499_999.99m));     // 49.99… % < 50 %
        Assert.Equal(50m, Achievement.Of(MeasureCatalogue.DealsWonAmount, amount, 500_000m));       // the threshold itself counts
        Assert.Equal(123.46m, Achievement.Of(MeasureCatalogue.DealsWonAmount, amount, 1_234_567m)); // 123.4567 → 123.46
        Assert.Equal(150m, Achievement.Of(MeasureCatalogue.DealsWonAmount, amount, 2_000_000m));    // 200 % capped at 150 %
        Assert.Equal(250m, Achievement.Of(MeasureCatalogue.CallsMade, calls, 500m));                // no cap
        Assert.Equal(0m, Achievement.Of(MeasureCatalogue.CallsMade, calls, 139m));                  // 69.5 % < 70 %
        Assert.Equal(0m, Achievement.Of(MeasureCatalogue.DealsWonAmount, amount, null));            // no value achieves nothing
        Assert.Equal(120m, Achievement.Of(MeasureCatalogue.AverageDealCycleDays, cycle, 20m));      // 30 / 20 = 150 % capped at 120 %
        Assert.Equal(75m, Achievement.Of(MeasureCatalogue.AverageDealCycleDays, cycle, 40m));       // 30 / 40
    }

    [Fact]
    public void A_person_s_period_gives_weighted_achievement_and_the_formula_s_bonus()
    {
        var scheme = KpiScheme.Create(Guid.NewGuid(), Draft("base_salary * total_ach / 1000 + if(ach_calls_made >= 100, 5000, 0)"), "director", Now).Scheme!.Current;
        DailyFigure[] figures =
        [
            Fact(2, FactKinds.DealWon, 2, amount: 800_000m, days: 50),
            Fact(20, FactKinds.DealWon, 1, amount: 400_000m, days: 25),   // 1 200 000 of 1 000 000: 120 %; cycle 75 / 3 = 25 days: 120 %
            Fact(5, FactKinds.CallMade, 150),
            Fact(6, FactKinds.CallMade, 60),                               // 210 of 200: 105 %
            new("anna", "north", new DateOnly(2026, 4, 1), FactKinds.CallMade, null, 500, 0, 0),  // April: not March
        ];

        var result = PeriodCalculator.Calculate(scheme, March, "anna", "Anna Smirnova", 80_000m, figures);

        Assert.Equal([(1_200_000m, 120m), (210m, 105m), (25m, 120m)], result.Measures.Select(m => (m.Fact!.Value, m.Achievement)));
        Assert.Equal(115.5m, result.TotalAchievement);                     // (120×60 + 105×30 + 120×10) / 100
        Assert.Equal(14_240m, result.Bonus);                               // 80 000 × 115.5 / 1000 + 5 000
        Assert.Null(result.BonusError);
        Assert.Equal(("2026-03", 1, scheme.Formula), (result.PeriodCode, result.SchemeVersion, result.Formula));
    }

    [Fact]
    public void A_division_by_zero_with_the_period_s_figures_leaves_the_bonus_empty_and_says_where()
    {
        var scheme = KpiScheme.Create(Guid.NewGuid(), Draft("base_salary / fact_calls_made"), "director", Now).Scheme!.Current;

        var result = PeriodCalculator.Calculate(scheme, March, "anna", "Anna", 80_000m, []);

        Assert.Null(result.Bonus);
        Assert.Equal((FormulaProblem.DivisionByZero, 12), (result.BonusError!.Problem, result.BonusError.Position));
    }

    [Fact]
    public void Every_change_is_a_new_immutable_version_and_an_unchanged_save_adds_none()
    {
        var id = Guid.NewGuid();
        var first = KpiScheme.Create(id, Draft(), "director", Now).Scheme!;

        var changed = first.Revise(Draft("base_salary * total_ach / 500"), "director2", Now.AddDays(1));
        var unchanged = changed.Scheme!.Revise(Draft("base_salary * total_ach / 500"), "director2", Now.AddDays(2));

        Assert.True(changed.Changed);
        Assert.False(unchanged.Changed);
        Assert.Same(changed.Scheme, unchanged.Scheme);
        Assert.Equal([1, 2], changed.Scheme!.Versions.Select(v => v.Version));
        Assert.Equal("base_salary * total_ach / 1000", changed.Scheme.Version(1)!.Formula);
        Assert.Equal(("base_salary * total_ach / 500", "director2"), (changed.Scheme.Current.Formula, changed.Scheme.Current.CreatedBy));
        Assert.Single(first.Versions);                                    // the scheme before the change is untouched
    }

    [Fact]
    public void A_draft_that_cannot_be_saved_names_each_bad_field_and_changes_nothing()
    {
        var scheme = KpiScheme.Create(Guid.NewGuid(), Draft(), "director", Now).Scheme!;
        var bad = Draft("base_salary * fact_revenue_paid") with
        {
            Name = " ",
            Measures =
            [
                new SchemeMeasure("deals_won_amount", Plan: 0m, Weight: 60m, MinimumPercent: 80m, CapPercent: 50m),
                new SchemeMeasure("deals_won_amount", Plan: 10m, Weight: -1m),
                new SchemeMeasure("happiness", Plan: 10m, Weight: 1m),
            ],
        };

        var save = scheme.Revise(bad, "director", Now);

        Assert.False(save.Saved);
        Assert.Same(scheme, save.Scheme);
        Assert.Single(scheme.Versions);
        Assert.Equal(
            ["name", "measures[0].plan", "measures[0].cap_percent", "measures[1].measure_code", "measures[1].weight", "measures[2].measure_code", "formula"],
            save.Problems.Select(p => p.Field));
        var formula = save.Problems[^1].Formula!;
        Assert.Equal((FormulaProblem.UnknownVariable, "fact_revenue_paid", 14), (formula.Problem, formula.Name, formula.Position));
    }

    [Fact]
    public void A_period_of_another_kind_than_the_scheme_s_is_refused()
    {
        var scheme = KpiScheme.Create(Guid.NewGuid(), Draft(), "director", Now).Scheme!.Current;

        Assert.Throws<ArgumentException>(() => PeriodCalculator.Calculate(scheme, KpiPeriod.Quarter(2026, 1), "anna", "Anna", 1m, []));
    }
}

/// <summary>Which scheme counts for a person: their own beats their team's, which beats their role's.</summary>
public sealed class SchemeSelectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static SchemeVersion Scheme(SchemeTargetKind kind, string id, PeriodKind period = PeriodKind.Month, int daysLater = 0) =>
        KpiScheme.Create(Guid.NewGuid(), SchemeTests.Draft() with { Target = new SchemeTarget(kind, id), PeriodKind = period, Name = $"{kind} {id}" }, "director", Now.AddDays(daysLater)).Scheme!.Current;

    [Fact]
    public void A_person_s_own_scheme_beats_the_team_s_and_the_team_s_beats_the_role_s()
    {
        var role = Scheme(SchemeTargetKind.Role, "sales-manager");
        var team = Scheme(SchemeTargetKind.Team, "north");
        var own = Scheme(SchemeTargetKind.Person, "anna");
        var other = Scheme(SchemeTargetKind.Person, "boris");
        var quarterly = Scheme(SchemeTargetKind.Person, "anna", PeriodKind.Quarter);
        SchemeVersion[] all = [role, team, own, other, quarterly];

        Assert.Same(own, SchemeSelection.For(all, PeriodKind.Month, "anna", "north", ["sales-manager"]));
        Assert.Same(team, SchemeSelection.For(all, PeriodKind.Month, "carl", "north", ["sales-manager"]));
        Assert.Same(role, SchemeSelection.For(all, PeriodKind.Month, "carl", null, ["sales-manager"]));
        Assert.Same(quarterly, SchemeSelection.For(all, PeriodKind.Quarter, "anna", "north", ["sales-manager"]));
        Assert.Null(SchemeSelection.For(all, PeriodKind.Month, "carl", "south", ["accountant"]));
    }

    [Fact]
    public void Among_schemes_of_the_same_rank_the_one_changed_last_counts()
    {
        var older = Scheme(SchemeTargetKind.Team, "north");
        var newer = Scheme(SchemeTargetKind.Team, "north", daysLater: 3);

        Assert.Same(newer, SchemeSelection.For([newer, older], PeriodKind.Month, "anna", "north", []));
    }
}
