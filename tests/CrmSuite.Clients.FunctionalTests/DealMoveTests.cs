using System.Text.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Clients.Contracts.Events;
using CrmSuite.Testing;
using Google.Rpc;
using Grpc.Core;
using static CrmSuite.Clients.FunctionalTests.DealTestSupport;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// Moving deals between stages: the stage history KPI reads, and the won/lost events the
/// warehouse consumes, committed with the move through the outbox.
/// </summary>
public sealed class DealMoveTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_move_records_a_history_row_with_who_when_and_the_amount_at_the_time()
    {
        var (_, annaCompanies) = api.As(TestUser.ManagerAnna);
        var company = await annaCompanies.CreateCompanyAsync(new CreateCompanyRequest { Name = "History Ltd" }, cancellationToken: Ct);
        var pipeline = await api.DefaultPipelineAsync();
        var anna = api.Deals(TestUser.ManagerAnna);
        var deal = await api.CreateDealAsync(TestUser.ManagerAnna, company.Id, "History deal", "1000");

        var moved = await anna.MoveDealAsync(new MoveDealRequest { Id = deal.Id, StageId = pipeline.Stages[2].Id }, cancellationToken: Ct);
        Assert.Equal((pipeline.Stages[2].Id, pipeline.Stages[2].Name, pipeline.Stages[2].Probability), (moved.StageId, moved.StageName, moved.Probability));
        await anna.UpdateDealAsync(new UpdateDealRequest { Id = deal.Id, Title = "History deal", Amount = "2500", Currency = "RUB" }, cancellationToken: Ct);
        await anna.MoveDealAsync(new MoveDealRequest { Id = deal.Id, StageId = pipeline.Stages[1].Id }, cancellationToken: Ct);

        var history = await anna.GetDealHistoryAsync(new GetDealHistoryRequest { Id = deal.Id }, cancellationToken: Ct);
        Assert.Equal(
            [("", pipeline.Stages[0].Id, "1000.00"), (pipeline.Stages[0].Id, pipeline.Stages[2].Id, "1000.00"), (pipeline.Stages[2].Id, pipeline.Stages[1].Id, "2500.00")],
            history.Changes.Select(c => (c.FromStageId, c.ToStageId, c.Amount)));
        Assert.All(history.Changes, c => Assert.Equal((TestUser.ManagerAnna.Id, TestUser.ManagerAnna.Name), (c.ChangedBy, c.ChangedByName)));
        Assert.Equal(pipeline.Stages[2].Name, history.Changes[2].FromStageName);
        Assert.Equal(3, await api.CountAsync($"SELECT count(*) FROM deal_stage_history WHERE deal_id = '{deal.Id}'"));
        Assert.Equal(2, (await api.OutboxAsync("audit")).Count(e => e.GetProperty("action").GetString() == "clients.deal.moved" && e.GetProperty("entityId").GetString() == deal.Id));
    }

    [Fact]
    public async Task Winning_queues_deal_won_in_the_warehouse_shape_with_the_move()
    {
        var company = await api.CreateCompanyAsync("Winner Ltd");
        var pipeline = await api.DefaultPipelineAsync();
        var deal = await api.CreateDealAsync(TestUser.Director, company.Id, "Won deal", "5000");

        var won = await api.Deals(TestUser.Director).MoveDealAsync(new MoveDealRequest { Id = deal.Id, StageId = pipeline.StageOf(StageKind.Won).Id }, cancellationToken: Ct);

        Assert.Equal((StageKind.Won, 100), (won.StageKind, won.Probability));
        var payload = Assert.Single(await api.OutboxAsync("clients.deal-won"), p => p.GetProperty("dealId").GetString() == deal.Id);
        AssertWarehouseShape(payload, deal, company.Id);
        Assert.DoesNotContain(await api.OutboxAsync("clients.deal-lost"), p => p.GetProperty("dealId").GetString() == deal.Id);
    }

    [Fact]
    public async Task Losing_without_a_reason_is_refused_and_changes_nothing_and_with_one_queues_deal_lost()
    {
        var company = await api.CreateCompanyAsync("Loser Ltd");
        var pipeline = await api.DefaultPipelineAsync();
        var deal = await api.CreateDealAsync(TestUser.Director, company.Id, "Lost deal", "700");
        var deals = api.Deals(TestUser.Director);
        var lost = pipeline.StageOf(StageKind.Lost);
        var outboxBefore = await api.CountAsync("SELECT count(*) FROM outbox_messages");

        var refused = await Assert.ThrowsAsync<RpcException>(() => deals.MoveDealAsync(
            new MoveDealRequest { Id = deal.Id, StageId = lost.Id, LostReason = "   " }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("lost_reason", refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        Assert.Equal(outboxBefore, await api.CountAsync("SELECT count(*) FROM outbox_messages"));
        var unchanged = await deals.GetDealAsync(new GetDealRequest { Id = deal.Id }, cancellationToken: Ct);
        Assert.Equal((deal.StageId, deal.Version), (unchanged.StageId, unchanged.Version));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM deal_stage_history WHERE deal_id = '{deal.Id}'"));

        var moved = await deals.MoveDealAsync(new MoveDealRequest { Id = deal.Id, StageId = lost.Id, LostReason = "Chose a cheaper supplier" }, cancellationToken: Ct);
        Assert.Equal(("Chose a cheaper supplier", StageKind.Lost, 0), (moved.LostReason, moved.StageKind, moved.Probability));
        AssertWarehouseShape(Assert.Single(await api.OutboxAsync("clients.deal-lost"), p => p.GetProperty("dealId").GetString() == deal.Id), deal, company.Id);
    }

    [Fact]
    public async Task A_new_deal_cannot_start_in_a_won_stage_and_an_unknown_stage_is_named()
    {
        var company = await api.CreateCompanyAsync("Shortcut Ltd");
        var pipeline = await api.DefaultPipelineAsync();
        var deals = api.Deals(TestUser.Director);

        var shortcut = await Assert.ThrowsAsync<RpcException>(() => deals.CreateDealAsync(new CreateDealRequest
        {
            Title = "Instant win", CompanyId = company.Id, StageId = pipeline.StageOf(StageKind.Won).Id, Currency = "RUB",
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, shortcut.StatusCode);
        Assert.Equal("stage_id", shortcut.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);

        var deal = await api.CreateDealAsync(TestUser.Director, company.Id, "Normal deal");
        var unknown = await Assert.ThrowsAsync<RpcException>(() => deals.MoveDealAsync(
            new MoveDealRequest { Id = deal.Id, StageId = Guid.NewGuid().ToString() }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("stage_id", unknown.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }

    private static void AssertWarehouseShape(JsonElement payload, Deal deal, string companyId)
    {
        // Exactly the fields of the DealWon/DealLost contract: the warehouse's three, then the KPI's (KpiEventsTests checks their values).
        Assert.Equal(["amount", "companyId", "currency", "dealCreatedAt", "dealId", "occurredAt", "ownerUserId", "pipelineId", "teamId"],
            payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var read = payload.Deserialize<DealWon>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal((Guid.Parse(deal.Id), Guid.Parse(companyId)), (read.DealId, read.CompanyId));
        Assert.True(read.OccurredAt > deal.CreatedAt.ToDateTimeOffset().AddSeconds(-1));
    }
}
