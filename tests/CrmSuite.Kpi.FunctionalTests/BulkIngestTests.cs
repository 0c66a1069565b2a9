using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmSuite.Kpi.Api.Facts;
using Fact = CrmSuite.Kpi.Api.Facts.Fact;
using CrmSuite.Kpi.Api.Infrastructure;
using CrmSuite.Kpi.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;
using static CrmSuite.Kpi.FunctionalTests.TestEvents;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>
/// Dapr's bulk subscribe into the KPI: the rebuild test's random stream (duplicates, deals won
/// before they were created) delivered as bulk requests of random sizes, two at a time, gives the
/// same facts and figures as delivering it one event at a time, and the projection equals the one
/// rebuilt from the facts.
/// </summary>
public sealed class BulkIngestTests(KpiApi api) : IClassFixture<KpiApi>
{
    [Fact]
    public async Task A_stream_delivered_in_bulk_gives_the_figures_of_one_at_a_time_delivery_and_of_a_rebuild()
    {
        var random = new Random(20261207);
        var (stream, expectedFacts) = ProjectionRebuildTests.Stream(random, 10_000);
        var requests = BulkRequests(stream, random);

        // Databases of their own: the class's fixture also holds the other tests' facts.
        var bulk = new KpiApi();
        var oneAtATime = new KpiApi();
        await bulk.InitializeAsync();
        await oneAtATime.InitializeAsync();
        try
        {
            await KnowTheTeamsAsync(bulk);
            await KnowTheTeamsAsync(oneAtATime);
            var statuses = new System.Collections.Concurrent.ConcurrentBag<string>();
            await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = Ct }, async (request, _) =>
            {
                foreach (var status in await DeliverBulkAsync(bulk, request.Route, request.Entries))
                {
                    statuses.Add(status);
                }
            });
            Assert.Equal(requests.Sum(r => r.Entries.Count), statuses.Count);
            Assert.All(statuses, s => Assert.Equal("SUCCESS", s));
            await Parallel.ForEachAsync(stream, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = Ct }, async (e, _) =>
                Assert.Equal("SUCCESS", await oneAtATime.DeliverAsync(e.Route, e.Id, e.Data)));

            var incremental = await bulk.ProjectionAsync();
            var single = await oneAtATime.ProjectionAsync();
            await bulk.Director.Facts.RebuildProjectionAsync(new RebuildProjectionRequest(), cancellationToken: Ct);
            var rebuilt = await bulk.ProjectionAsync();
            var facts = await bulk.ScalarAsync("SELECT count(*) FROM facts");
            TestContext.Current.SendDiagnosticMessage(
                $"KPI bulk ingest: events {stream.Count} in {requests.Count} requests, facts {facts}, figure rows {incremental.Count}");

            Assert.Equal(rebuilt, incremental);
            Assert.Equal(single, incremental);
            Assert.Equal(expectedFacts, facts);
            Assert.Equal(0, await bulk.ScalarAsync("SELECT count(*) FROM facts WHERE user_id IS NULL"));
            Assert.Equal(await FactsAsync(oneAtATime), await FactsAsync(bulk));
        }
        finally
        {
            await bulk.DisposeAsync();
            await oneAtATime.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_deal_won_and_its_creation_in_one_batch_give_the_same_facts_in_either_order()
    {
        var user = "bulk-" + Guid.NewGuid().ToString("N")[..8];
        var pipeline = Guid.NewGuid();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        Fact Created(Guid deal) => FactsFromEvents.DealCreated(new DealCreatedEvent(deal, Guid.NewGuid(), "Сделка", pipeline, Guid.NewGuid(), user, "team-bulk",
            900m, "RUB", null, March2));
        // The old shape: no owner, pipeline, amount or creation time; all come from the creation.
        Fact Won(Guid deal) => FactsFromEvents.DealClosed(FactKinds.DealWon, new DealClosedEvent(deal, Guid.NewGuid(), March2.AddDays(2)));

        await RecordBatchAsync([Won(first), Created(first)]);
        await RecordBatchAsync([Created(second), Won(second)]);

        var facts = (await api.Director.Facts.ListFactsAsync(new ListFactsRequest { UserId = user, PageSize = 10 }, cancellationToken: Ct)).Facts;
        var won = facts.Where(f => f.Kind == "deal-won").OrderBy(f => f.DealId == first.ToString() ? 0 : 1).ToList();
        Assert.Equal(2, won.Count);
        Assert.All(won, f => Assert.Equal((user, "team-bulk", "900", "2", pipeline.ToString(), "Сделка"), (f.UserId, f.TeamId, f.Amount, f.Days, f.PipelineId, f.Title)));
        var figures = (await api.Director.Facts.ListDailyFiguresAsync(new ListDailyFiguresRequest { UserIds = { user }, From = "2026-03-01", To = "2026-03-31" },
            cancellationToken: Ct)).Figures;
        var wonFigure = Assert.Single(figures, f => f.Kind == "deal-won");
        Assert.Equal((2, "1800", "4"), (wonFigure.Count, wonFigure.Amount, wonFigure.Days));
    }

    private async Task RecordBatchAsync(List<Fact> facts)
    {
        await using var scope = api.Scope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<FactRecorder>().RecordAsync(facts, Ct);
        await transaction.CommitAsync(Ct);
    }

    private sealed record BulkRequest(string Route, List<ProjectionRebuildTests.Delivery> Entries);

    /// <summary>
    /// The stream cut per topic (a bulk request carries one topic) into requests of 1 to 200 events,
    /// in an order of their own; some requests carry one of their events twice.
    /// </summary>
    private static List<BulkRequest> BulkRequests(List<ProjectionRebuildTests.Delivery> stream, Random random)
    {
        var requests = new List<BulkRequest>();
        foreach (var topic in stream.GroupBy(e => e.Route))
        {
            var events = topic.ToList();
            for (var at = 0; at < events.Count;)
            {
                var size = Math.Min(random.Next(1, 201), events.Count - at);
                var entries = events.GetRange(at, size);
                if (random.Next(4) == 0)
                {
                    entries.Insert(random.Next(entries.Count + 1), entries[random.Next(entries.Count)]);
                }
                requests.Add(new BulkRequest(topic.Key, entries));
                at += size;
            }
        }
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(requests));
        return requests;
    }

    /// <summary>What the sidecar posts with bulk subscribe; the statuses in entry order (each checked against its entry id).</summary>
    private static async Task<List<string>> DeliverBulkAsync(KpiApi kpi, string route, List<ProjectionRebuildTests.Delivery> entries)
    {
        var request = JsonSerializer.Serialize(new
        {
            entries = entries.Select((e, i) => new
            {
                entryId = "entry-" + i,
                @event = new Dictionary<string, object>
                {
                    ["specversion"] = "1.0", ["id"] = e.Id, ["source"] = "test", ["type"] = "com.dapr.event.sent",
                    ["datacontenttype"] = "application/json", ["data"] = e.Data,
                },
                contentType = "application/cloudevents+json",
                metadata = new Dictionary<string, string>(),
            }),
            id = Guid.NewGuid().ToString(), topic = route, pubsubname = "pubsub", type = "com.dapr.event.sent", metadata = new Dictionary<string, string>(),
        }, Json);
        using var content = new StringContent(request, Encoding.UTF8, "application/json");
        using var response = await kpi.Sidecar.PostAsync(route, content, Ct);
        response.EnsureSuccessStatusCode();
        var statuses = (await response.Content.ReadFromJsonAsync<JsonElement>(Json, Ct)).GetProperty("statuses").EnumerateArray().ToList();
        Assert.Equal(entries.Select((_, i) => "entry-" + i), statuses.Select(s => s.GetProperty("entryId").GetString()));
        return [.. statuses.Select(s => s.GetProperty("status").GetString()!)];
    }

    /// <summary>
    /// Each person's team known before the stream (identity's snapshot): a fact whose event names no
    /// team then takes the same team whatever arrived before it, so both deliveries must agree fact by fact.
    /// </summary>
    private static async Task KnowTheTeamsAsync(KpiApi kpi)
    {
        foreach (var (person, i) in ProjectionRebuildTests.People.Select((p, i) => (p, i)))
        {
            var team = ProjectionRebuildTests.Teams[i % ProjectionRebuildTests.Teams.Length];
            var (route, data) = PersonChanged(person, person, [], [(team, team)], March2.AddDays(-30));
            Assert.Equal("SUCCESS", await kpi.DeliverAsync(route, Guid.NewGuid().ToString(), data));
        }
    }

    /// <summary>The stored facts without their ids and recording times, sorted: for comparing two databases.</summary>
    private static async Task<List<string>> FactsAsync(KpiApi kpi)
    {
        await using var scope = kpi.Scope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        var facts = await db.Facts.AsNoTracking().ToListAsync(Ct);
        return [.. facts.Select(f => string.Join('|', f.Kind, f.UserId, f.TeamId, f.Day, f.OccurredAt.ToUnixTimeMilliseconds(), f.Amount, f.Days, f.PipelineId,
                f.StartedAt?.ToUnixTimeMilliseconds(), f.DealId, f.LeadId, f.Title))
            .Order(StringComparer.Ordinal)];
    }
}
