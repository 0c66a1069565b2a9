using System.Net;
using System.Text;
using System.Text.Json;
using CrmSuite.Scheduling.Contracts;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>Who a person is, for delivering their reminders, as identity announces it (identity.person-changed through the inbox).</summary>
public static class PersonEvents
{
    /// <summary>Posts what the sidecar posts: a CloudEvents 1.0 envelope around identity's snapshot; returns the inbox's answer.</summary>
    public static async Task<string> AnnounceAsync(HttpClient http, string userId, string name, string? email, string language = "ru", bool disabled = false,
        DateTimeOffset? at = null, string? eventId = null)
    {
        var envelope = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = eventId ?? Guid.NewGuid().ToString(),
            ["source"] = "identity",
            ["type"] = "com.dapr.event.sent",
            ["datacontenttype"] = "application/json",
            ["data"] = new { userId, displayName = name, email, language, disabled, occurredAt = at ?? DateTimeOffset.UtcNow },
        });
        using var content = new StringContent(envelope, Encoding.UTF8, "application/cloudevents+json");
        var response = await http.PostAsync("/events/person-changed", content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("status").GetString()!;
    }
}

public sealed class PeopleTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private async Task<string> PersonAsync(string userId) =>
        (await api.ScalarAsync("SELECT count(*) FROM people WHERE user_id = @p0", userId)) == 0 ? "unknown"
            : await TextAsync("SELECT display_name || '|' || coalesce(email, '') || '|' || language || '|' || CASE WHEN disabled THEN 'disabled' ELSE 'active' END FROM people WHERE user_id = @p0", userId);

    private async Task<string> TextAsync(string sql, string parameter)
    {
        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p0", parameter);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task A_person_identity_announces_is_kept_once_and_an_older_snapshot_arriving_later_changes_nothing()
    {
        var http = api.Anonymous();
        var now = DateTimeOffset.UtcNow;

        Assert.Equal("SUCCESS", await PersonEvents.AnnounceAsync(http, "people-1", "Анна Смирнова", "anna@example.com", "ru", at: now, eventId: "p1-new"));
        // The same event again (the sidecar retried) and an older snapshot (identity's replay raced an update).
        Assert.Equal("SUCCESS", await PersonEvents.AnnounceAsync(http, "people-1", "Анна Смирнова", "anna@example.com", "ru", at: now, eventId: "p1-new"));
        Assert.Equal("SUCCESS", await PersonEvents.AnnounceAsync(http, "people-1", "Анна (old)", "old@example.com", "en", at: now.AddMinutes(-5), eventId: "p1-old"));

        Assert.Equal("Анна Смирнова|anna@example.com|ru|active", await PersonAsync("people-1"));
        Assert.Single(await api.AuditAsync("scheduling.person.updated", "people-1"));
        Assert.Contains("identity.person-changed", await api.Anonymous().GetStringAsync("/dapr/subscribe", Ct));
    }

    [Fact]
    public async Task Disabling_an_account_revokes_its_calendar_feed_so_the_address_stops_working()
    {
        var person = People.Oleg;
        var http = api.Anonymous();
        await PersonEvents.AnnounceAsync(http, person.Id, "Олег", "oleg@example.com", at: DateTimeOffset.UtcNow.AddMinutes(-1));
        var feed = await api.As(person).Feeds.CreateFeedAsync(new CreateFeedRequest(), cancellationToken: Ct);
        var path = "/v1/feeds/" + feed.Path[(feed.Path.LastIndexOf('/') + 1)..];
        using var before = await http.GetAsync(path, Ct);

        Assert.Equal("SUCCESS", await PersonEvents.AnnounceAsync(http, person.Id, "Олег", "oleg@example.com", disabled: true));

        using var after = await http.GetAsync(path, Ct);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (before.StatusCode, after.StatusCode));
        Assert.Equal("Олег|oleg@example.com|ru|disabled", await PersonAsync(person.Id));
        Assert.False((await api.As(person).Feeds.GetFeedAsync(new GetFeedRequest(), cancellationToken: Ct)).Active);
        var feedId = await TextAsync("SELECT id::text FROM calendar_feeds WHERE user_id = @p0", person.Id);
        Assert.Single(await api.AuditAsync("scheduling.feed.revoked", feedId));
    }
}
