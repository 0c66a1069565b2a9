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

    public List<ProcessDraftInput> Created { get; } = [];

    public List<ListProcessTemplatesRequest> TemplateRequests { get; } = [];

    public List<CancelProcessInstanceRequest> Cancelled { get; } = [];

    public List<PublishProcessRequest> Published { get; } = [];

    /// <summary>What saving the draft reports as problems (empty: it compiles).</summary>
    public List<ProcessProblem> ProblemsOnSave { get; } = [];

    /// <summary>When set, the list answers only once the test completes it (a slow service).</summary>
    public TaskCompletionSource? ListHeld { get; set; }

    public override AsyncUnaryCall<ListProcessesResponse> ListProcessesAsync(ListProcessesRequest request, CallOptions options)
    {
        var response = new ListProcessesResponse();
        response.Processes.AddRange(Processes.Where(p => (request.IncludeArchived || !p.Archived)
            && p.Name.Contains(request.Query, StringComparison.OrdinalIgnoreCase)).Select(p => p.Clone()));
        return ListHeld is { } held ? Calls.Later(held.Task.ContinueWith(_ => response, TaskScheduler.Default)) : Calls.Ok(response);
    }

    public override AsyncUnaryCall<Process> GetProcessAsync(GetProcessRequest request, CallOptions options) =>
        Processes.FirstOrDefault(p => p.Id == request.Id) is { } process
            ? Calls.Ok(process.Clone())
            : Calls.Fail<Process>(Calls.Error(StatusCode.NotFound, "No such process."));

    public override AsyncUnaryCall<Process> SaveProcessDraftAsync(ProcessDraftInput request, CallOptions options)
    {
        Saved.Add(request);
        var process = Processes.Single(p => p.Id == request.Id);
        process.DraftChanged = process.DraftChanged || process.DraftXml != request.Xml;
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
        process.DraftChanged = false;
        return Calls.Ok(new ProcessVersion { ProcessId = process.Id, Number = process.PublishedVersion, Xml = process.DraftXml });
    }

    public override AsyncUnaryCall<ProcessVersion> GetProcessVersionAsync(GetProcessVersionRequest request, CallOptions options) =>
        Calls.Ok(new ProcessVersion { ProcessId = request.ProcessId, Number = request.Number, Xml = Processes.Single(p => p.Id == request.ProcessId).DraftXml });

    public override AsyncUnaryCall<ListProcessTemplatesResponse> ListProcessTemplatesAsync(ListProcessTemplatesRequest request, CallOptions options)
    {
        TemplateRequests.Add(request);
        return Calls.Ok(new ListProcessTemplatesResponse { Templates = { Templates } });
    }

    /// <summary>A new draft named as asked, with the template's (or the file's) XML.</summary>
    public override AsyncUnaryCall<Process> CreateProcessAsync(ProcessDraftInput request, CallOptions options)
    {
        Created.Add(request);
        var process = new Process
        {
            Id = $"proc-new-{Created.Count}", Name = request.Name, Version = "1", DraftChanged = true,
            DraftXml = request.TemplateId.Length > 0 ? Templates.Single(t => t.Id == request.TemplateId).Xml : request.Xml,
        };
        Processes.Add(process);
        return Calls.Ok(process.Clone());
    }

    public override AsyncUnaryCall<ListProcessInstancesResponse> ListProcessInstancesAsync(ListProcessInstancesRequest request, CallOptions options) =>
        Calls.Ok(new ListProcessInstancesResponse
        {
            Instances =
            {
                Instances.Values.Select(d => d.Instance).Where(i => (request.ProcessId.Length == 0 || i.ProcessId == request.ProcessId)
                    && (request.CompanyId.Length == 0 || i.Record?.CompanyId == request.CompanyId)
                    && (request.DealId.Length == 0 || i.Record?.DealId == request.DealId)
                    && (request.LeadId.Length == 0 || i.Record?.LeadId == request.LeadId)
                    && (request.State == ProcessInstanceState.Unspecified || i.State == request.State)),
            },
        });

    public override AsyncUnaryCall<ProcessInstanceDetail> GetProcessInstanceAsync(GetProcessInstanceRequest request, CallOptions options) =>
        Calls.Ok(Instances[request.Id].Clone());

    public List<StartProcessRequest> Started { get; } = [];

    /// <summary>A running instance of the process on the record asked for.</summary>
    public override AsyncUnaryCall<ProcessInstance> StartProcessAsync(StartProcessRequest request, CallOptions options)
    {
        Started.Add(request);
        var process = Processes.Single(p => p.Id == request.Id);
        var instance = new ProcessInstance
        {
            Id = $"inst-started-{Started.Count}", ProcessId = process.Id, ProcessName = process.Name, VersionNumber = process.PublishedVersion,
            State = ProcessInstanceState.Running, Record = request.Record.Clone(), StartedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        };
        Instances[instance.Id] = new ProcessInstanceDetail { Instance = instance, Xml = process.DraftXml };
        return Calls.Ok(instance.Clone());
    }

    public override AsyncUnaryCall<ProcessInstance> CancelProcessInstanceAsync(CancelProcessInstanceRequest request, CallOptions options)
    {
        Cancelled.Add(request);
        var instance = Instances[request.Id].Instance;
        instance.State = ProcessInstanceState.Cancelled;
        return Calls.Ok(instance.Clone());
    }
}
