using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Errors;
using DealsClient = CrmSuite.Clients.Contracts.Deals.DealsClient;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Deals and their pipelines as the staff UI uses them. Each call answers its result, or <c>null</c>
/// with the reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class DealsApi(DealsClient deals, Pipelines.PipelinesClient pipelines)
{
    /// <summary>A page of deals; a list's <see cref="Common.LatestLoad"/> turns its errors and drops superseded answers.</summary>
    public Task<ListDealsResponse> ListDealsAsync(ListDealsRequest request, CancellationToken cancellationToken) =>
        deals.ListDealsAsync(request, cancellationToken: cancellationToken).ResponseAsync;

    /// <summary>A page of deals for a picker or a board column, its refusal shown in <paramref name="errors"/>.</summary>
    public Task<ListDealsResponse?> FindDealsAsync(ListDealsRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(deals.ListDealsAsync(request), errors, default);

    /// <summary>Deals whose title matches <paramref name="query"/> (the first of the list when it is empty), for pickers.</summary>
    public async Task<IReadOnlyList<Deal>?> FindDealsAsync(string query, int pageSize, ErrorState errors) =>
        (await FindDealsAsync(new ListDealsRequest { Query = query, PageSize = pageSize }, errors))?.Deals;

    public Task<Deal?> GetDealAsync(string id, ErrorState errors) =>
        ServiceCall.RunAsync(deals.GetDealAsync(new GetDealRequest { Id = id }), errors, default);

    public Task<Deal?> MoveDealAsync(MoveDealRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(deals.MoveDealAsync(request), errors, default);

    /// <summary>The first <paramref name="columnSize"/> deals of each stage of a pipeline, most recently updated first.</summary>
    public Task<(string StageId, ListDealsResponse Page)[]?> ListBoardAsync(Pipeline pipeline, int columnSize, ErrorState errors) =>
        ServiceCall.RunAsync(Task.WhenAll(pipeline.Stages.Select(async stage => (stage.Id, await deals.ListDealsAsync(new ListDealsRequest
        {
            PipelineId = pipeline.Id,
            StageId = stage.Id,
            PageSize = columnSize,
            Sort = DealSort.Updated,
            Descending = true,
        })))), errors, default);

    public Task<Deal?> CreateDealAsync(CreateDealRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(deals.CreateDealAsync(request), errors, default);

    public Task<Deal?> UpdateDealAsync(UpdateDealRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(deals.UpdateDealAsync(request), errors, default);

    public Task<DealHistory?> GetDealHistoryAsync(string dealId, ErrorState errors) =>
        ServiceCall.RunAsync(deals.GetDealHistoryAsync(new GetDealHistoryRequest { Id = dealId }), errors, default);

    public Task<ListPipelinesResponse?> ListPipelinesAsync(ErrorState errors) =>
        ServiceCall.RunAsync(pipelines.ListPipelinesAsync(new ListPipelinesRequest()), errors, default);

    public Task<Pipeline?> CreatePipelineAsync(string name, ErrorState errors) =>
        ServiceCall.RunAsync(pipelines.CreatePipelineAsync(new CreatePipelineRequest { Name = name }), errors, default);

    public Task<Pipeline?> RenamePipelineAsync(Pipeline pipeline, string name, ErrorState errors) =>
        ServiceCall.RunAsync(pipelines.RenamePipelineAsync(new RenamePipelineRequest { Id = pipeline.Id, Name = name }), errors, default);

    public Task<Pipeline?> ArchivePipelineAsync(Pipeline pipeline, ErrorState errors) =>
        ServiceCall.RunAsync(pipelines.ArchivePipelineAsync(new ArchivePipelineRequest { Id = pipeline.Id }), errors, default);

    public Task<Pipeline?> AddStageAsync(AddStageRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(pipelines.AddStageAsync(request), errors, default);

    public Task<Pipeline?> UpdateStageAsync(UpdateStageRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(pipelines.UpdateStageAsync(request), errors, default);

    public Task<Pipeline?> ReorderStagesAsync(Pipeline pipeline, IEnumerable<string> stageIds, ErrorState errors) =>
        ServiceCall.RunAsync(pipelines.ReorderStagesAsync(new ReorderStagesRequest { PipelineId = pipeline.Id, StageIds = { stageIds } }), errors, default);

    public Task<Pipeline?> RemoveStageAsync(Pipeline pipeline, Stage stage, ErrorState errors) =>
        ServiceCall.RunAsync(pipelines.RemoveStageAsync(new RemoveStageRequest { PipelineId = pipeline.Id, Id = stage.Id }), errors, default);
}
