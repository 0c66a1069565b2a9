using CrmSuite.Clients.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>Pipelines as the UI sees them: the list answers with <see cref="Stored"/>.</summary>
internal sealed class FakePipelinesClient : Pipelines.PipelinesClient
{
    public List<Pipeline> Stored { get; } = [];

    public override AsyncUnaryCall<ListPipelinesResponse> ListPipelinesAsync(ListPipelinesRequest request, CallOptions options) =>
        Calls.Ok(new ListPipelinesResponse { Pipelines = { Stored.Select(p => p.Clone()) } });
}
