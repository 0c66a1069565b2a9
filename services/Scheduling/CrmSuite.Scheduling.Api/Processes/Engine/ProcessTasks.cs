using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Processes.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>
/// A process's task completed through the ordinary complete path (ItemsService.CompleteItem): its
/// token moves on in the same transaction, with the task's result note as a variable
/// (<c>&lt;elementId&gt;_result</c> and <c>result</c>), and its late alert and boundary timers are dropped.
/// </summary>
internal static class ProcessTasks
{
    public static async Task OnCompletedAsync(SchedulingDbContext db, ProcessDefinitions definitions, ScheduledItem item, string byName,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = await db.ProcessTokens.SingleOrDefaultAsync(t => t.TaskItemId == item.Id && t.State == TokenState.Waiting, cancellationToken);
        if (token is null)
        {
            return;
        }
        // The same lock the engine takes: a completion and a boundary timer never both move this token.
        var instance = await ProcessRunner.LockAsync(db, token.InstanceId, cancellationToken);
        await db.Entry(token).ReloadAsync(cancellationToken);
        if (instance is null || instance.State != InstanceState.Running || token.State != TokenState.Waiting)
        {
            return;
        }
        var definition = definitions.Cached(instance.VersionId)
            ?? definitions.For(await db.ProcessVersions.AsNoTracking().SingleAsync(v => v.Id == instance.VersionId, cancellationToken));
        var node = definition.Nodes[token.ElementId];
        var result = item.Result ?? string.Empty;
        instance.Variables = new Dictionary<string, string>(instance.Variables) { [$"{node.Id}_result"] = result, ["result"] = result };
        instance.UpdatedAt = now;
        token.State = TokenState.Done;
        token.UpdatedAt = now;
        await ProcessRunner.DropTimersAsync(db, token.Id, cancellationToken);
        ProcessRunner.AddLog(db, instance.Id, node.Id, node.Name, ProcessText.TaskCompleted(item.Title, byName), byName, false, now);
        foreach (var flowId in node.Outgoing)
        {
            var flow = definition.Flows[flowId];
            ProcessRunner.AddToken(db, instance, flow.Target, flow.Id, now);
        }
    }
}
