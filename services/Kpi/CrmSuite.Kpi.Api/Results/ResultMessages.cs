using System.Globalization;
using CrmSuite.Kpi.Api.Measures;
using CrmSuite.Kpi.Api.Periods;
using CrmSuite.Kpi.Api.Schemes;
using Contracts = CrmSuite.Kpi.Contracts;

namespace CrmSuite.Kpi.Api.Results;

/// <summary>
/// The differences between a person's results in two versions of a period (<see cref="ResultDiff"/>); a
/// person only in one version is compared with an empty result (no scheme, no measures, no bonus).
/// </summary>
public static class ResultChanges
{
    public static IReadOnlyList<ResultChange> Between(PeriodPersonResult? before, PeriodPersonResult? after)
    {
        if (before is null && after is null)
        {
            return [];
        }
        return ResultDiff.Between(before?.Result ?? Empty(after!.Result), after?.Result ?? Empty(before!.Result));
    }

    /// <summary>
    /// What changed, as the API names it: a measure's fact is its code ("calls_made"); its plan, weight and achievement
    /// "calls_made.plan", "….weight", "….achievement"; then "scheme_version", "total_achievement", "base_salary", "bonus".
    /// </summary>
    public static string What(ResultChange change) => change.Field switch
    {
        ResultField.Fact => change.MeasureCode!,
        ResultField.Plan => change.MeasureCode + ".plan",
        ResultField.Weight => change.MeasureCode + ".weight",
        ResultField.Achievement => change.MeasureCode + ".achievement",
        ResultField.SchemeVersion => "scheme_version",
        ResultField.TotalAchievement => "total_achievement",
        ResultField.BaseSalary => "base_salary",
        _ => "bonus",
    };

    private static PersonResult Empty(PersonResult like) =>
        new(like.UserId, like.PersonName, like.PeriodCode, Guid.Empty, 0, string.Empty, [], 0m, 0m, null);
}

/// <summary>Results, versions and periods as the KPI contract's messages; decimals as invariant strings, "" for no value.</summary>
internal static class ResultMessages
{
    public static Contracts.PersonResult ToMessage(PeriodPersonResult stored, string language)
    {
        var r = stored.Result;
        var message = new Contracts.PersonResult
        {
            UserId = r.UserId, PersonName = r.PersonName, TeamName = stored.TeamName, SchemeId = r.SchemeId.ToString(), SchemeName = stored.SchemeName,
            SchemeVersion = r.SchemeVersion, TotalAchievement = Text(r.TotalAchievement), BaseSalary = Text(r.BaseSalary), Bonus = Text(r.Bonus),
            BonusError = r.BonusError?.MessageIn(language) ?? string.Empty,
        };
        message.Measures.AddRange(r.Measures.Select(m =>
        {
            var measure = MeasureCatalogue.Find(m.MeasureCode);
            return new Contracts.MeasureResult
            {
                MeasureCode = m.MeasureCode, MeasureName = measure?.Name(language) ?? m.MeasureCode,
                Unit = measure?.Unit.ToString().ToLowerInvariant() ?? string.Empty,
                Fact = Text(m.Fact), Plan = Text(m.Plan), Weight = Text(m.Weight), Achievement = Text(m.Achievement),
            };
        }));
        return message;
    }

    public static IEnumerable<Contracts.ResultChange> Changes(PeriodPersonResult? before, PeriodPersonResult? after)
    {
        var person = after ?? before!;
        return ResultChanges.Between(before, after).Select(c => new Contracts.ResultChange
        {
            UserId = person.UserId, PersonName = person.Result.PersonName, What = ResultChanges.What(c), Before = Text(c.Before), After = Text(c.After),
        });
    }

    public static Contracts.PeriodSummary Summary(KpiPeriod period, KpiPeriodRow? row, IReadOnlyCollection<PeriodPersonResult> visible) => new()
    {
        Period = period.Code,
        Status = row?.Status ?? PeriodStatus.Open,
        Version = row?.Version ?? 0,
        ClosedAt = row is null ? string.Empty : Time(row.ClosedAt),
        ClosedBy = row?.ClosedBy ?? string.Empty,
        People = visible.Count,
        BonusTotal = Text(PeriodLedger.BonusTotal(visible)),
    };

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>ru or en: the request's Accept-Language (the staff UI sends the language it shows), else the token's locale, else English.</summary>
    public static string LanguageOf(HttpContext http)
    {
        var accepted = http.Request.Headers.AcceptLanguage.ToString();
        if (accepted.Length > 0)
        {
            return accepted.TrimStart().StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? "ru" : "en";
        }
        return http.User.FindFirst("locale")?.Value is { } locale && locale.StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? "ru" : "en";
    }
}
