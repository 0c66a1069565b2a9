using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Audit.Contracts;

namespace CrmSuite.Audit.FunctionalTests;

/// <summary>
/// One person reading more client records in an hour than the limit (200 by default, views plus
/// exported rows) raises one alert for that person and hour.
/// </summary>
public sealed class AlertTests(AuditApi api) : IClassFixture<AuditApi>
{
    private const int Threshold = 200;
    private static readonly DateTimeOffset Hour = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Viewing_more_companies_than_the_limit_in_one_hour_raises_one_alert()
    {
        const string actor = "bulk-viewer";
        for (var i = 0; i < Threshold; i++)
        {
            await ViewAsync(actor, Hour.AddSeconds(15 * i));
        }
        Assert.Empty(await AlertsAsync(actor));

        var crossing = await ViewAsync(actor, Hour.AddMinutes(55));
        var alert = Assert.Single(await AlertsAsync(actor));
        Assert.Equal(Threshold + 1, alert.ReadCount);
        Assert.Equal(Threshold, alert.Threshold);
        Assert.Equal(Hour, alert.WindowStart.ToDateTimeOffset());
        Assert.Equal(Hour.AddHours(1), alert.WindowEnd.ToDateTimeOffset());
        Assert.Equal(crossing, alert.EntryId);
        Assert.Equal("Массовый Читатель", alert.ActorName);

        // Reading on in the same hour does not raise it again; the next hour starts from zero.
        for (var i = 0; i < 20; i++)
        {
            await ViewAsync(actor, Hour.AddMinutes(56));
        }
        await ViewAsync(actor, Hour.AddHours(1).AddMinutes(5));
        Assert.Single(await AlertsAsync(actor));
    }

    [Fact]
    public async Task Exported_rows_count_as_reads()
    {
        const string actor = "bulk-exporter";
        var at = Hour.AddHours(3);
        await DeliverAsync(actor, "clients.export", at, new { rowCount = 150, format = "csv" });
        for (var i = 0; i < 50; i++)
        {
            await ViewAsync(actor, at.AddMinutes(1));
        }
        Assert.Empty(await AlertsAsync(actor));

        var crossing = await DeliverAsync(actor, "clients.export", at.AddMinutes(30), new { rowCount = 1 });
        var alert = Assert.Single(await AlertsAsync(actor));
        Assert.Equal(201, alert.ReadCount);
        Assert.Equal(crossing, alert.EntryId);
    }

    [Fact]
    public async Task Other_actions_and_other_people_do_not_add_up()
    {
        var at = Hour.AddHours(6);
        for (var i = 0; i < 150; i++)
        {
            await ViewAsync("reader-one", at);
            await ViewAsync("reader-two", at);
        }
        for (var i = 0; i < 60; i++)
        {
            await DeliverAsync("reader-one", "clients.company.updated", at, null);
        }
        Assert.Empty(await AlertsAsync("reader-one"));
        Assert.Empty(await AlertsAsync("reader-two"));
    }

    [Fact]
    public async Task Alerts_are_listed_newest_first_over_REST()
    {
        var at = Hour.AddHours(9);
        await DeliverAsync("rest-reader", "clients.export", at, new { rowCount = 5000 });
        var body = await api.Http.GetFromJsonAsync<JsonElement>("/v1/audit/alerts?actorId=rest-reader", Ct);
        var alert = Assert.Single(body.GetProperty("alerts").EnumerateArray());
        Assert.Equal(5000, alert.GetProperty("readCount").GetInt64());
        Assert.Equal("2026-05-04T19:00:00Z", alert.GetProperty("windowStart").GetString());
    }

    private Task<long> ViewAsync(string actor, DateTimeOffset at) => DeliverAsync(actor, "clients.company.viewed", at, null);

    private async Task<long> DeliverAsync(string actor, string action, DateTimeOffset at, object? details)
    {
        var eventId = Guid.NewGuid().ToString();
        await api.DeliverAsync(new AuditData(ActorId: actor, ActorName: "Массовый Читатель", Action: action, OccurredAt: at, Details: details), eventId, Ct);
        return await api.ScalarAsync<long>("SELECT id FROM audit_entries WHERE event_id = $1", eventId);
    }

    private async Task<List<Alert>> AlertsAsync(string actor) =>
        [.. (await api.Grpc.ListAlertsAsync(new ListAlertsRequest { ActorId = actor }, cancellationToken: Ct)).Alerts];
}
