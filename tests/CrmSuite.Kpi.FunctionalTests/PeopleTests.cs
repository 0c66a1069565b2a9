using CrmSuite.Kpi.Contracts;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;
using static CrmSuite.Kpi.FunctionalTests.TestEvents;
using static CrmSuite.Kpi.FunctionalTests.FactTests;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>
/// The KPI learns people from identity.person-changed: their names, roles and teams (with the
/// teams' names) name the rows of its answers and pick their schemes; a call, which names no
/// team, counts for the person's team.
/// </summary>
public sealed class PeopleTests(KpiApi api) : IClassFixture<KpiApi>
{
    [Fact]
    public async Task A_person_snapshot_is_kept_and_an_older_one_arriving_later_changes_nothing()
    {
        var user = NewUser();
        var team = "team-" + Guid.NewGuid().ToString("N")[..8];
        var (route, data) = PersonChanged(user, "Анна Петрова", ["SalesManager"], [(team, "Северный отдел")], March2);
        Assert.Equal("SUCCESS", await api.DeliverAsync(route, Guid.NewGuid().ToString(), data));
        var (olderRoute, older) = PersonChanged(user, "Анна Старая", ["Director"], [], March2.AddDays(-1));
        Assert.Equal("SUCCESS", await api.DeliverAsync(olderRoute, Guid.NewGuid().ToString(), older));

        Assert.Equal(1, await api.ScalarAsync(
            $"SELECT count(*) FROM people WHERE user_id = '{user}' AND display_name = 'Анна Петрова' AND roles = ARRAY['SalesManager'] AND team_ids = ARRAY['{team}']"));
        Assert.Equal(1, await api.ScalarAsync($"SELECT count(*) FROM team_names WHERE team_id = '{team}' AND name = 'Северный отдел'"));

        // A newer snapshot renames the team and moves the person out of it.
        var (newerRoute, newer) = PersonChanged(user, "Анна Петрова", ["SalesManager", "Director"], [], March2.AddDays(1));
        Assert.Equal("SUCCESS", await api.DeliverAsync(newerRoute, Guid.NewGuid().ToString(), newer));
        Assert.Equal(1, await api.ScalarAsync(
            $"SELECT count(*) FROM people WHERE user_id = '{user}' AND roles = ARRAY['Director', 'SalesManager'] AND team_ids = '{{}}'"));
    }

    [Fact]
    public async Task A_call_which_names_no_team_counts_for_the_persons_team_in_identity()
    {
        var user = NewUser();
        var team = "team-" + Guid.NewGuid().ToString("N")[..8];
        var (route, data) = PersonChanged(user, "Борис", ["SalesManager"], [(team, "Южный отдел")], March2.AddDays(-10));
        Assert.Equal("SUCCESS", await api.DeliverAsync(route, Guid.NewGuid().ToString(), data));
        var (callRoute, call) = CallLogged(user, March2, TimeSpan.FromMinutes(5));
        Assert.Equal("SUCCESS", await api.DeliverAsync(callRoute, Guid.NewGuid().ToString(), call));

        var facts = (await api.Director.Facts.ListFactsAsync(new ListFactsRequest { UserId = user }, cancellationToken: Ct)).Facts;
        Assert.Equal(team, Assert.Single(facts).TeamId);
    }
}
