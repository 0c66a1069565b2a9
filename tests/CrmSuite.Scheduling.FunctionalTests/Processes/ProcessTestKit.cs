using System.Net;
using System.Text;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Processes.Engine;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests.Processes;

/// <summary>What the process tests do in a few words: draw and publish, start, run the engine, complete tasks, read the instance.</summary>
public sealed class ProcessTestKit(SchedulingApi api)
{
    /// <summary>A director who also draws processes (processes.design).</summary>
    public static TestUser Designer { get; } = People.Director with { Granted = [.. People.Director.Granted, Permissions.ProcessesDesign] };

    public Contracts.Processes.ProcessesClient As(TestUser user) => new(api.Grpc(user));

    public async Task<string> PublishAsync(Drawing drawing, string name = "Новый лид")
    {
        var processes = As(Designer);
        var process = await processes.CreateProcessAsync(new ProcessDraftInput { Name = name, Xml = drawing.Register() }, cancellationToken: Ct);
        Assert.Empty(process.DraftProblems);
        await processes.PublishProcessAsync(new PublishProcessRequest { Id = process.Id, Version = process.Version }, cancellationToken: Ct);
        return process.Id;
    }

    public async Task<ProcessInstance> StartAsync(TestUser user, string processId, string? companyId = null, params (string Name, string Value)[] variables)
    {
        var request = new StartProcessRequest { Id = processId, Record = new ProcessRecord { CompanyId = companyId ?? string.Empty } };
        foreach (var (name, value) in variables)
        {
            request.Variables[name] = value;
        }
        return await As(user).StartProcessAsync(request, cancellationToken: Ct);
    }

    /// <summary>Runs every due step, as the engine's worker would; returns how many ran.</summary>
    public Task<int> RunAsync() => api.Services.GetRequiredService<ProcessEngine>().RunDueAsync(Ct);

    public Task<ProcessInstanceDetail> DetailAsync(string instanceId, TestUser? user = null) =>
        As(user ?? Designer).GetProcessInstanceAsync(new GetProcessInstanceRequest { Id = instanceId }, cancellationToken: Ct).ResponseAsync;

    /// <summary>The task a user task made (the element's task id).</summary>
    public async Task<Item> TaskAsync(string instanceId, string elementId, TestUser user)
    {
        var detail = await DetailAsync(instanceId);
        var id = detail.Elements.Single(e => e.ElementId == elementId && e.TaskId.Length > 0).TaskId;
        return await api.As(user).Items.GetItemAsync(new GetItemRequest { Id = id }, cancellationToken: Ct);
    }

    public async Task<Item> CompleteAsync(string instanceId, string elementId, TestUser user, string result = "")
    {
        var task = await TaskAsync(instanceId, elementId, user);
        return await api.As(user).Items.CompleteItemAsync(new CompleteItemRequest { Id = task.Id, Version = task.Version, Result = result }, cancellationToken: Ct);
    }

    public Task<long> StepsAsync(string instanceId, string? elementId = null) => elementId is null
        ? api.ScalarAsync("SELECT count(*) FROM process_steps WHERE instance_id = @p0::uuid", instanceId)
        : api.ScalarAsync("SELECT count(*) FROM process_steps WHERE instance_id = @p0::uuid AND element_id = @p1", instanceId, elementId);

    public Task<long> TasksAsync(string instanceId) =>
        api.ScalarAsync("SELECT count(*) FROM items i JOIN process_tokens t ON t.task_item_id = i.id WHERE t.instance_id = @p0::uuid", instanceId);

    /// <summary>Posts what the sidecar posts for a clients event; returns the inbox's answer.</summary>
    public async Task<string> DeliverAsync(string route, object data, string eventId)
    {
        var envelope = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["specversion"] = "1.0", ["id"] = eventId, ["source"] = "clients", ["type"] = "com.dapr.event.sent",
            ["datacontenttype"] = "application/json", ["data"] = data,
        });
        using var content = new StringContent(envelope, Encoding.UTF8, "application/cloudevents+json");
        var response = await api.Anonymous().PostAsync(route, content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("status").GetString()!;
    }
}
