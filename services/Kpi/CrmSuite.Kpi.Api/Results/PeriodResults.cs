using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Infrastructure;
using CrmSuite.Kpi.Api.People;
using CrmSuite.Kpi.Api.Schemes;

namespace CrmSuite.Kpi.Api.Results;

/// <summary>
/// A person's period result as answers show it and a close keeps it: the calculated result (with
/// the scheme id, version and formula), the scheme's and the team's names, and the person's teams
/// (for who may see it).
/// </summary>
public sealed record PeriodPersonResult(PersonResult Result, string SchemeName, string TeamName, IReadOnlyList<string> TeamIds)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string UserId => Result.UserId;

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static PeriodPersonResult Deserialize(string json) =>
        JsonSerializer.Deserialize<PeriodPersonResult>(json, Json) ?? throw new InvalidOperationException("An empty period result.");
}

/// <summary>Someone with figures in the period whom no scheme applies to.</summary>
public sealed record UnschemedPerson(string UserId, string Name, IReadOnlyList<string> TeamIds);

/// <summary>Everyone's results of a period, and the people with figures but no scheme.</summary>
public sealed record ComputedResults(IReadOnlyList<PeriodPersonResult> Results, IReadOnlyList<UnschemedPerson> WithoutScheme);

/// <summary>
/// Computes period results now from the daily projection: for each person identity told the KPI
/// about (and anyone with figures in the period), the scheme that applies to them
/// (<see cref="SchemeSelection"/> over the current scheme versions, with their roles and first team)
/// and its base salary. Someone with a scheme and no figures gets a result of zeros; a disabled
/// person without figures none.
/// </summary>
public sealed class PeriodResults(KpiDbContext db, SchemeStore schemes, PersonDirectory people)
{
    /// <param name="onlyUsers">Just these people (a manager's own result); null: everyone.</param>
    public async Task<ComputedResults> ComputeAsync(KpiPeriod period, string? pipelineId, IReadOnlyCollection<string>? onlyUsers, CancellationToken ct)
    {
        var keep = period.Filter(pipelineId: pipelineId);
        var figures = (await DailyFigures.ReadAsync(db, new FigureQuery(period.FirstDay, period.LastDay, onlyUsers?.ToList()), ct))
            .Where(keep.Keeps)
            .GroupBy(f => f.UserId)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var active = onlyUsers is null ? await people.ActiveAsync(ct) : [];
        var known = active.Select(p => p.UserId).ToHashSet(StringComparer.Ordinal);
        var others = await people.FindAsync(figures.Keys.Concat(onlyUsers ?? []).Where(u => !known.Contains(u)), ct);
        var current = await schemes.CurrentAsync(ct);

        var results = new List<PeriodPersonResult>();
        var withoutScheme = new List<UnschemedPerson>();
        foreach (var person in active.Concat(others.Values))
        {
            var hasFigures = figures.TryGetValue(person.UserId, out var rows);
            var scheme = SchemeSelection.For(current, period.Kind, person.UserId, person.TeamIds.FirstOrDefault(), [.. person.Roles]);
            if (scheme is null)
            {
                if (hasFigures)
                {
                    withoutScheme.Add(new UnschemedPerson(person.UserId, person.Name, person.TeamIds));
                }
                continue;
            }
            if (!hasFigures && person.Disabled)
            {
                continue;
            }
            var result = PeriodCalculator.Calculate(scheme, period, person.UserId, person.Name, scheme.BaseSalary, rows ?? []);
            results.Add(new PeriodPersonResult(result, scheme.Name, person.TeamName, person.TeamIds));
        }
        return new ComputedResults(
            [.. results.OrderBy(r => r.Result.PersonName, StringComparer.CurrentCulture).ThenBy(r => r.UserId, StringComparer.Ordinal)],
            [.. withoutScheme.OrderBy(p => p.Name, StringComparer.CurrentCulture)]);
    }
}

/// <summary>
/// Whose results the caller sees: as the figures (<see cref="FactVisibility"/>: own, the teams
/// headed, all), except that a holder of kpi.bonus (accountants) sees everyone's, as the bonus sheet does.
/// </summary>
public static class ResultVisibility
{
    public static FactVisibility Of(ClaimsPrincipal user)
    {
        var visibility = FactVisibility.Of(user);
        return user.HasPermission(Permissions.KpiBonus) ? visibility with { Scope = ClientVisibility.All } : visibility;
    }

    public static bool Sees(this FactVisibility visibility, string userId, IReadOnlyList<string> teamIds) =>
        visibility.SeesAll || userId == visibility.UserId
        || (visibility.Scope == ClientVisibility.Team && teamIds.Any(t => visibility.HeadedTeams.Contains(t)));
}
