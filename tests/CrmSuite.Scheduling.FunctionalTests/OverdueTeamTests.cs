using System.Net;
using System.Text;
using System.Text.Json;
using CrmSuite.Scheduling.Api.Overdue;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.OverdueJobTests;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// Team heads hear of their teams' overdue work: an escalation after the configured hours, once per
/// task, and a digest once a day. Who heads which team comes from identity's person-changed events.
/// </summary>
public sealed class OverdueTeamTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private Task AnnounceAsync(string userId, string name, string[]? teams, string[]? heads, DateTimeOffset at, string language = "ru") =>
        AnnouncePersonAsync(api, userId, name, teams, heads, at, language);

    /// <summary>Identity's snapshot of a person with their teams, as the sidecar posts it.</summary>
    internal static async Task AnnouncePersonAsync(SchedulingApi api, string userId, string name, string[]? teams, string[]? heads, DateTimeOffset at,
        string language = "ru")
    {
        var data = new Dictionary<string, object?>
        {
            ["userId"] = userId, ["displayName"] = name, ["email"] = null, ["language"] = language, ["disabled"] = false, ["occurredAt"] = at,
        };
        if (teams is not null)
        {
            data["teamIds"] = teams;
        }
        if (heads is not null)
        {
            data["headOfTeamIds"] = heads;
        }
        var envelope = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["specversion"] = "1.0", ["id"] = Guid.NewGuid().ToString(), ["source"] = "identity", ["type"] = "com.dapr.event.sent",
            ["datacontenttype"] = "application/json", ["data"] = data,
        });
        using var content = new StringContent(envelope, Encoding.UTF8, "application/cloudevents+json");
        var response = await api.Anonymous().PostAsync("/events/person-changed", content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> TeamsOfAsync(string userId) =>
        $"in:{await api.ScalarAsync("SELECT count(*) FROM team_members WHERE user_id = @p0", userId)}"
        + $" heads:{await api.ScalarAsync("SELECT count(*) FROM team_heads WHERE head_user_id = @p0", userId)}";

    [Fact]
    public async Task A_team_change_identity_announces_replaces_the_persons_teams_and_an_event_without_teams_keeps_them()
    {
        var at = DateTimeOffset.UtcNow;
        await AnnounceAsync("teams-head", "Глава", [], ["team-a", "team-b"], at);
        await AnnounceAsync("teams-member", "Участник", ["team-a"], [], at);
        var first = (await TeamsOfAsync("teams-head"), await TeamsOfAsync("teams-member"));

        // The head gives up team-b; the member moves to team-b.
        await AnnounceAsync("teams-head", "Глава", [], ["team-a"], at.AddSeconds(1));
        await AnnounceAsync("teams-member", "Участник", ["team-b"], [], at.AddSeconds(1));
        // An event written before teams were announced says nothing about them.
        await AnnounceAsync("teams-member", "Участник Иванов", null, null, at.AddSeconds(2));

        Assert.Equal(("in:0 heads:2", "in:1 heads:0"), first);
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM team_heads WHERE head_user_id = 'teams-head' AND team_id = 'team-a'"));
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM team_members WHERE user_id = 'teams-member' AND team_id = 'team-b'"));
        Assert.Equal(("in:0 heads:1", "in:1 heads:0"), (await TeamsOfAsync("teams-head"), await TeamsOfAsync("teams-member")));
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM people WHERE user_id = 'teams-member' AND display_name = 'Участник Иванов'"));
    }

    [Fact]
    public async Task An_overdue_task_is_escalated_once_to_the_head_of_the_assignees_team_after_the_configured_hours()
    {
        api.Clock.Now = TestClock.Start;
        var at = DateTimeOffset.UtcNow;
        var head = Person("esc-head", "Глава Севера");
        var otherHead = Person("esc-other-head", "Глава Юга");
        var member = Person("esc-member", "Мария Петрова");
        await AnnounceAsync(head.Id, head.Name, [], ["esc-north"], at, "en");
        await AnnounceAsync(otherHead.Id, otherHead.Name, [], ["esc-south"], at);
        await AnnounceAsync(member.Id, member.Name, ["esc-north"], [], at);
        // Due at 09:00 UTC; the clock says 12:00: three hours overdue.
        var task = await TaskAsync(api, head, "Отправить КП", "2026-03-01T09:00", member.Id);
        await using var a = api.StartWith(("Scheduling:Overdue:EscalateAfterHours", "4"));
        await using var b = api.StartWith(("Scheduling:Overdue:EscalateAfterHours", "4"));
        var jobs = new[] { a.Services.GetRequiredService<OverdueJob>(), b.Services.GetRequiredService<OverdueJob>() };
        await jobs[0].MarkDueAsync(Ct);

        var escalatedSql = "SELECT count(*) FROM overdue_marks WHERE item_id = @p0 AND escalated_at IS NOT NULL";
        var taskId = Guid.Parse(task.Id);
        // Escalation off (the service's default): never, even 6 hours overdue.
        api.Clock.Now = TestClock.Start.AddHours(3);
        await api.Services.GetRequiredService<OverdueJob>().EscalateAsync(Ct);
        var off = await api.ScalarAsync(escalatedSql, taskId);
        // On, after 4 hours: not at 3 hours overdue ...
        api.Clock.Now = TestClock.Start;
        await jobs[0].EscalateAsync(Ct);
        var early = await api.ScalarAsync(escalatedSql, taskId);
        // ... but at 4.5: two replicas at once, then again.
        api.Clock.Now = TestClock.Start.AddHours(1.5);
        await Task.WhenAll(jobs.Select(job => job.EscalateAsync(Ct)));
        await Task.WhenAll(jobs.Select(job => job.EscalateAsync(Ct)));
        var escalated = await api.ScalarAsync(escalatedSql, taskId);
        api.Clock.Now = TestClock.Start;

        Assert.Equal((0, 0, 1), (off, early, escalated));
        var told = (await NotificationsAsync(api, head)).Where(n => n.Kind == "escalation").ToList();
        Assert.Equal(task.Id, Assert.Single(told).ItemId);
        Assert.Equal("Мария Петрова's task “Отправить КП” is over 4 h overdue: it was due 1 March 2026, 09:00", told[0].Title);
        Assert.DoesNotContain(await NotificationsAsync(api, otherHead), n => n.Kind == "escalation");
        Assert.DoesNotContain(await NotificationsAsync(api, member), n => n.Kind == "escalation");
        Assert.Single(await api.AuditAsync("scheduling.task.escalated", task.Id));
    }

    [Fact]
    public async Task Each_head_gets_one_digest_a_day_from_nine_in_the_companys_zone_with_the_count_of_the_teams_overdue_tasks()
    {
        api.Clock.Now = TestClock.Start;
        var at = DateTimeOffset.UtcNow;
        var head = Person("dig-head", "Глава");
        var anna = Person("dig-anna", "Анна");
        var boris = Person("dig-boris", "Борис");
        var outsider = Person("dig-outsider", "Посторонний");
        await AnnounceAsync(head.Id, head.Name, [], ["dig-team"], at);
        await AnnounceAsync(anna.Id, anna.Name, ["dig-team"], [], at);
        await AnnounceAsync(boris.Id, boris.Name, ["dig-team"], [], at);
        await AnnounceAsync(outsider.Id, outsider.Name, ["dig-elsewhere"], [], at);
        await TaskAsync(api, head, "Счёт Ромашке", "2026-02-27T10:00", anna.Id);
        await TaskAsync(api, anna, "Перезвонить", "2026-02-28T10:00");
        await TaskAsync(api, head, "Договор", "2026-03-01T08:00", boris.Id);
        var done = await TaskAsync(api, boris, "Сделанная", "2026-02-20T10:00");
        await api.As(boris).Items.CompleteItemAsync(new Contracts.CompleteItemRequest { Id = done.Id }, cancellationToken: Ct);
        await TaskAsync(api, boris, "Завтрашняя", "2026-03-02T10:00");
        await TaskAsync(api, outsider, "Чужая", "2026-02-25T10:00");
        await using var a = api.StartWith();
        await using var b = api.StartWith();
        var jobs = new[] { a.Services.GetRequiredService<OverdueJob>(), b.Services.GetRequiredService<OverdueJob>() };

        // 1 March, 15:00 in Moscow: both replicas at once, then again.
        await Task.WhenAll(jobs.Select(job => job.SendDigestsAsync(Ct)));
        await Task.WhenAll(jobs.Select(job => job.SendDigestsAsync(Ct)));
        var firstDay = (await NotificationsAsync(api, head)).Where(n => n.Kind == "digest").ToList();
        // 2 March, 08:30 in Moscow: too early; 09:00: the day's digest.
        api.Clock.Now = new DateTimeOffset(2026, 3, 2, 5, 30, 0, TimeSpan.Zero);
        await jobs[0].SendDigestsAsync(Ct);
        var early = (await NotificationsAsync(api, head)).Count(n => n.Kind == "digest");
        api.Clock.Now = new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
        await Task.WhenAll(jobs.Select(job => job.SendDigestsAsync(Ct)));
        var secondDay = (await NotificationsAsync(api, head)).Where(n => n.Kind == "digest").ToList();
        api.Clock.Now = TestClock.Start;

        var digest = Assert.Single(firstDay);
        Assert.Equal("Просроченных задач в команде: 3. «Счёт Ромашке»; «Перезвонить»; «Договор»", digest.Title);
        Assert.Equal(string.Empty, digest.ItemId);
        Assert.Equal(1, early);
        // The next day Boris's task due 2 March 10:00 Moscow has not passed yet at 09:00: still 3.
        Assert.Equal(2, secondDay.Count);
        Assert.StartsWith("Просроченных задач в команде: 3.", secondDay[0].Title);
        Assert.Equal(2, await api.ScalarAsync("SELECT count(*) FROM overdue_digests WHERE head_user_id = @p0 AND tasks = 3", head.Id));
        Assert.DoesNotContain(await NotificationsAsync(api, outsider), n => n.Kind == "digest");
        Assert.DoesNotContain(await NotificationsAsync(api, anna), n => n.Kind == "digest");
    }
}
