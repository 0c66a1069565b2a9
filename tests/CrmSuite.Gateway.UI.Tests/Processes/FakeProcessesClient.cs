using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Processes;

/// <summary>The scheduling service's Processes API as the editor and the monitoring pages see it; remembers what it was asked.</summary>
internal sealed class FakeProcessesClient : CrmSuite.Scheduling.Contracts.Processes.ProcessesClient
{
    public List<Process> Processes { get; } = [];

    public List<ProcessTemplate> Templates { get; } = [];

    public Dictionary<string, ProcessInstanceDetail> Instances { get; } = [];

    public List<ProcessDraftInput> Saved { get; } = [];

    public List<CancelProcessInstanceRequest> Cancelled { get; } = [];

    public List<PublishProcessRequest> Published { get; } = [];

    /// <summary>What saving the draft reports as problems (empty: it compiles).</summary>
    public List<ProcessProblem> ProblemsOnSave { get; } = [];

    public override AsyncUnaryCall<ListProcessesResponse> ListProcessesAsync(ListProcessesRequest request, CallOptions options)
    {
        var response = new ListProcessesResponse();
        response.Processes.AddRange(Processes.Where(p => (request.IncludeArchived || !p.Archived)
            && p.Name.Contains(request.Query, StringComparison.OrdinalIgnoreCase)).Select(p => p.Clone()));
        return Calls.Ok(response);
    }

    public override AsyncUnaryCall<Process> GetProcessAsync(GetProcessRequest request, CallOptions options) =>
        Processes.FirstOrDefault(p => p.Id == request.Id) is { } process
            ? Calls.Ok(process.Clone())
            : Calls.Fail<Process>(Calls.Error(StatusCode.NotFound, "No such process."));

    public override AsyncUnaryCall<Process> SaveProcessDraftAsync(ProcessDraftInput request, CallOptions options)
    {
        Saved.Add(request);
        var process = Processes.Single(p => p.Id == request.Id);
        process.DraftXml = request.Xml;
        process.Name = request.Name;
        process.Version = (int.Parse(process.Version, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        process.DraftProblems.Clear();
        process.DraftProblems.AddRange(ProblemsOnSave);
        return Calls.Ok(process.Clone());
    }

    public override AsyncUnaryCall<ProcessVersion> PublishProcessAsync(PublishProcessRequest request, CallOptions options)
    {
        Published.Add(request);
        var process = Processes.Single(p => p.Id == request.Id);
        process.PublishedVersion++;
        return Calls.Ok(new ProcessVersion { ProcessId = process.Id, Number = process.PublishedVersion, Xml = process.DraftXml });
    }

    public override AsyncUnaryCall<ProcessVersion> GetProcessVersionAsync(GetProcessVersionRequest request, CallOptions options) =>
        Calls.Ok(new ProcessVersion { ProcessId = request.ProcessId, Number = request.Number, Xml = Processes.Single(p => p.Id == request.ProcessId).DraftXml });

    public override AsyncUnaryCall<ListProcessTemplatesResponse> ListProcessTemplatesAsync(ListProcessTemplatesRequest request, CallOptions options) =>
        Calls.Ok(new ListProcessTemplatesResponse { Templates = { Templates } });

    public override AsyncUnaryCall<ListProcessInstancesResponse> ListProcessInstancesAsync(ListProcessInstancesRequest request, CallOptions options) =>
        Calls.Ok(new ListProcessInstancesResponse
        {
            Instances =
            {
                Instances.Values.Select(d => d.Instance).Where(i => (request.ProcessId.Length == 0 || i.ProcessId == request.ProcessId)
                    && (request.CompanyId.Length == 0 || i.Record?.CompanyId == request.CompanyId)
                    && (request.DealId.Length == 0 || i.Record?.DealId == request.DealId)
                    && (request.State == ProcessInstanceState.Unspecified || i.State == request.State)),
            },
        });

    public override AsyncUnaryCall<ProcessInstanceDetail> GetProcessInstanceAsync(GetProcessInstanceRequest request, CallOptions options) =>
        Calls.Ok(Instances[request.Id].Clone());

    public override AsyncUnaryCall<ProcessInstance> CancelProcessInstanceAsync(CancelProcessInstanceRequest request, CallOptions options)
    {
        Cancelled.Add(request);
        var instance = Instances[request.Id].Instance;
        instance.State = ProcessInstanceState.Cancelled;
        return Calls.Ok(instance.Clone());
    }
}
