using CrmSuite.Kpi.Api.Schemes;

namespace CrmSuite.Kpi.UnitTests;

/// <summary>The director's bonus formula: refused on save with the problem and its place; evaluated in exact decimals without ever throwing.</summary>
public sealed class BonusFormulaTests
{
    private static readonly string[] Variables = ["fact_deals_won_amount", "plan_deals_won_amount", "ach_deals_won_amount", "total_ach", "base_salary"];

    [Theory]
    [InlineData("x.GetType()", FormulaProblem.MemberAccess, 1, ".")]
    [InlineData("System.IO.File.Delete('a')", FormulaProblem.MemberAccess, 6, ".")]
    [InlineData("base_salary . ToString()", FormulaProblem.MemberAccess, 12, ".")]
    [InlineData("(base_salary).GetType()", FormulaProblem.MemberAccess, 13, ".")]
    [InlineData("base_salary * bonus_rate", FormulaProblem.UnknownVariable, 14, "bonus_rate")]
    [InlineData("Sqrt(base_salary)", FormulaProblem.UnknownFunction, 0, "Sqrt")]
    [InlineData("base_salary + typeof(total_ach)", FormulaProblem.UnknownFunction, 14, "typeof")]
    [InlineData("Max(base_salary)", FormulaProblem.WrongArgumentCount, 0, "Max")]
    [InlineData("base_salary * 0.1 +", FormulaProblem.Syntax, 18, "+")]
    [InlineData("base_salary 2", FormulaProblem.Syntax, 12, "2")]
    [InlineData("base_salary + * 2", FormulaProblem.Syntax, 14, "*")]
    [InlineData("Max(base_salary, (total_ach - 100)", FormulaProblem.UnclosedParenthesis, 34, null)]
    [InlineData("base_salary * 'text'", FormulaProblem.NotAllowed, 14, "'")]
    [InlineData("[base_salary]", FormulaProblem.NotAllowed, 0, "[")]
    [InlineData("total_ach ^ 2", FormulaProblem.NotAllowed, 10, "^")]
    [InlineData("total_ach ** 2", FormulaProblem.NotAllowed, 10, "**")]
    [InlineData("base_salary / 0", FormulaProblem.DivisionByZero, 12, null)]
    [InlineData("base_salary / (2 - 2)", FormulaProblem.DivisionByZero, 12, null)]
    [InlineData("total_ach > 100", FormulaProblem.NotANumber, 0, null)]
    [InlineData("(total_ach > 100) + base_salary", FormulaProblem.MixedValues, 0, null)]
    [InlineData("   ", FormulaProblem.Empty, 0, null)]
    [InlineData("оклад * 0.1", FormulaProblem.UnknownVariable, 0, "оклад")]
    [InlineData("1,5 * base_salary", FormulaProblem.Syntax, 1, ",")]
    [InlineData("base_salary * 1e400", FormulaProblem.TooLarge, 0, null)]
    [InlineData("Round(base_salary, 30)", FormulaProblem.BadArgument, 0, null)]
    [InlineData("total_ach in (1, 2)", FormulaProblem.NotAllowed, 10, "in")]
    [InlineData("base_salary * 5!", FormulaProblem.NotAllowed, 15, "!")]
    public void A_bad_formula_is_refused_naming_the_problem_and_its_position(string formula, FormulaProblem problem, int position, string? name)
    {
        var error = Assert.Single(BonusFormula.Check(formula, Variables));

        Assert.Equal(problem, error.Problem);
        Assert.Equal(position, error.Position);
        Assert.Equal(1, error.Line);
        Assert.Equal(position + 1, error.Column);
        Assert.Equal(name, error.Name);
    }

    [Fact]
    public void Messages_name_the_variable_and_the_place_in_english_and_russian()
    {
        var error = Assert.Single(BonusFormula.Check("base_salary *\n  bonus_rate", Variables));

        Assert.Equal((FormulaProblem.UnknownVariable, 16, 2, 3), (error.Problem, error.Position, error.Line, error.Column));
        Assert.Equal("Unknown variable 'bonus_rate' (line 2, column 3)", error.Message);
        Assert.Equal("Неизвестная переменная «bonus_rate» (строка 2, позиция 3)", error.MessageIn("ru"));
    }

    [Fact]
    public void Every_unknown_name_is_reported_once_in_reading_order()
    {
        var errors = BonusFormula.Check("a + b + a + Foo(base_salary)", Variables);

        Assert.Equal(
            [(FormulaProblem.UnknownVariable, "a", 0), (FormulaProblem.UnknownVariable, "b", 4), (FormulaProblem.UnknownFunction, "Foo", 12)],
            errors.Select(e => (e.Problem, e.Name, e.Position)));
    }

    [Fact]
    public void A_formula_longer_than_the_limit_is_refused_at_the_first_character_over_it()
    {
        var formula = string.Join(" + ", Enumerable.Repeat("base_salary", 200));

        var error = Assert.Single(BonusFormula.Check(formula, Variables));

        Assert.Equal((FormulaProblem.TooLong, BonusFormula.MaxLength), (error.Problem, error.Position));
        Assert.Contains("2000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_formula_passes_and_computes_in_exact_decimals()
    {
        const string formula = "if(total_ach >= 100, base_salary * 0.1 + (fact_deals_won_amount - plan_deals_won_amount) * 0.02, Max(0, base_salary * (total_ach - 80) / 200))";
        Assert.Empty(BonusFormula.Check(formula, Variables));

        var above = Evaluate(formula, fact: 1_250_000m, plan: 1_000_000m, total: 125m, salary: 60_000m);
        var below = Evaluate(formula, fact: 900_000m, plan: 1_000_000m, total: 90m, salary: 60_000m);

        Assert.Equal(11_000m, above.Value);                  // 6 000 + 250 000 × 0.02
        Assert.Equal(3_000m, below.Value);                   // 60 000 × 10 / 200
        Assert.Equal(0.3m, BonusFormula.Evaluate("0.1 + 0.2", new Dictionary<string, decimal>()).Value);
        Assert.Equal(0.33m, BonusFormula.Evaluate("1 / 3", new Dictionary<string, decimal>()).Value);
        // Integers divide as decimals, not doubles (a double keeps 15 digits: 666 666 666 666 667).
        Assert.Equal(666_666_666_666_666.67m, BonusFormula.Evaluate("2 / 3 * 1000000000000000", new Dictionary<string, decimal>()).Value);
    }

    [Fact]
    public void The_result_is_rounded_to_kopecks_half_away_from_zero_and_Round_rounds_the_same_way()
    {
        var none = new Dictionary<string, decimal>();

        Assert.Equal(0.13m, BonusFormula.Evaluate("0.125", none).Value);
        Assert.Equal(-0.13m, BonusFormula.Evaluate("-0.125", none).Value);
        Assert.Equal(3m, BonusFormula.Evaluate("Round(2.5, 0)", none).Value);
        Assert.Equal(1234.57m, BonusFormula.Evaluate("base_salary * 1.5 / 7", new Dictionary<string, decimal> { ["base_salary"] = 5_761.3299m }).Value);
    }

    [Fact]
    public void A_division_by_zero_at_evaluation_names_the_division_and_does_not_throw()
    {
        var outcome = Evaluate("base_salary * 0.1 + fact_deals_won_amount / plan_deals_won_amount * 1000", fact: 10m, plan: 0m, total: 0m, salary: 1m);

        Assert.Null(outcome.Value);
        Assert.Equal((FormulaProblem.DivisionByZero, 42), (outcome.Error!.Problem, outcome.Error.Position));
        // The division that failed, not the first one.
        Assert.Equal(DivisionByZero(40), Evaluate("fact_deals_won_amount / 2 + base_salary / plan_deals_won_amount", fact: 10m, plan: 0m, total: 0m, salary: 1m).Error);
    }

    [Fact]
    public void A_division_that_is_zero_only_for_some_figures_passes_the_check_and_fails_only_with_those_figures()
    {
        const string formula = "base_salary / (total_ach - 1.5)";

        Assert.Empty(BonusFormula.Check(formula, Variables));
        Assert.Equal(DivisionByZero(12), BonusFormula.Evaluate(formula, new Dictionary<string, decimal> { ["base_salary"] = 1m, ["total_ach"] = 1.5m }).Error);
        Assert.Equal(2m, BonusFormula.Evaluate(formula, new Dictionary<string, decimal> { ["base_salary"] = 1m, ["total_ach"] = 2m }).Value);
    }

    [Fact]
    public void A_comma_for_a_decimal_point_is_explained()
    {
        var error = Assert.Single(BonusFormula.Check("base_salary * 0,1", Variables));

        Assert.Equal("The formula cannot be read at ','; a decimal point is written '.' (line 1, column 16)", error.Message);
    }

    private static FormulaError DivisionByZero(int position) => new(FormulaProblem.DivisionByZero, position, 1, position + 1);

    [Fact]
    public void A_division_guarded_by_if_does_not_fail_when_its_branch_is_not_taken()
    {
        var outcome = Evaluate("if(plan_deals_won_amount > 0, fact_deals_won_amount / plan_deals_won_amount * 1000, 0)", fact: 10m, plan: 0m, total: 0m, salary: 1m);

        Assert.Equal(0m, outcome.Value);
    }

    [Fact]
    public void A_result_beyond_decimal_range_is_an_error_not_an_exception()
    {
        var outcome = BonusFormula.Evaluate("base_salary * base_salary * base_salary", new Dictionary<string, decimal> { ["base_salary"] = 1e12m });

        Assert.Equal(FormulaProblem.TooLarge, outcome.Error!.Problem);
    }

    [Fact]
    public void Evaluation_refuses_what_the_check_refuses()
    {
        var outcome = BonusFormula.Evaluate("x.GetType()", new Dictionary<string, decimal> { ["x"] = 1m });

        Assert.Equal((FormulaProblem.MemberAccess, 1), (outcome.Error!.Problem, outcome.Error.Position));
    }

    private static FormulaOutcome Evaluate(string formula, decimal fact, decimal plan, decimal total, decimal salary) =>
        BonusFormula.Evaluate(formula, new Dictionary<string, decimal>
        {
            ["fact_deals_won_amount"] = fact,
            ["plan_deals_won_amount"] = plan,
            ["ach_deals_won_amount"] = plan == 0 ? 0 : fact * 100 / plan,
            ["total_ach"] = total,
            ["base_salary"] = salary,
        });
}
