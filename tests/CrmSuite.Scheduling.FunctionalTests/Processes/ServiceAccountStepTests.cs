using CrmSuite.Scheduling.Api.Processes.Engine;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;
using ClientsContracts = CrmSuite.Clients.Contracts;

namespace CrmSuite.Scheduling.FunctionalTests.Processes;

/// <summary>
/// Service tasks that act in the clients service as the scheduling service's own account
/// (crmsuite-scheduling, Scheduling:ServiceAccount:Secret): the real clients service checks the
/// account's token as it checks an integration's; identity's token endpoint is a stand-in.
/// Publishing and starting go through the fixture's host (no secret); the engine runs in a second
/// host on the same database with the secret set, as after a deployment that configures it.
/// </summary>
public sealed class ServiceAccountStepTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private readonly ProcessTestKit _kit = new(api);

    [Fact]
    public async Task A_set_deal_stage_step_moves_the_deal_once_as_the_business_processes_account()
    {
        var (deal, target) = await DealAndNextStageAsync(People.Anna);
        var instance = await StartForDealAsync(await PublishMoveAsync(target.Id), deal.Id);
        await using var configured = WithSecret(IdentityStandIn.Secret);

        await RunAsync(configured);
        await RunAsync(configured);

        var moved = await DealsAs(People.Anna).GetDealAsync(new ClientsContracts.GetDealRequest { Id = deal.Id }, cancellationToken: Ct);
        Assert.Equal(target.Id, moved.StageId);
        var detail = await _kit.DetailAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, detail.Instance.State);
        Assert.Contains(detail.Log, l => l.ElementId == "move" && !l.Error && l.Text.Contains($"«{target.Name}»", StringComparison.Ordinal));
        Assert.Equal(1, await _kit.StepsAsync(instance.Id, "move"));
        // The clients service saw one move, by the account, and its audit names it as people read it.
        var history = await DealsAs(People.Anna).GetDealHistoryAsync(new ClientsContracts.GetDealHistoryRequest { Id = deal.Id }, cancellationToken: Ct);
        var move = Assert.Single(history.Changes, c => c.FromStageId.Length > 0);
        Assert.Equal((deal.StageId, target.Id, IdentityStandIn.ClientId), (move.FromStageId, move.ToStageId, move.ChangedBy));
        // People read who moved it by name (the gateway says "Business processes" / «Бизнес-процессы» for this account), not by the client id.
        Assert.Equal(IdentityStandIn.ServiceAccount.Name, move.ChangedByName);
        var audit = (await OutboxReader.EventsAsync(api.ClientsConnectionString, "audit", Ct))
            .Where(e => e.GetProperty("action").GetString() == "clients.deal.moved" && e.GetProperty("entityId").GetString() == deal.Id).ToList();
        Assert.Equal(IdentityStandIn.ServiceAccount.Name, Assert.Single(audit).GetProperty("actorName").GetString());
    }

    [Fact]
    public async Task Without_the_secret_the_step_fails_naming_the_setting_and_a_retry_after_it_is_set_moves_the_deal()
    {
        var (deal, target) = await DealAndNextStageAsync(People.Boris);
        var instance = await StartForDealAsync(await PublishMoveAsync(target.Id), deal.Id, People.Boris);

        await _kit.RunAsync();

        var failed = await _kit.DetailAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Failed, failed.Instance.State);
        Assert.Contains(failed.Log, l => l.Error && l.ElementId == "move" && l.Text.Contains("Scheduling:ServiceAccount:Secret", StringComparison.Ordinal));
        Assert.Equal(deal.StageId, (await DealsAs(People.Boris).GetDealAsync(new ClientsContracts.GetDealRequest { Id = deal.Id }, cancellationToken: Ct)).StageId);

        await _kit.As(ProcessTestKit.Designer).RetryProcessInstanceAsync(new RetryProcessInstanceRequest { Id = instance.Id }, cancellationToken: Ct);
        await using var configured = WithSecret(IdentityStandIn.Secret);
        await RunAsync(configured);

        Assert.Equal(ProcessInstanceState.Completed, (await _kit.DetailAsync(instance.Id)).Instance.State);
        Assert.Equal(target.Id, (await DealsAs(People.Boris).GetDealAsync(new ClientsContracts.GetDealRequest { Id = deal.Id }, cancellationToken: Ct)).StageId);
        Assert.Equal(1, await _kit.StepsAsync(instance.Id, "move"));
    }

    [Fact]
    public async Task A_wrong_secret_gets_no_token_and_fails_the_step_saying_so_without_touching_the_deal()
    {
        var (deal, target) = await DealAndNextStageAsync(People.Oleg);
        var instance = await StartForDealAsync(await PublishMoveAsync(target.Id), deal.Id, People.Oleg);
        var refusedBefore = api.Identity.TokensRefused;
        await using var misconfigured = WithSecret("Guessed-Secret-777");

        await RunAsync(misconfigured);

        var failed = await _kit.DetailAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Failed, failed.Instance.State);
        Assert.Contains(failed.Log, l => l.Error && l.ElementId == "move"
            && l.Text.Contains("401", StringComparison.Ordinal) && l.Text.Contains("Scheduling:ServiceAccount:Secret", StringComparison.Ordinal));
        Assert.True(api.Identity.TokensRefused > refusedBefore);
        Assert.Equal(deal.StageId, (await DealsAs(People.Oleg).GetDealAsync(new ClientsContracts.GetDealRequest { Id = deal.Id }, cancellationToken: Ct)).StageId);
        Assert.Equal(ProcessElementState.Failed, failed.Elements.Single(e => e.ElementId == "move").State);
    }

    private ClientsContracts.Deals.DealsClient DealsAs(TestUser user) => new(api.ClientsInvoker(user));

    /// <summary>A new deal of <paramref name="owner"/> and an open stage of its pipeline other than the one it is in.</summary>
    private async Task<(ClientsContracts.Deal Deal, ClientsContracts.Stage Stage)> DealAndNextStageAsync(TestUser owner)
    {
        var (_, _, dealId) = await api.ClientAsync(owner);
        var deal = await DealsAs(owner).GetDealAsync(new ClientsContracts.GetDealRequest { Id = dealId }, cancellationToken: Ct);
        var pipeline = await new ClientsContracts.Pipelines.PipelinesClient(api.ClientsInvoker(owner)).GetPipelineAsync(new ClientsContracts.GetPipelineRequest { Id = deal.PipelineId }, cancellationToken: Ct);
        var stage = pipeline.Stages.First(s => s.Id != deal.StageId && s.Kind is ClientsContracts.StageKind.Open or ClientsContracts.StageKind.Unspecified);
        return (deal, stage);
    }

    private Task<string> PublishMoveAsync(string stageId) => _kit.PublishAsync(new Drawing("Перевести сделку").Start()
        .Node(new ServiceTask { Id = "move", Name = "Перевести на этап", Action = ServiceAction.SetDealStage, Settings = new Dictionary<string, string> { [CrmBpmn.StageId] = stageId } })
        .End().Flow("start", "move").Flow("move", "end"), "Перевести сделку");

    private async Task<ProcessInstance> StartForDealAsync(string processId, string dealId, TestUser? user = null) =>
        await _kit.As(user ?? People.Anna).StartProcessAsync(new StartProcessRequest { Id = processId, Record = new ProcessRecord { DealId = dealId } }, cancellationToken: Ct);

    private WebApplicationFactory<Program> WithSecret(string secret) => api.StartWith(("Scheduling:ServiceAccount:Secret", secret));

    private static Task<int> RunAsync(WebApplicationFactory<Program> host) => host.Services.GetRequiredService<ProcessEngine>().RunDueAsync(Ct);
}
