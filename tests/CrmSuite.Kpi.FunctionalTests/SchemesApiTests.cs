using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Kpi.Contracts;
using Google.Rpc;
using Grpc.Core;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>
/// The KPI schemes API over real gRPC and REST on the real PostgreSQL: a director creates and
/// revises a scheme (versions kept, an unchanged save adds none, a stale edit refused), bad fields
/// are 400s naming each field (the formula's with line and column), a manager cannot save, and
/// every saved version is audited and published.
/// </summary>
public sealed class SchemesApiTests(KpiApi api) : IClassFixture<KpiApi>
{
    private static SaveSchemeRequest Request(string plan = "10", string formula = "base_salary * total_ach / 1000") => new()
    {
        Name = "Менеджеры продаж",
        Target = new SchemeTarget { Kind = "role", Id = "SalesManager" },
        PeriodKind = "month",
        Measures =
        {
            new SchemeMeasure { MeasureCode = "deals_won_count", Plan = plan, Weight = "60" },
            new SchemeMeasure { MeasureCode = "calls_made", Plan = "200", Weight = "40", MinimumPercent = "50", CapPercent = "150" },
        },
        Formula = formula,
        BaseSalary = "50000.00",
    };

    private Task<long> VersionsAsync(string schemeId) => api.ScalarAsync($"SELECT count(*) FROM scheme_versions WHERE scheme_id = '{schemeId}'");

    [Fact]
    public async Task A_director_creates_and_revises_a_scheme_and_every_version_is_kept_audited_and_published()
    {
        var schemes = api.Director.Schemes;
        var created = await schemes.CreateSchemeAsync(Request(), cancellationToken: Ct);

        Assert.Equal(1, created.Current.Version);
        Assert.Equal(("role", "SalesManager", "Sales manager"), (created.Current.Target.Kind, created.Current.Target.Id, created.Current.Target.Name));
        Assert.Equal("Директор", created.Current.CreatedBy);
        Assert.Equal("50000.00", created.Current.BaseSalary);
        Assert.Equal(["10", "200"], created.Current.Measures.Select(m => m.Plan));
        Assert.Equal(("50", "150"), (created.Current.Measures[1].MinimumPercent, created.Current.Measures[1].CapPercent));
        Assert.Contains("fact_deals_won_count", created.Variables);
        Assert.Contains("base_salary", created.Variables);

        var revised = await schemes.UpdateSchemeAsync(new SaveSchemeRequest(Request(plan: "12")) { SchemeId = created.SchemeId, ExpectedVersion = 1 },
            cancellationToken: Ct);
        Assert.Equal(2, revised.Current.Version);

        var read = await schemes.GetSchemeAsync(new GetSchemeRequest { SchemeId = created.SchemeId }, cancellationToken: Ct);
        Assert.Equal([1, 2], read.Versions.Select(v => v.Version));
        Assert.Equal(["10", "12"], read.Versions.Select(v => v.Measures[0].Plan));
        Assert.Contains((await schemes.ListSchemesAsync(new ListSchemesRequest(), cancellationToken: Ct)).Schemes,
            s => s.SchemeId == created.SchemeId && s.Current.Version == 2 && s.Versions.Count == 0);

        var createdAudit = Assert.Single(await api.AuditAsync("kpi.scheme.created"), e => e.GetProperty("entityId").GetString() == created.SchemeId);
        Assert.Equal("director-1", createdAudit.GetProperty("actorId").GetString());
        var revisedAudit = Assert.Single(await api.AuditAsync("kpi.scheme.revised"), e => e.GetProperty("entityId").GetString() == created.SchemeId);
        Assert.Equal(1, revisedAudit.GetProperty("before").GetProperty("version").GetInt32());
        Assert.Equal(2, revisedAudit.GetProperty("after").GetProperty("version").GetInt32());
        Assert.Equal(2, await api.ScalarAsync(
            $"SELECT count(*) FROM outbox_messages WHERE topic = 'kpi.scheme-saved' AND payload->>'schemeId' = '{created.SchemeId}'"));
    }

    [Fact]
    public async Task An_unchanged_save_adds_no_version_and_a_stale_one_is_refused_with_409()
    {
        var schemes = api.Director.Schemes;
        var created = await schemes.CreateSchemeAsync(Request(), cancellationToken: Ct);
        await schemes.UpdateSchemeAsync(new SaveSchemeRequest(Request(plan: "15")) { SchemeId = created.SchemeId, ExpectedVersion = 1 }, cancellationToken: Ct);

        var unchanged = await schemes.UpdateSchemeAsync(new SaveSchemeRequest(Request(plan: "15.0")) { SchemeId = created.SchemeId, ExpectedVersion = 2 },
            cancellationToken: Ct);
        Assert.Equal(2, unchanged.Current.Version);
        Assert.Equal(2, await VersionsAsync(created.SchemeId));
        Assert.Single(await api.AuditAsync("kpi.scheme.revised"), e => e.GetProperty("entityId").GetString() == created.SchemeId);

        // A colleague still editing version 1 would overwrite version 2 unseen.
        var stale = await RefusedAsync(() => schemes.UpdateSchemeAsync(
            new SaveSchemeRequest(Request(plan: "20")) { SchemeId = created.SchemeId, ExpectedVersion = 1 }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        using var rest = await api.Director.Http.PutAsJsonAsync($"/v1/kpi/schemes/{created.SchemeId}",
            new { name = "Менеджеры продаж", expectedVersion = 1, target = new { kind = "role", id = "SalesManager" }, periodKind = "month",
                measures = new[] { new { measureCode = "calls_made", plan = "100", weight = "1" } }, formula = "base_salary", baseSalary = "1" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, rest.StatusCode);
        Assert.Equal(2, await VersionsAsync(created.SchemeId));
    }

    [Theory]
    [InlineData("-5", "base_salary * bonus_rate", "measures[1].plan", "more than 0")]
    [InlineData("1,5", "base_salary", "measures[1].plan", "'1,5' is not a number")]
    [InlineData("1e3", "base_salary", "measures[1].plan", "'1e3' is not a number")]
    [InlineData("100", "base_salary\n  * bonus_rate", "formula", "Unknown variable 'bonus_rate' (line 2, column 5)")]
    [InlineData("100", "base_salary.GetType()", "formula", "Member access ('.') is not allowed: a formula works with numbers only (line 1, column 12)")]
    [InlineData("100", "System.IO.File.Delete('x')", "formula", "Member access ('.') is not allowed: a formula works with numbers only (line 1, column 7)")]
    [InlineData("100", "base_salary / (2 - 2)", "formula", "Division by zero (line 1, column 13)")]
    [InlineData("100", "base_salary * 0.1 +", "formula", "The formula cannot be read at '+' (line 1, column")]
    public async Task A_bad_field_is_a_400_problem_naming_it_and_nothing_is_saved(string callsPlan, string formula, string field, string message)
    {
        var before = await api.ScalarAsync("SELECT count(*) FROM scheme_versions");
        using var response = await api.Director.Http.PostAsJsonAsync("/v1/kpi/schemes", new
        {
            name = "Менеджеры продаж",
            target = new { kind = "role", id = "SalesManager" },
            periodKind = "month",
            measures = new[] { new { measureCode = "deals_won_count", plan = "10", weight = "60" }, new { measureCode = "calls_made", plan = callsPlan, weight = "40" } },
            formula,
            baseSalary = "50000",
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(message, StringComparison.Ordinal));
        Assert.Equal(before, await api.ScalarAsync("SELECT count(*) FROM scheme_versions"));
    }

    [Fact]
    public async Task Over_grpc_each_bad_field_is_a_field_violation_and_a_formula_message_is_in_the_callers_language()
    {
        var request = Request(plan: "0", formula: "base_salary * bonus_rate");
        request.Target.Id = "";
        request.PeriodKind = "week";
        var headers = new Metadata { { "accept-language", "ru-RU,ru;q=0.9" } };

        var refused = await RefusedAsync(() => api.Director.Schemes.CreateSchemeAsync(request, headers, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violations = refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations;
        Assert.Equal(["formula", "measures[0].plan", "period_kind", "target.id"], violations.Select(v => v.Field).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("Неизвестная переменная «bonus_rate» (строка 1, позиция 15)", violations.Single(v => v.Field == "formula").Description);
    }

    [Fact]
    public async Task A_manager_without_kpi_configure_cannot_save_or_check_and_nothing_is_saved()
    {
        var before = await api.ScalarAsync("SELECT count(*) FROM scheme_versions");
        var anna = api.As(KpiUsers.Anna);

        var grpc = await RefusedAsync(() => anna.Schemes.CreateSchemeAsync(Request(), cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, grpc.StatusCode);
        using var rest = await anna.Http.PostAsJsonAsync("/v1/kpi/schemes", new { name = "Моя схема", target = new { kind = "person", id = "manager-anna" } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, rest.StatusCode);
        using var check = await anna.Http.PostAsJsonAsync("/v1/kpi/schemes:check-formula", new { formula = "base_salary" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, check.StatusCode);

        Assert.Equal(before, await api.ScalarAsync("SELECT count(*) FROM scheme_versions"));
        // Reading is kpi.read: the manager sees the catalogue and the schemes.
        Assert.Equal(11, (await anna.Schemes.ListMeasuresAsync(new ListMeasuresRequest(), cancellationToken: Ct)).Measures.Count);
    }

    [Fact]
    public async Task Measures_are_named_in_the_callers_language()
    {
        using var ru = new HttpRequestMessage(HttpMethod.Get, "/v1/kpi/measures") { Headers = { { "Accept-Language", "ru" } } };
        using var answer = await api.Director.Http.SendAsync(ru, Ct);
        var measures = (await answer.Content.ReadFromJsonAsync<JsonElement>(Json, Ct)).GetProperty("measures").EnumerateArray().ToList();
        var calls = measures.Single(m => m.GetProperty("code").GetString() == "calls_made");
        Assert.Equal(("Звонки", "count"), (calls.GetProperty("name").GetString(), calls.GetProperty("unit").GetString()));
        Assert.Equal("avg_deal_cycle_days", measures.Single(m => m.TryGetProperty("lowerIsBetter", out var lower) && lower.GetBoolean()).GetProperty("code").GetString());

        var english = await api.Director.Schemes.ListMeasuresAsync(new ListMeasuresRequest(), cancellationToken: Ct);
        Assert.Equal("Calls made", english.Measures.Single(m => m.Code == "calls_made").Name);
        Assert.Equal(["deal-won"], english.Measures.Single(m => m.Code == "deals_won_amount").Kinds);
    }

    [Fact]
    public async Task A_scheme_for_a_team_or_a_person_shows_their_names()
    {
        var (route, data) = TestEvents.PersonChanged("manager-oleg", "Олег Петров", ["SalesManager"], [("team-south", "Юг")], DateTimeOffset.UtcNow);
        Assert.Equal("SUCCESS", await api.DeliverAsync(route, Guid.NewGuid().ToString(), data));

        var team = Request();
        team.Target = new SchemeTarget { Kind = "team", Id = "team-south" };
        var person = Request();
        person.Target = new SchemeTarget { Kind = "person", Id = "manager-oleg" };
        var forTeam = await api.Director.Schemes.CreateSchemeAsync(team, cancellationToken: Ct);
        var forPerson = await api.Director.Schemes.CreateSchemeAsync(person, cancellationToken: Ct);

        Assert.Equal("Юг", forTeam.Current.Target.Name);
        Assert.Equal("Олег Петров", (await api.Director.Schemes.GetSchemeAsync(new GetSchemeRequest { SchemeId = forPerson.SchemeId }, cancellationToken: Ct))
            .Versions.Single().Target.Name);
        var missing = await RefusedAsync(() => api.Director.Schemes.GetSchemeAsync(new GetSchemeRequest { SchemeId = Guid.NewGuid().ToString() },
            cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_formula_check_saves_nothing_gives_problems_with_their_place_and_the_bonus_for_the_sample()
    {
        var before = await api.ScalarAsync("SELECT count(*) FROM scheme_versions");
        var measures = Request().Measures;
        var schemes = api.Director.Schemes;

        var good = await schemes.CheckFormulaAsync(new CheckFormulaRequest
        {
            Formula = "base_salary * 0.1 + fact_deals_won_count * 1000", Measures = { measures }, Sample = { ["base_salary"] = "50000" },
        }, cancellationToken: Ct);
        Assert.Empty(good.Problems);
        // fact_deals_won_count is its plan (10) when the sample leaves it out.
        Assert.Equal(15000m, decimal.Parse(good.SampleBonus, System.Globalization.CultureInfo.InvariantCulture));

        // Plans not typed yet: the check still runs (an empty plan is 0 here; saving requires it).
        var unplanned = await schemes.CheckFormulaAsync(new CheckFormulaRequest
        {
            Formula = "base_salary + fact_calls_made", Measures = { new SchemeMeasure { MeasureCode = "calls_made" } }, Sample = { ["base_salary"] = "100" },
        }, cancellationToken: Ct);
        Assert.Equal((0, 100m), (unplanned.Problems.Count, decimal.Parse(unplanned.SampleBonus, System.Globalization.CultureInfo.InvariantCulture)));

        var unknown = await schemes.CheckFormulaAsync(new CheckFormulaRequest { Formula = "base_salary\n * rate", Measures = { measures } }, cancellationToken: Ct);
        var problem = Assert.Single(unknown.Problems);
        Assert.Equal((2, 4, "rate"), (problem.Line, problem.Column, problem.Near));
        Assert.Equal("", unknown.SampleBonus);

        // Zero only for these figures: the check passes it, the sample run shows where it divides by zero.
        var byZero = await schemes.CheckFormulaAsync(new CheckFormulaRequest
        {
            Formula = "base_salary / (total_ach - 100)", Measures = { measures },
        }, cancellationToken: Ct);
        Assert.Equal((1, 13, "Division by zero (line 1, column 13)"), (byZero.Problems.Single().Line, byZero.Problems.Single().Column, byZero.Problems.Single().Message));

        var member = await schemes.CheckFormulaAsync(new CheckFormulaRequest { Formula = "base_salary.GetType()", Measures = { measures } }, cancellationToken: Ct);
        Assert.Equal((1, 12), (member.Problems.Single().Line, member.Problems.Single().Column));

        var badSample = await RefusedAsync(() => schemes.CheckFormulaAsync(new CheckFormulaRequest
        {
            Formula = "base_salary", Measures = { measures }, Sample = { ["base_salary"] = "50 000" },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("sample[base_salary]", badSample.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        Assert.Equal(before, await api.ScalarAsync("SELECT count(*) FROM scheme_versions"));
    }
}
