using System.Text.Json;
using CrmSuite.Identity.Contracts.Events;
using Npgsql;

namespace CrmSuite.Identity.FunctionalTests;

/// <summary>
/// Other services (scheduling: who heads whose team, for escalations and digests) learn teams from
/// identity.person-changed: each person's event carries the teams they are in and the teams they
/// head, and a team made or changed announces everyone it touches, in the same transaction.
/// </summary>
public sealed class TeamEventTests(IdentityService identity) : IClassFixture<IdentityService>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<JsonElement>> PersonEventsAsync(string userId)
    {
        await using var connection = new NpgsqlConnection(identity.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT payload::text FROM outbox_messages WHERE topic = 'identity.person-changed' AND payload->>'userId' = @id ORDER BY occurred_at, id", connection);
        command.Parameters.AddWithValue("id", userId);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var events = new List<JsonElement>();
        while (await reader.ReadAsync(Ct))
        {
            events.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }
        return events;
    }

    private static string Teams(JsonElement e) =>
        $"in:{string.Join(',', e.GetProperty("teamIds").EnumerateArray().Select(t => t.GetString()))} heads:{string.Join(',', e.GetProperty("headOfTeamIds").EnumerateArray().Select(t => t.GetString()))}";

    private async Task<string> UserAsync(HttpClient admin, string userName, string name)
    {
        var created = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/users",
            new { userName, displayName = name, roles = new[] { "SalesManager" }, language = "ru" }, Ct), Ct);
        return created.GetProperty("user").GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Making_and_changing_a_team_announces_its_members_and_heads_before_and_after_with_their_teams()
    {
        using var admin = identity.AsAdministrator();
        var head = await UserAsync(admin, "team.head", "Глава");
        var member = await UserAsync(admin, "team.member", "Участник");
        var newHead = await UserAsync(admin, "team.newhead", "Новый глава");
        var outsider = await UserAsync(admin, "team.outsider", "Посторонний");

        var team = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/teams",
            new { name = "Команда Юг", headUserId = head, memberUserIds = new[] { member } }, Ct), Ct);
        var teamId = team.GetProperty("id").GetString()!;

        Assert.Equal($"in: heads:{teamId}", Teams((await PersonEventsAsync(head))[^1]));
        Assert.Equal($"in:{teamId} heads:", Teams((await PersonEventsAsync(member))[^1]));

        // Another head, the member leaves: the old head and the member hear they are out.
        var changed = await admin.PutAsync($"/v1/teams/{teamId}", new StringContent(
            JsonSerializer.Serialize(new { name = "Команда Юг", headUserId = newHead, memberUserIds = Array.Empty<string>() }, IdentityService.Json),
            System.Text.Encoding.UTF8, "application/json"), Ct);
        await IdentityService.ReadJsonAsync(changed, Ct);

        Assert.Equal("in: heads:", Teams((await PersonEventsAsync(head))[^1]));
        Assert.Equal("in: heads:", Teams((await PersonEventsAsync(member))[^1]));
        Assert.Equal($"in: heads:{teamId}", Teams((await PersonEventsAsync(newHead))[^1]));
        // Someone the team never touched hears nothing more than their own creation.
        Assert.Single(await PersonEventsAsync(outsider));
    }

    [Fact]
    public async Task Moving_a_person_between_teams_on_their_account_announces_the_teams_they_are_in()
    {
        using var admin = identity.AsAdministrator();
        var team = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/teams",
            new { name = "Команда Запад", memberUserIds = Array.Empty<string>() }, Ct), Ct);
        var teamId = team.GetProperty("id").GetString()!;
        var person = await UserAsync(admin, "team.mover", "Переходящий");

        var moved = await admin.PutAsync($"/v1/users/{person}", new StringContent(
            JsonSerializer.Serialize(new { displayName = "Переходящий", roles = new[] { "SalesManager" }, teamIds = new[] { teamId } }, IdentityService.Json),
            System.Text.Encoding.UTF8, "application/json"), Ct);
        await IdentityService.ReadJsonAsync(moved, Ct);

        Assert.Equal(["in: heads:", $"in:{teamId} heads:"], (await PersonEventsAsync(person)).Select(Teams));
        // The KPI names the team and picks a scheme by role from the same event.
        var last = (await PersonEventsAsync(person))[^1];
        Assert.Equal(["SalesManager"], last.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Команда Запад", last.GetProperty("teamNames").GetProperty(teamId).GetString());
    }

    [Fact]
    public void An_event_written_before_teams_were_announced_still_reads_and_says_nothing_about_teams()
    {
        var old = JsonSerializer.Deserialize<PersonChanged>(
            """{"userId":"u-1","displayName":"Анна","email":null,"language":"ru","disabled":false,"occurredAt":"2026-03-01T12:00:00Z"}""", IdentityService.Json)!;

        Assert.Equal(("u-1", null, null), (old.UserId, old.TeamIds, old.HeadOfTeamIds));
    }
}
