using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests.Processes;

/// <summary>Who a user task goes to under the team rules: the record team's head, and a team's members in turn.</summary>
public sealed class ProcessAssigneeTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private readonly ProcessTestKit _kit = new(api);

    private Task<string> PublishTaskAsync(string assignee) => _kit.PublishAsync(new Drawing("Команда").Start()
        .Task("call", "Позвонить клиенту", assignee: assignee).End().Flow("start", "call").Flow("call", "end"), "Обзвон " + assignee);

    private async Task<bool> AssignedToAsync(string instanceId, string userId) =>
        await api.ScalarAsync("SELECT count(*) FROM items i JOIN process_tokens t ON t.task_item_id = i.id WHERE t.instance_id = @p0::uuid AND i.assignee_user_id = @p1",
            instanceId, userId) == 1;

    private async Task<string> AssigneeOfAsync(string instanceId, params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (await AssignedToAsync(instanceId, candidate))
            {
                return candidate;
            }
        }
        return "nobody of " + string.Join(", ", candidates);
    }

    private Task AnnounceAsync(string userId, string name, string[] teams, string[] heads) =>
        OverdueTeamTests.AnnouncePersonAsync(api, userId, name, teams, heads, DateTimeOffset.UtcNow.AddMinutes(-5));

    /// <summary>The person stays in their teams but is disabled in identity (a later snapshot).</summary>
    private Task DisableAsync(string userId, string name) => PersonEvents.AnnounceAsync(api.Anonymous(), userId, name, null, disabled: true);

    [Fact]
    public async Task Round_robin_gives_successive_instances_tasks_to_the_teams_members_in_turn_passing_over_a_disabled_one()
    {
        var team = "rr-" + Guid.NewGuid().ToString("N")[..8];
        string[] members = [$"{team}-1", $"{team}-2", $"{team}-3"];
        await AnnounceAsync(members[0], "Первый Менеджер", [team], []);
        await AnnounceAsync(members[1], "Второй Менеджер", [team], []);
        await AnnounceAsync(members[2], "Третий Менеджер", [team], []);
        await DisableAsync(members[1], "Второй Менеджер");
        var process = await PublishTaskAsync($"roundRobin:{team}");

        var turns = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var instance = await _kit.StartAsync(People.Anna, process);
            await _kit.RunAsync();
            turns.Add(await AssigneeOfAsync(instance.Id, members));
        }

        Assert.Equal([members[0], members[2], members[0], members[2]], turns);
        var last = await _kit.StartAsync(People.Anna, process);
        await _kit.RunAsync();
        Assert.Contains((await _kit.DetailAsync(last.Id)).Log, l => l.ElementId == "call" && l.Text == "Создана задача «Позвонить клиенту» для Первый Менеджер");
    }

    [Fact]
    public async Task Round_robin_with_two_engines_at_once_gives_the_next_two_members_not_the_same_one_twice()
    {
        var team = "rr-" + Guid.NewGuid().ToString("N")[..8];
        string[] members = [$"{team}-a", $"{team}-b"];
        await AnnounceAsync(members[0], "Алла", [team], []);
        await AnnounceAsync(members[1], "Борис", [team], []);
        var process = await PublishTaskAsync($"roundRobin:{team}");
        var first = await _kit.StartAsync(People.Anna, process);
        var second = await _kit.StartAsync(People.Anna, process);

        await Task.WhenAll(_kit.RunAsync(), _kit.RunAsync());
        await _kit.RunAsync();

        Assert.Equal(members, new[] { await AssigneeOfAsync(first.Id, members), await AssigneeOfAsync(second.Id, members) }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Team_head_gives_the_task_to_the_head_of_the_records_team_passing_over_a_disabled_head()
    {
        var (company, _, _) = await api.ClientAsync(People.Anna);
        var team = People.Anna.Teams.Single();
        await AnnounceAsync("a-former-head", "Бывший Руководитель", [], [team]);
        await DisableAsync("a-former-head", "Бывший Руководитель");
        await AnnounceAsync("north-head", "Руководитель Севера", [team], [team]);
        await AnnounceAsync("south-head", "Руководитель Юга", ["team-south"], ["team-south"]);
        var process = await PublishTaskAsync("teamHead");

        var instance = await _kit.StartAsync(People.Anna, process, company);
        await _kit.RunAsync();

        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM process_instances WHERE id = @p0::uuid AND record_team_id = @p1", instance.Id, team));
        Assert.Equal("north-head", await AssigneeOfAsync(instance.Id, "north-head", "a-former-head", "south-head", People.Anna.Id));
        Assert.Contains((await _kit.DetailAsync(instance.Id)).Log, l => l.ElementId == "call" && l.Text == "Создана задача «Позвонить клиенту» для Руководитель Севера");
        Assert.Equal(ProcessInstanceState.Running, (await _kit.DetailAsync(instance.Id)).Instance.State);
    }
}
