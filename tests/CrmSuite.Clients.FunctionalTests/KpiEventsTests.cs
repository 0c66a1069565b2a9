using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Clients.Contracts.Events;
using CrmSuite.Testing;
using Google.Rpc;
using Grpc.Core;
using static CrmSuite.Clients.FunctionalTests.DealTestSupport;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// The events the KPI service counts from (issue 14): clients.deal-created, clients.deal-stage-changed,
/// the enriched clients.deal-won / -lost and clients.lead-assigned, each queued once per change in
/// the change's transaction (read from the outbox), none for a refused change.
/// </summary>
public sealed class KpiEventsTests(LeadsApi api) : IClassFixture<LeadsApi>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_deal_publishes_deal_created_once_with_owner_team_pipeline_stage_and_amount()
    {
        var (_, annaCompanies) = api.As(TestUser.ManagerAnna);
        var company = await annaCompanies.CreateCompanyAsync(new CreateCompanyRequest { Name = "KPI Created Ltd" }, cancellationToken: Ct);
        var pipeline = await api.DefaultPipelineAsync();

        var deal = await api.CreateDealAsync(TestUser.ManagerAnna, company.Id, "Twenty fridges", "1500.50");

        var payload = Assert.Single(await EventsOfDealAsync(DealCreated.Topic, deal.Id));
        Assert.Equal(["amount", "companyId", "currency", "dealId", "leadId", "occurredAt", "ownerUserId", "pipelineId", "stageId", "teamId", "title"], Names(payload));
        var created = payload.Deserialize<DealCreated>(Web)!;
        Assert.Equal((Guid.Parse(company.Id), "Twenty fridges", Guid.Parse(pipeline.Id), Guid.Parse(pipeline.Stages[0].Id), TestUser.ManagerAnna.Id, "team-north", 1500.50m, "RUB", (Guid?)null),
            (created.CompanyId, created.Title, created.PipelineId, created.StageId, created.OwnerUserId, created.TeamId, created.Amount, created.Currency, created.LeadId));
    }

    [Fact]
    public async Task A_deal_refused_over_REST_with_400_publishes_no_deal_created()
    {
        var company = await api.CreateCompanyAsync("KPI Refused Ltd");
        var before = (await api.EventsAsync(DealCreated.Topic)).Count;

        var response = await api.Http.PostAsJsonAsync("/v1/deals", new { title = "Bad currency", companyId = company.Id, amount = "10", currency = "RUR" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await api.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("currency", out _));
        Assert.Equal(before, (await api.EventsAsync(DealCreated.Topic)).Count);
    }

    [Fact]
    public async Task Converting_a_lead_with_a_deal_publishes_deal_created_naming_the_lead()
    {
        var lead = await api.LeadsAs(TestUser.ManagerAnna).CreateLeadAsync(new CreateLeadRequest
        {
            PersonName = "Пётр Сидоров", CompanyName = "ООО КПИ Лид", Email = "petr@kpi-lead.example",
        }, cancellationToken: Ct);

        var converted = await api.LeadsAs(TestUser.ManagerAnna).ConvertLeadAsync(new ConvertLeadRequest { Id = lead.Id, OpenDeal = true }, cancellationToken: Ct);

        var created = Assert.Single(await EventsOfDealAsync(DealCreated.Topic, converted.DealId)).Deserialize<DealCreated>(Web)!;
        Assert.Equal((Guid.Parse(lead.Id), Guid.Parse(converted.CompanyId), TestUser.ManagerAnna.Id, "team-north", 0m, "RUB"),
            (created.LeadId, created.CompanyId, created.OwnerUserId, created.TeamId, created.Amount, created.Currency));
    }

    [Fact]
    public async Task Every_move_publishes_deal_stage_changed_from_to_and_winning_also_the_enriched_deal_won()
    {
        var (_, annaCompanies) = api.As(TestUser.ManagerAnna);
        var company = await annaCompanies.CreateCompanyAsync(new CreateCompanyRequest { Name = "KPI Moves Ltd" }, cancellationToken: Ct);
        var pipeline = await api.DefaultPipelineAsync();
        var anna = api.Deals(TestUser.ManagerAnna);
        var deal = await api.CreateDealAsync(TestUser.ManagerAnna, company.Id, "Moving deal", "2000");
        var won = pipeline.StageOf(StageKind.Won);

        await anna.MoveDealAsync(new MoveDealRequest { Id = deal.Id, StageId = pipeline.Stages[2].Id }, cancellationToken: Ct);
        // Moving to the stage it is in already changes nothing and publishes nothing.
        await anna.MoveDealAsync(new MoveDealRequest { Id = deal.Id, StageId = pipeline.Stages[2].Id }, cancellationToken: Ct);
        await anna.UpdateDealAsync(new UpdateDealRequest { Id = deal.Id, Title = "Moving deal", Amount = "2500.75", Currency = "RUB" }, cancellationToken: Ct);
        await anna.MoveDealAsync(new MoveDealRequest { Id = deal.Id, StageId = won.Id }, cancellationToken: Ct);

        var moves = await EventsOfDealAsync(DealStageChanged.Topic, deal.Id);
        Assert.Equal(["amount", "companyId", "currency", "dealId", "fromStageId", "occurredAt", "ownerUserId", "pipelineId", "teamId", "toStageId"], Names(moves[0]));
        Assert.Equal(
            [(pipeline.Stages[0].Id, pipeline.Stages[2].Id, 2000m), (pipeline.Stages[2].Id, won.Id, 2500.75m)],
            moves.Select(m => m.Deserialize<DealStageChanged>(Web)!).Select(m => (m.FromStageId.ToString(), m.ToStageId.ToString(), m.Amount!.Value)));
        Assert.All(moves.Select(m => m.Deserialize<DealStageChanged>(Web)!), m =>
            Assert.Equal((Guid.Parse(pipeline.Id), TestUser.ManagerAnna.Id, "team-north", "RUB"), (m.PipelineId, m.OwnerUserId, m.TeamId, m.Currency)));

        var dealWon = Assert.Single(await EventsOfDealAsync(DealWon.Topic, deal.Id)).Deserialize<DealWon>(Web)!;
        Assert.Equal((Guid.Parse(company.Id), (Guid?)Guid.Parse(pipeline.Id), TestUser.ManagerAnna.Id, "team-north", (decimal?)2500.75m, "RUB"),
            (dealWon.CompanyId, dealWon.PipelineId, dealWon.OwnerUserId, dealWon.TeamId, dealWon.Amount, dealWon.Currency));
        Assert.Equal(deal.CreatedAt.ToDateTimeOffset(), dealWon.DealCreatedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Empty(await EventsOfDealAsync(DealLost.Topic, deal.Id));
    }

    [Fact]
    public async Task A_move_refused_with_400_publishes_nothing_and_a_loss_publishes_the_move_and_the_enriched_deal_lost()
    {
        var company = await api.CreateCompanyAsync("KPI Lost Ltd");
        var pipeline = await api.DefaultPipelineAsync();
        var deal = await api.CreateDealAsync(TestUser.Director, company.Id, "Lost deal", "700");
        var lost = pipeline.StageOf(StageKind.Lost);

        var response = await api.Http.PostAsJsonAsync($"/v1/deals/{deal.Id}:move", new { stageId = lost.Id }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await api.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("lostReason", out _));
        Assert.Empty(await EventsOfDealAsync(DealStageChanged.Topic, deal.Id));
        Assert.Empty(await EventsOfDealAsync(DealLost.Topic, deal.Id));

        await api.Deals(TestUser.Director).MoveDealAsync(new MoveDealRequest { Id = deal.Id, StageId = lost.Id, LostReason = "Too expensive" }, cancellationToken: Ct);

        var move = Assert.Single(await EventsOfDealAsync(DealStageChanged.Topic, deal.Id)).Deserialize<DealStageChanged>(Web)!;
        Assert.Equal((Guid.Parse(pipeline.Stages[0].Id), Guid.Parse(lost.Id)), (move.FromStageId, move.ToStageId));
        var dealLost = Assert.Single(await EventsOfDealAsync(DealLost.Topic, deal.Id)).Deserialize<DealLost>(Web)!;
        // The director's company has no team: the events say so with null.
        Assert.Equal(((Guid?)Guid.Parse(pipeline.Id), TestUser.Director.Id, (string?)null, (decimal?)700m, "RUB"),
            (dealLost.PipelineId, dealLost.OwnerUserId, dealLost.TeamId, dealLost.Amount, dealLost.Currency));
        Assert.NotNull(dealLost.DealCreatedAt);
    }

    [Fact]
    public void An_old_deal_won_without_the_new_fields_still_reads_with_nulls()
    {
        var dealId = Guid.NewGuid();
        var old = JsonSerializer.Deserialize<DealWon>($$"""{"dealId":"{{dealId}}","companyId":"{{Guid.Empty}}","occurredAt":"2026-03-01T12:00:00+00:00"}""", Web)!;

        Assert.Equal((dealId, (Guid?)null, (string?)null, (decimal?)null, (DateTimeOffset?)null), (old.DealId, old.PipelineId, old.OwnerUserId, old.Amount, old.DealCreatedAt));
        Assert.Null(JsonSerializer.Deserialize<DealLost>($$"""{"dealId":"{{dealId}}","companyId":"{{Guid.Empty}}","occurredAt":"2026-03-01T12:00:00+00:00"}""", Web)!.Currency);
    }

    [Fact]
    public async Task Reassigning_a_lead_publishes_lead_assigned_once_per_owner_change()
    {
        var director = api.LeadsAs(TestUser.Director);
        var lead = await director.CreateLeadAsync(new CreateLeadRequest { PersonName = "Pool Lead", Email = "pool@kpi.example" }, cancellationToken: Ct);
        Assert.Equal(string.Empty, lead.OwnerUserId);

        await director.AssignLeadAsync(new AssignLeadRequest { Id = lead.Id, OwnerUserId = TestUser.ManagerAnna.Id, TeamId = "team-north" }, cancellationToken: Ct);
        await api.LeadsAs(TestUser.HeadOfNorth).AssignLeadAsync(new AssignLeadRequest { Id = lead.Id, OwnerUserId = TestUser.ManagerBoris.Id, TeamId = "team-north" }, cancellationToken: Ct);
        // The same owner again is no reassignment.
        await director.AssignLeadAsync(new AssignLeadRequest { Id = lead.Id, OwnerUserId = TestUser.ManagerBoris.Id, TeamId = "team-north" }, cancellationToken: Ct);

        var events = await EventsOfLeadAsync(LeadAssigned.Topic, lead.Id);
        Assert.Equal(["assignedBy", "leadId", "occurredAt", "ownerUserId", "previousOwnerUserId", "teamId"], Names(events[0]));
        Assert.Equal(
            [(TestUser.ManagerAnna.Id, "team-north", null, TestUser.Director.Id), (TestUser.ManagerBoris.Id, "team-north", TestUser.ManagerAnna.Id, TestUser.HeadOfNorth.Id)],
            events.Select(e => e.Deserialize<LeadAssigned>(Web)!).Select(e => (e.OwnerUserId, e.TeamId, e.PreviousOwnerUserId, e.AssignedBy)));
    }

    [Fact]
    public async Task A_refused_reassignment_publishes_nothing()
    {
        var anna = api.LeadsAs(TestUser.ManagerAnna);
        var lead = await anna.CreateLeadAsync(new CreateLeadRequest { PersonName = "Kept Lead", Email = "kept@kpi.example" }, cancellationToken: Ct);

        var noOwner = await Assert.ThrowsAsync<RpcException>(() => api.LeadsAs(TestUser.Director).AssignLeadAsync(
            new AssignLeadRequest { Id = lead.Id, OwnerUserId = " " }, cancellationToken: Ct).ResponseAsync);
        var notAllowed = await Assert.ThrowsAsync<RpcException>(() => anna.AssignLeadAsync(
            new AssignLeadRequest { Id = lead.Id, OwnerUserId = TestUser.ManagerBoris.Id, TeamId = "team-north" }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, noOwner.StatusCode);
        Assert.Equal("owner_user_id", noOwner.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        Assert.Equal(StatusCode.PermissionDenied, notAllowed.StatusCode);
        Assert.Equal(TestUser.ManagerAnna.Id, (await anna.GetLeadAsync(new GetLeadRequest { Id = lead.Id }, cancellationToken: Ct)).OwnerUserId);
        Assert.Empty(await EventsOfLeadAsync(LeadAssigned.Topic, lead.Id));
    }

    [Fact]
    public async Task A_capture_assigned_by_a_rule_or_to_its_author_publishes_no_lead_assigned()
    {
        await api.LeadsAs(LeadsApi.Admin).SaveAssignmentRulesAsync(new SaveAssignmentRulesRequest
        {
            Rules = { new AssignmentRule { Name = "KPI region", Region = "KPI-region", ManagerUserIds = { TestUser.ManagerOleg.Id }, TeamId = "team-south" } },
        }, cancellationToken: Ct);

        var byRule = await api.LeadsAs(TestUser.Director).CreateLeadAsync(new CreateLeadRequest { PersonName = "Rule Lead", Email = "rule@kpi.example", Region = "KPI-region" }, cancellationToken: Ct);
        var byAuthor = await api.LeadsAs(TestUser.ManagerAnna).CreateLeadAsync(new CreateLeadRequest { PersonName = "Own Lead", Email = "own@kpi.example" }, cancellationToken: Ct);

        Assert.Equal((TestUser.ManagerOleg.Id, TestUser.ManagerAnna.Id), (byRule.OwnerUserId, byAuthor.OwnerUserId));
        Assert.Equal(TestUser.ManagerOleg.Id, Assert.Single(await EventsOfLeadAsync(LeadCaptured.Topic, byRule.Id)).GetProperty("ownerUserId").GetString());
        Assert.Empty(await EventsOfLeadAsync(LeadAssigned.Topic, byRule.Id));
        Assert.Empty(await EventsOfLeadAsync(LeadAssigned.Topic, byAuthor.Id));
    }

    private async Task<List<JsonElement>> EventsOfDealAsync(string topic, string dealId) =>
        [.. (await api.EventsAsync(topic)).Where(e => e.GetProperty("dealId").GetString() == dealId)];

    private async Task<List<JsonElement>> EventsOfLeadAsync(string topic, string leadId) =>
        [.. (await api.EventsAsync(topic)).Where(e => e.GetProperty("leadId").GetString() == leadId)];

    private static List<string> Names(JsonElement payload) => [.. payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
