using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Scheduling.Contracts;
using ProcessesClient = CrmSuite.Scheduling.Contracts.Processes.ProcessesClient;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Business processes (the scheduling service): read with scheduling.read, drawn, published and
/// archived with processes.design, instances started, cancelled and retried with scheduling.write.
/// Each call answers its result, or <c>null</c> with the reason shown in the page's <see cref="ErrorState"/>.
/// </summary>
public sealed class ProcessesApi(ProcessesClient processes)
{
    /// <summary>Processes by name (the list page's loads: a failure is thrown for its <see cref="Common.LatestLoad"/>).</summary>
    public async Task<IReadOnlyList<Process>> ListAsync(string query, bool includeArchived, CancellationToken cancellationToken) =>
        (await processes.ListProcessesAsync(new ListProcessesRequest { Query = query, IncludeArchived = includeArchived },
            cancellationToken: cancellationToken)).Processes;

    /// <summary>The published, not archived processes a person can start on a record: those with a start by hand.</summary>
    public async Task<IReadOnlyList<Process>?> ListStartableAsync(ErrorState errors) =>
        (await ServiceCall.RunAsync(processes.ListProcessesAsync(new ListProcessesRequest()), errors, default))?.Processes
            .Where(p => p.PublishedVersion > 0 && !p.Archived && p.StartsByHand).ToList();

    public Task<Process?> GetAsync(string id, ErrorState errors) =>
        ServiceCall.RunAsync(processes.GetProcessAsync(new GetProcessRequest { Id = id }), errors, default);

    /// <summary>A new draft from an imported file's XML.</summary>
    public Task<Process?> CreateFromXmlAsync(string name, string xml, ErrorState errors) =>
        ServiceCall.RunAsync(processes.CreateProcessAsync(new ProcessDraftInput { Name = name, Xml = xml }), errors, default);

    /// <summary>A new draft from a built-in template, its step names in <paramref name="language"/> ("ru", "en": the designer's UI language).</summary>
    public Task<Process?> CreateFromTemplateAsync(string name, string templateId, string language, ErrorState errors) =>
        ServiceCall.RunAsync(processes.CreateProcessAsync(new ProcessDraftInput { Name = name, TemplateId = templateId, Language = language }), errors, default);

    /// <summary>The drawing as the draft (with the version read); the answer lists what publishing would refuse.</summary>
    public Task<Process?> SaveDraftAsync(Process process, string name, string xml, ErrorState errors) =>
        ServiceCall.RunAsync(processes.SaveProcessDraftAsync(new ProcessDraftInput { Id = process.Id, Version = process.Version, Name = name, Xml = xml }),
            errors, default);

    public Task<ProcessVersion?> PublishAsync(Process process, ErrorState errors) =>
        ServiceCall.RunAsync(processes.PublishProcessAsync(new PublishProcessRequest { Id = process.Id, Version = process.Version }), errors, default);

    public Task<Process?> ArchiveAsync(Process process, ErrorState errors) =>
        ServiceCall.RunAsync(processes.ArchiveProcessAsync(new ArchiveProcessRequest { Id = process.Id, Version = process.Version }), errors, default);

    public Task<ProcessVersion?> GetVersionAsync(string processId, int number, ErrorState errors) =>
        ServiceCall.RunAsync(processes.GetProcessVersionAsync(new GetProcessVersionRequest { ProcessId = processId, Number = number }), errors, default);

    /// <summary>The built-in templates, their diagrams in <paramref name="language"/> ("ru", "en").</summary>
    public async Task<IReadOnlyList<ProcessTemplate>?> ListTemplatesAsync(string language, ErrorState errors) =>
        (await ServiceCall.RunAsync(processes.ListProcessTemplatesAsync(new ListProcessTemplatesRequest { Language = language }), errors, default))?.Templates;

    public Task<ProcessInstance?> StartAsync(string processId, ProcessRecord record, ErrorState errors) =>
        ServiceCall.RunAsync(processes.StartProcessAsync(new StartProcessRequest { Id = processId, Record = record }), errors, default);

    /// <summary>One page of instances, newest first.</summary>
    public Task<ListProcessInstancesResponse?> ListInstancesAsync(ListProcessInstancesRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(processes.ListProcessInstancesAsync(request), errors, default);

    public Task<ProcessInstanceDetail?> GetInstanceAsync(string id, ErrorState errors) =>
        ServiceCall.RunAsync(processes.GetProcessInstanceAsync(new GetProcessInstanceRequest { Id = id }), errors, default);

    public Task<ProcessInstance?> CancelInstanceAsync(string id, string reason, ErrorState errors) =>
        ServiceCall.RunAsync(processes.CancelProcessInstanceAsync(new CancelProcessInstanceRequest { Id = id, Reason = reason }), errors, default);

    public Task<ProcessInstance?> RetryInstanceAsync(string id, ErrorState errors) =>
        ServiceCall.RunAsync(processes.RetryProcessInstanceAsync(new RetryProcessInstanceRequest { Id = id }), errors, default);
}
