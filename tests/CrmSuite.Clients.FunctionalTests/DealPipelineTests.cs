using System.Net;
using System.Net.Http.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Google.Rpc;
using Grpc.Core;
using static CrmSuite.Clients.FunctionalTests.DealTestSupport;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Pipelines and stages: configured by clients.configure, read by everyone with clients.read.</summary>
public sealed class DealPipelineTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fresh_install_has_the_sales_pipeline_with_open_won_and_lost_stages()
    {
        var manager = api.Pipelines(TestUser.ManagerAnna);
        var pipelines = (await manager.ListPipelinesAsync(new ListPipelinesRequest(), cancellationToken: Ct)).Pipelines;

        var sales = Assert.Single(pipelines, p => p.Name == "Продажи");
        Assert.Equal(["Новая", "Квалификация", "Предложение", "Переговоры", "Выиграна", "Проиграна"], sales.Stages.Select(s => s.Name));
        Assert.Equal([1, 2, 3, 4, 5, 6], sales.Stages.Select(s => s.Position));
        Assert.Equal(StageKind.Won, sales.Stages[4].Kind);
        Assert.Equal(StageKind.Lost, sales.Stages[5].Kind);
        Assert.Equal(100, sales.Stages[4].Probability);
    }

    [Fact]
    public async Task An_administrator_adds_renames_reorders_and_removes_stages()
    {
        var admin = api.Pipelines(Administrator);
        var pipeline = await admin.CreatePipelineAsync(new CreatePipelineRequest
        {
            Name = "Tenders",
            Stages =
            {
                new NewStage { Name = "Application", Probability = 10 },
                new NewStage { Name = "Won", Kind = StageKind.Won, Probability = 100 },
                new NewStage { Name = "Lost", Kind = StageKind.Lost },
            },
        }, cancellationToken: Ct);

        // A new open stage goes before won and lost unless a position is given.
        pipeline = await admin.AddStageAsync(new AddStageRequest { PipelineId = pipeline.Id, Name = "Auction", Probability = 40 }, cancellationToken: Ct);
        Assert.Equal(["Application", "Auction", "Won", "Lost"], pipeline.Stages.Select(s => s.Name));

        var auction = pipeline.Stages[1];
        pipeline = await admin.UpdateStageAsync(new UpdateStageRequest
        {
            PipelineId = pipeline.Id, Id = auction.Id, Name = "E-auction", Kind = StageKind.Open, Probability = 60,
        }, cancellationToken: Ct);
        Assert.Equal(("E-auction", 60), (pipeline.Stages[1].Name, pipeline.Stages[1].Probability));

        var reordered = new[] { pipeline.Stages[1].Id, pipeline.Stages[0].Id, pipeline.Stages[2].Id, pipeline.Stages[3].Id };
        pipeline = await admin.ReorderStagesAsync(new ReorderStagesRequest { PipelineId = pipeline.Id, StageIds = { reordered } }, cancellationToken: Ct);
        Assert.Equal(["E-auction", "Application", "Won", "Lost"], pipeline.Stages.Select(s => s.Name));
        Assert.Equal([1, 2, 3, 4], pipeline.Stages.Select(s => s.Position));

        pipeline = await admin.RemoveStageAsync(new RemoveStageRequest { PipelineId = pipeline.Id, Id = pipeline.Stages[1].Id }, cancellationToken: Ct);
        Assert.Equal(["E-auction", "Won", "Lost"], pipeline.Stages.Select(s => s.Name));

        pipeline = await admin.RenamePipelineAsync(new RenamePipelineRequest { Id = pipeline.Id, Name = "State tenders" }, cancellationToken: Ct);
        var reread = await api.Pipelines(TestUser.ManagerOleg).GetPipelineAsync(new GetPipelineRequest { Id = pipeline.Id }, cancellationToken: Ct);
        Assert.Equal("State tenders", reread.Name);
        Assert.Equal(["E-auction", "Won", "Lost"], reread.Stages.Select(s => s.Name));
    }

    [Fact]
    public async Task Bad_configuration_is_refused_naming_the_field_and_changes_nothing()
    {
        var admin = api.Pipelines(Administrator);
        var pipeline = await admin.CreatePipelineAsync(new CreatePipelineRequest { Name = "Bad input pipeline" }, cancellationToken: Ct);
        var stagesBefore = await api.CountAsync("SELECT count(*) FROM pipeline_stages");

        var probability = await Assert.ThrowsAsync<RpcException>(() => admin.AddStageAsync(
            new AddStageRequest { PipelineId = pipeline.Id, Name = "  ", Probability = 150 }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, probability.StatusCode);
        Assert.Equal(["name", "probability"], probability.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Order());

        var reorder = await Assert.ThrowsAsync<RpcException>(() => admin.ReorderStagesAsync(
            new ReorderStagesRequest { PipelineId = pipeline.Id, StageIds = { pipeline.Stages[0].Id } }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("stage_ids", reorder.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);

        var duplicate = await Assert.ThrowsAsync<RpcException>(() => admin.AddStageAsync(
            new AddStageRequest { PipelineId = pipeline.Id, Name = pipeline.Stages[0].Name.ToUpperInvariant() }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("name", duplicate.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);

        var unchanged = await admin.GetPipelineAsync(new GetPipelineRequest { Id = pipeline.Id }, cancellationToken: Ct);
        Assert.Equal(pipeline.Stages.Select(s => s.Name), unchanged.Stages.Select(s => s.Name));
        Assert.Equal(stagesBefore, await api.CountAsync("SELECT count(*) FROM pipeline_stages"));
    }

    [Fact]
    public async Task A_pipeline_needs_an_open_stage_and_over_REST_the_answer_is_problem_json()
    {
        var (http, _) = api.As(Administrator);
        var response = await http.PostAsJsonAsync("/v1/pipelines", new { name = "Only outcomes", stages = new[] { new { name = "Won", kind = "STAGE_KIND_WON" } } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await api.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("stages", out _));
        Assert.Equal(0, await api.CountAsync("SELECT count(*) FROM pipelines WHERE name = 'Only outcomes'"));
    }

    [Fact]
    public async Task A_stage_that_holds_deals_cannot_be_removed_until_they_are_moved()
    {
        var admin = api.Pipelines(Administrator);
        var pipeline = await admin.CreatePipelineAsync(new CreatePipelineRequest { Name = "Holding pipeline" }, cancellationToken: Ct);
        var company = await api.CreateCompanyAsync("Holding Ltd");
        var first = pipeline.Stages[0];
        var deal = await api.Deals(Administrator).CreateDealAsync(new CreateDealRequest
        {
            Title = "Held deal", CompanyId = company.Id, PipelineId = pipeline.Id, Currency = "RUB",
        }, cancellationToken: Ct);

        var refused = await Assert.ThrowsAsync<RpcException>(() => admin.RemoveStageAsync(
            new RemoveStageRequest { PipelineId = pipeline.Id, Id = first.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var violation = refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single();
        Assert.Equal("id", violation.Field);
        Assert.Contains("holds 1 deal", violation.Description);
        Assert.Contains(first.Name, (await admin.GetPipelineAsync(new GetPipelineRequest { Id = pipeline.Id }, cancellationToken: Ct)).Stages.Select(s => s.Name));

        await api.Deals(Administrator).MoveDealAsync(new MoveDealRequest { Id = deal.Id, StageId = pipeline.Stages[1].Id }, cancellationToken: Ct);
        var after = await admin.RemoveStageAsync(new RemoveStageRequest { PipelineId = pipeline.Id, Id = first.Id }, cancellationToken: Ct);
        Assert.DoesNotContain(first.Name, after.Stages.Select(s => s.Name));
        // The history still names the removed stage.
        var history = await api.Deals(Administrator).GetDealHistoryAsync(new GetDealHistoryRequest { Id = deal.Id }, cancellationToken: Ct);
        Assert.Equal(first.Name, history.Changes[1].FromStageName);
    }

    [Fact]
    public async Task Without_clients_configure_a_manager_reads_pipelines_but_cannot_change_them()
    {
        var pipeline = await api.DefaultPipelineAsync();
        var manager = api.Pipelines(TestUser.ManagerAnna);

        var create = await Assert.ThrowsAsync<RpcException>(() => manager.CreatePipelineAsync(new CreatePipelineRequest { Name = "Mine" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, create.StatusCode);
        var (http, _) = api.As(TestUser.ManagerAnna);
        var remove = await http.DeleteAsync($"/v1/pipelines/{pipeline.Id}/stages/{pipeline.Stages[0].Id}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.GetAsync("/v1/pipelines", Ct)).StatusCode);

        var read = await http.GetAsync("/v1/pipelines", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(pipeline.Stages.Count, (await api.DefaultPipelineAsync()).Stages.Count);
    }

    [Fact]
    public async Task An_archived_pipeline_leaves_the_list_and_takes_no_new_deals()
    {
        var admin = api.Pipelines(Administrator);
        var pipeline = await admin.CreatePipelineAsync(new CreatePipelineRequest { Name = "Seasonal" }, cancellationToken: Ct);
        await admin.ArchivePipelineAsync(new ArchivePipelineRequest { Id = pipeline.Id }, cancellationToken: Ct);

        Assert.DoesNotContain((await admin.ListPipelinesAsync(new ListPipelinesRequest(), cancellationToken: Ct)).Pipelines, p => p.Id == pipeline.Id);
        Assert.Contains((await admin.ListPipelinesAsync(new ListPipelinesRequest { IncludeArchived = true }, cancellationToken: Ct)).Pipelines, p => p.Id == pipeline.Id && p.Archived);
        var company = await api.CreateCompanyAsync("Seasonal Ltd");
        var refused = await Assert.ThrowsAsync<RpcException>(() => api.Deals(Administrator).CreateDealAsync(new CreateDealRequest
        {
            Title = "Too late", CompanyId = company.Id, PipelineId = pipeline.Id, Currency = "RUB",
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("pipeline_id", refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }
}
