using CrmSuite.Kpi.Contracts;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;
using static CrmSuite.Kpi.FunctionalTests.TestEvents;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>
/// The property: a random stream of 10,000 events of every kind, for several people over
/// several days, with duplicates and out-of-order arrival (deals won before they were created,
/// several deliveries at once), applied incrementally gives exactly the projection rebuilt from
/// all facts.
/// </summary>
public sealed class ProjectionRebuildTests(KpiApi api) : IClassFixture<KpiApi>
{
    internal static readonly string[] People = ["p-anna", "p-boris", "p-oleg", "p-vera", "p-gleb", "p-inna"];
    internal static readonly string[] Teams = ["team-north", "team-south"];

    [Fact]
    public async Task The_incremental_projection_equals_the_one_rebuilt_from_all_facts()
    {
        var random = new Random(20260314);
        var (stream, expectedFacts) = Stream(random, 10_000);
        var duplicates = stream.Count - stream.Select(e => e.Id).Distinct().Count();

        var statuses = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(stream, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (e, _) =>
            statuses.Add(await api.DeliverAsync(e.Route, e.Id, e.Data)));
        Assert.All(statuses, s => Assert.Equal("SUCCESS", s));

        var incremental = await api.ProjectionAsync();
        var rebuilt = await api.Director.Facts.RebuildProjectionAsync(new RebuildProjectionRequest(), cancellationToken: Ct);
        var fromFacts = await api.ProjectionAsync();
        var mismatches = incremental.Except(fromFacts).Count() + fromFacts.Except(incremental).Count();
        var facts = await api.ScalarAsync("SELECT count(*) FROM facts");
        var unassigned = await api.ScalarAsync("SELECT count(*) FROM facts WHERE user_id IS NULL");
        TestContext.Current.SendDiagnosticMessage(
            $"KPI projection property: events {stream.Count}, duplicates {duplicates}, facts {facts}, figure rows {fromFacts.Count}, unassigned {unassigned}, mismatches {mismatches}");
        Console.WriteLine($"KPI projection property: events {stream.Count}, duplicates {duplicates}, facts {facts}, figure rows {fromFacts.Count}, unassigned {unassigned}, mismatches {mismatches}");

        Assert.Equal(0, mismatches);
        Assert.Equal(incremental, fromFacts);
        Assert.Equal(expectedFacts, facts);
        // Every deal's creation is in the stream, so every won or lost deal found its owner, whichever came first.
        Assert.Equal(0, unassigned);
        Assert.Equal(facts, await api.ScalarAsync("SELECT coalesce(sum(count), 0) FROM daily_figures"));
        Assert.Equal((int)facts, rebuilt.Facts);
    }

    internal sealed record Delivery(string Route, string Id, object Data);

    /// <summary>The events, shuffled, with about one in ten delivered again; and how many facts their distinct events make.</summary>
    internal static (List<Delivery> Stream, long Facts) Stream(Random random, int total)
    {
        var distinct = new List<Delivery>();
        var facts = 0L;
        var start = new DateTimeOffset(2026, 3, 1, 5, 0, 0, TimeSpan.Zero);
        DateTimeOffset At() => start.AddMinutes(random.Next(0, 14 * 24 * 60));
        string Person() => People[random.Next(People.Length)];
        string Team(string person) => Teams[Array.IndexOf(People, person) % Teams.Length];
        decimal Money() => random.Next(1, 100_000) / 100m * 10;
        var pipelines = new[] { Guid.NewGuid(), Guid.NewGuid() };

        void Add((string Route, object Data) e, int factCount)
        {
            distinct.Add(new Delivery(e.Route, Guid.NewGuid().ToString(), e.Data));
            facts += factCount;
        }

        var target = (int)(total / 1.1);
        while (distinct.Count < target)
        {
            var person = Person();
            var at = At();
            switch (random.Next(10))
            {
                case 0 or 1:
                    // A deal's life: created, moved, then won or lost, in the new or the old shape.
                    var deal = Guid.NewGuid();
                    var pipeline = pipelines[random.Next(2)];
                    var amount = Money();
                    Add(DealCreated(deal, person, Team(person), amount, pipeline, at, "Сделка " + deal.ToString("N")[..6]), 1);
                    Add(DealMoved(deal, person, Team(person), pipeline, at.AddHours(random.Next(1, 48))), 1);
                    var closedAt = at.AddHours(random.Next(48, 400));
                    var won = random.Next(2) == 0;
                    Add(random.Next(3) == 0 ? OldDealClosed(won, deal, closedAt) : DealClosed(won, deal, person, Team(person), amount, pipeline, at, closedAt), 1);
                    break;
                case 2:
                    var lead = Guid.NewGuid();
                    Add(LeadCaptured(lead, person, Team(person), at), 1);
                    var created = random.Next(2) == 0;
                    Add(LeadConverted(lead, person, created, at.AddHours(3)), created ? 2 : 1);
                    break;
                case 3:
                    Add(LeadAssigned(Guid.NewGuid(), person, Team(person), at), 1);
                    break;
                case 4:
                    Add(TaskCompleted(person, at.AddMinutes(random.Next(-600, 600)), at), 1);
                    break;
                case 5:
                    Add(MeetingHeld(person, at), 1);
                    break;
                case 6 or 7:
                    Add(CallLogged(person, at, TimeSpan.FromSeconds(random.Next(10, 3600))), 1);
                    break;
                case 8:
                    Add(InvoicePaid(person, Money(), DateOnly.FromDateTime(at.UtcDateTime), at), 1);
                    break;
                default:
                    Add(ShipmentPosted(person, Money(), at), 1);
                    break;
            }
        }
        var stream = new List<Delivery>(distinct);
        while (stream.Count < total)
        {
            stream.Add(distinct[random.Next(distinct.Count)]);
        }
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stream));
        return (stream, facts);
    }
}
