using CrmSuite.Kpi.Contracts;
using Contracts = CrmSuite.Kpi.Contracts;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;
using static CrmSuite.Kpi.FunctionalTests.TestEvents;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>Each event the KPI subscribes to becomes its fact and is counted in the person's daily figures, once.</summary>
public sealed class FactTests(KpiApi api) : IClassFixture<KpiApi>
{
    [Fact]
    public async Task Each_event_kind_becomes_its_fact_and_daily_figure()
    {
        var user = NewUser();
        var pipeline = Guid.NewGuid();
        var (won, lost, lead) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var (route, data) in new[]
        {
            DealCreated(won, user, "team-east", 1000m, pipeline, March2, "10 чайников"),
            DealMoved(won, user, "team-east", pipeline, March2.AddHours(2)),
            DealClosed(true, won, user, "team-east", 1000m, pipeline, March2, March2.AddDays(3)),
            DealClosed(false, lost, user, "team-east", 500m, pipeline, March2.AddDays(-2), March2),
            LeadCaptured(lead, user, "team-east", March2),
            LeadAssigned(Guid.NewGuid(), user, "team-east", March2),
            LeadConverted(lead, user, companyCreated: true, March2),
            TaskCompleted(user, dueAt: March2.AddHours(1), at: March2),
            TaskCompleted(user, dueAt: March2.AddHours(-1), at: March2),
            MeetingHeld(user, March2),
            // 22:30 UTC on 1 March is 01:30 on 2 March in Moscow: the call counts on the 2nd.
            CallLogged(user, new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30)),
            InvoicePaid(user, 1200m, new DateOnly(2026, 3, 6), March2.AddDays(5)),
            ShipmentPosted(user, 700m, March2),
        })
        {
            Assert.Equal("SUCCESS", await api.DeliverAsync(route, Guid.NewGuid().ToString(), data));
        }

        var facts = (await api.Director.Facts.ListFactsAsync(new ListFactsRequest { UserId = user, PageSize = 100 }, cancellationToken: Ct)).Facts;
        Assert.Equal(
            new[] { "call-made", "deal-created", "deal-lost", "deal-moved", "deal-won", "invoice-paid", "lead-assigned", "lead-assigned", "lead-converted",
                "meeting-held", "new-client", "shipment", "task-done-late", "task-done-on-time" },
            facts.Select(f => f.Kind).Order(StringComparer.Ordinal));
        Assert.All(facts, f => Assert.Equal("team-east", f.TeamId));
        var wonFact = facts.Single(f => f.Kind == "deal-won");
        Assert.Equal((won.ToString(), "1000", "3", pipeline.ToString(), "10 чайников"), (wonFact.DealId, wonFact.Amount, wonFact.Days, wonFact.PipelineId, wonFact.Title));
        var call = facts.Single(f => f.Kind == "call-made");
        Assert.Equal(("2026-03-02", "0.020833"), (call.Day, call.Days));
        Assert.Equal(("2026-03-06", "1200", "СЧ-2026-000001"), (facts.Single(f => f.Kind == "invoice-paid").Day, facts.Single(f => f.Kind == "invoice-paid").Amount,
            facts.Single(f => f.Kind == "invoice-paid").Title));
        Assert.NotEmpty(facts.Single(f => f.Kind == "shipment").MovementId);

        var figures = (await api.Director.Facts.ListDailyFiguresAsync(new ListDailyFiguresRequest { UserIds = { user }, From = "2026-02-25", To = "2026-03-31" },
            cancellationToken: Ct)).Figures;
        Assert.Equal(2, figures.Where(f => f.Kind == "lead-assigned").Sum(f => f.Count));
        var wonFigure = figures.Single(f => f.Kind == "deal-won");
        Assert.Equal(("2026-03-05", 1, "1000", "3", pipeline.ToString()), (wonFigure.Day, wonFigure.Count, wonFigure.Amount, wonFigure.Days, wonFigure.PipelineId));
        Assert.Equal(("2026-03-02", 1), (figures.Single(f => f.Kind == "call-made").Day, figures.Single(f => f.Kind == "call-made").Count));
        Assert.Equal(14, figures.Sum(f => f.Count));
    }

    [Fact]
    public async Task A_duplicated_event_counts_once_and_another_event_of_the_same_kind_counts_again()
    {
        var user = NewUser();
        var (route, data) = MeetingHeld(user, March2);
        var id = Guid.NewGuid().ToString();

        Assert.Equal("SUCCESS", await api.DeliverAsync(route, id, data));
        Assert.Equal("SUCCESS", await api.DeliverAsync(route, id, data));
        Assert.Equal(1, await MeetingsAsync(user));

        Assert.Equal("SUCCESS", await api.DeliverAsync(route, Guid.NewGuid().ToString(), MeetingHeld(user, March2).Data));
        Assert.Equal(2, await MeetingsAsync(user));
        Assert.Equal(2, (await api.Director.Facts.ListFactsAsync(new ListFactsRequest { UserId = user }, cancellationToken: Ct)).Facts.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_won_deal_without_its_owner_takes_the_owner_from_the_deals_creation_whichever_arrives_first(bool creationFirst)
    {
        var user = NewUser();
        var deal = Guid.NewGuid();
        var pipeline = Guid.NewGuid();
        var created = DealCreated(deal, user, "team-east", 2500m, pipeline, March2, "Старая сделка");
        var won = OldDealClosed(true, deal, March2.AddDays(2));

        if (creationFirst)
        {
            await api.DeliverAsync(created.Route, Guid.NewGuid().ToString(), created.Data);
            await api.DeliverAsync(won.Route, Guid.NewGuid().ToString(), won.Data);
        }
        else
        {
            await api.DeliverAsync(won.Route, Guid.NewGuid().ToString(), won.Data);
            // Until the creation arrives the fact waits without an owner, listed to directors, not counted.
            var waiting = (await api.Director.Facts.ListFactsAsync(new ListFactsRequest { Kind = "deal-won", From = "2026-03-04", To = "2026-03-04", PageSize = 200 },
                cancellationToken: Ct)).Facts.Single(f => f.DealId == deal.ToString());
            Assert.Equal("", waiting.UserId);
            Assert.Equal(0, await api.ScalarAsync($"SELECT count(*) FROM daily_figures WHERE user_id = '{user}'"));
            await api.DeliverAsync(created.Route, Guid.NewGuid().ToString(), created.Data);
        }

        var fact = (await api.Director.Facts.ListFactsAsync(new ListFactsRequest { UserId = user, Kind = "deal-won" }, cancellationToken: Ct)).Facts.Single();
        Assert.Equal((user, "team-east", pipeline.ToString(), "2500", "2", "Старая сделка"), (fact.UserId, fact.TeamId, fact.PipelineId, fact.Amount, fact.Days, fact.Title));
        var figure = (await api.Director.Facts.ListDailyFiguresAsync(new ListDailyFiguresRequest { UserIds = { user }, Kinds = { "deal-won" }, From = "2026-03-01", To = "2026-03-31" },
            cancellationToken: Ct)).Figures.Single();
        Assert.Equal(("2026-03-04", 1, "2500", "2"), (figure.Day, figure.Count, figure.Amount, figure.Days));
    }

    [Fact]
    public async Task A_call_takes_the_persons_team_named_by_their_deals()
    {
        var user = NewUser();
        await api.DeliverAsync("/events/deal-created", Guid.NewGuid().ToString(), DealCreated(Guid.NewGuid(), user, "team-west", 10m, Guid.NewGuid(), March2).Data);
        await api.DeliverAsync("/events/call-logged", Guid.NewGuid().ToString(), CallLogged(user, March2, TimeSpan.FromMinutes(5)).Data);

        var figures = (await api.Director.Facts.ListDailyFiguresAsync(new ListDailyFiguresRequest { TeamId = "team-west", Kinds = { "call-made" }, From = "2026-03-02", To = "2026-03-02" },
            cancellationToken: Ct)).Figures;
        Assert.Equal(user, figures.Single().UserId);
    }

    [Fact]
    public async Task Facts_are_listed_newest_first_a_page_at_a_time()
    {
        var user = NewUser();
        // Two at the same moment: the page boundary between them must lose neither.
        var moments = new[] { March2, March2.AddHours(1), March2.AddHours(1), March2.AddHours(2), March2.AddDays(1) };
        foreach (var at in moments)
        {
            await api.DeliverAsync("/events/meeting-held", Guid.NewGuid().ToString(), MeetingHeld(user, at).Data);
        }

        var seen = new List<Contracts.Fact>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await api.Director.Facts.ListFactsAsync(new ListFactsRequest { UserId = user, PageSize = 2, PageToken = token }, cancellationToken: Ct);
            seen.AddRange(page.Facts);
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Select(f => f.Id).Distinct().Count());
        Assert.Equal(seen.Select(f => DateTimeOffset.Parse(f.OccurredAt, System.Globalization.CultureInfo.InvariantCulture)).OrderDescending(),
            seen.Select(f => DateTimeOffset.Parse(f.OccurredAt, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_subscriptions_are_announced_to_the_sidecar()
    {
        var json = await api.Sidecar.GetStringAsync("/dapr/subscribe", Ct);
        foreach (var topic in new[]
        {
            "clients.deal-created", "clients.deal-stage-changed", "clients.deal-won", "clients.deal-lost", "clients.lead-captured", "clients.lead-assigned",
            "clients.lead-converted", "scheduling.task-completed", "scheduling.meeting-held", "scheduling.call-logged", "documents.invoice-paid", "warehouse.shipment-posted",
        })
        {
            Assert.Contains($"\"{topic}\"", json);
        }
    }

    private async Task<int> MeetingsAsync(string user) =>
        (await api.Director.Facts.ListDailyFiguresAsync(new ListDailyFiguresRequest { UserIds = { user }, Kinds = { "meeting-held" }, From = "2026-03-02", To = "2026-03-02" },
            cancellationToken: Ct)).Figures.Sum(f => f.Count);

    public static string NewUser() => "m-" + Guid.NewGuid().ToString("N")[..10];
}
