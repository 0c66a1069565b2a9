using System.Text.RegularExpressions;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Processes.Engine;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Grpc.Core;
using ProcessInstanceMessage = CrmSuite.Scheduling.Contracts.ProcessInstance;
using Storage = CrmSuite.Scheduling.Api.Processes.Storage;

namespace CrmSuite.Scheduling.Api.Processes.Api;

/// <summary>Instances: start by hand, list, read with states and log, cancel, retry.</summary>
public sealed partial class ProcessesService
{
    private const string InstanceEntity = "Process instance";
    private const string Order = "instances-started";

    [Authorize(Policy = Permissions.SchedulingWrite)]
    public override async Task<ProcessInstanceMessage> StartProcess(StartProcessRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var errors = new FieldErrors();
        var record = request.Record ?? new ProcessRecord();
        var companyId = InputRules.Id(errors, "record.company_id", record.CompanyId);
        var dealId = InputRules.Id(errors, "record.deal_id", record.DealId);
        var leadId = InputRules.Id(errors, "record.lead_id", record.LeadId);
        if (new[] { companyId, dealId, leadId }.Count(id => id is not null) > 1)
        {
            errors.Add("record", "Start a process for one record: a company, a deal or a lead.");
        }
        if (request.Variables.Count > 50)
        {
            errors.Add("variables", "At most 50 variables.");
        }
        foreach (var (variable, value) in request.Variables)
        {
            if (!VariableName().IsMatch(variable))
            {
                errors.Add($"variables.{variable}", "A variable's name is letters, digits and _ (starting with a letter), at most 50 characters.");
            }
            else if (value.Length > 1000)
            {
                errors.Add($"variables.{variable}", "At most 1000 characters.");
            }
        }
        errors.ThrowIfAny();
        var process = await FindAsync(request.Id, tracked: false, context);
        if (process.Archived || process.PublishedVersion == 0)
        {
            throw new ValidationFailedException("id", process.Archived ? "The process is archived." : "The process is not published yet.");
        }
        var version = await db.ProcessVersions.AsNoTracking().SingleAsync(v => v.ProcessId == process.Id && v.Number == process.PublishedVersion, context.CancellationToken);
        var start = definitions.For(version).StartEvents.FirstOrDefault(s => s.Trigger == TriggerKind.Manual)
            ?? throw new ValidationFailedException("id", "This process has no start by hand: it starts on its own (an event or a timer).");

        ClientLinks.Found? found = null;
        var link = companyId is { } c ? new ClientLinks.Link("record.company_id", ClientLinks.Kind.Company, c)
            : dealId is { } d ? new ClientLinks.Link("record.deal_id", ClientLinks.Kind.Deal, d)
            : leadId is { } l ? new ClientLinks.Link("record.lead_id", ClientLinks.Kind.Lead, l) : null;
        if (link is not null)
        {
            found = await clientLinks.FindAsync(link, http, context.CancellationToken) ?? throw new ValidationFailedException(link.Field, $"{link.Kind} not found.");
        }
        var now = clock.GetUtcNow();
        var user = http.User.UserId() ?? "anonymous";
        var name = http.User.FindFirst(CrmClaims.Name)?.Value ?? string.Empty;
        var instance = (await ProcessStarts.AddAsync(db, process, version, start,
            // A deal's instance shows on its company's card too.
            new InstanceStart("manual", null, companyId ?? (dealId is not null ? found?.CompanyId : null),
                dealId, leadId, found?.Name ?? string.Empty, found?.OwnerUserId is { Length: > 0 } owner ? owner : user,
                found?.TeamId ?? http.User.FindFirst(CrmClaims.Team)?.Value, request.Variables, user, name), now, context.CancellationToken))!;
        db.Audit(AuditEvent.From(http, now, "scheduling.process-instance.started", "process-instance", instance.Id.ToString(),
            after: new { instance.ProcessId, instance.VersionNumber, instance.CompanyId, instance.DealId, instance.LeadId, variables = instance.Variables }));
        await db.SaveChangesAsync(context.CancellationToken);
        return instance.ToMessage(process.Name, definitions.For(version), await TokensAsync(instance.Id, context), now, English(context));
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,49}$")]
    private static partial Regex VariableName();

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<ListProcessInstancesResponse> ListProcessInstances(ListProcessInstancesRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var processId = InputRules.Id(errors, "process_id", request.ProcessId);
        var companyId = InputRules.Id(errors, "company_id", request.CompanyId);
        var dealId = InputRules.Id(errors, "deal_id", request.DealId);
        var leadId = InputRules.Id(errors, "lead_id", request.LeadId);
        Storage.InstanceState? state = request.State switch
        {
            ProcessInstanceState.Unspecified => null,
            ProcessInstanceState.Running => Storage.InstanceState.Running,
            ProcessInstanceState.Completed => Storage.InstanceState.Completed,
            ProcessInstanceState.Cancelled => Storage.InstanceState.Cancelled,
            ProcessInstanceState.Failed => Storage.InstanceState.Failed,
            _ => Refuse(errors),
        };
        errors.ThrowIfAny();
        var pageSize = PageSize.Validate(request.PageSize);
        var after = PageToken.Decode(request.PageToken, Order);
        var instances = db.ProcessInstances.AsNoTracking().Where(ProcessVisibility.Of(context.GetHttpContext().User).Filter(db));
        if (processId is { } p) instances = instances.Where(i => i.ProcessId == p);
        if (companyId is { } c) instances = instances.Where(i => i.CompanyId == c);
        if (dealId is { } d) instances = instances.Where(i => i.DealId == d);
        if (leadId is { } l) instances = instances.Where(i => i.LeadId == l);
        if (state is { } s) instances = instances.Where(i => i.State == s);
        if (after is { Time: { } time })
        {
            instances = instances.Where(i => i.StartedAt < time || (i.StartedAt == time && i.Id.CompareTo(after.Id) < 0));
        }
        var page = await instances.OrderByDescending(i => i.StartedAt).ThenByDescending(i => i.Id).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var shown = page.Take(pageSize).ToList();
        var ids = shown.Select(i => i.Id).ToList();
        var tokens = (await db.ProcessTokens.AsNoTracking().Where(t => ids.Contains(t.InstanceId)).ToListAsync(context.CancellationToken)).ToLookup(t => t.InstanceId);
        var versionIds = shown.Select(i => i.VersionId).Distinct().ToList();
        var versions = await db.ProcessVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, context.CancellationToken);
        var processIds = shown.Select(i => i.ProcessId).Distinct().ToList();
        var names = await db.Processes.AsNoTracking().Where(x => processIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, context.CancellationToken);
        var now = clock.GetUtcNow();
        var english = English(context);
        var response = new ListProcessInstancesResponse();
        response.Instances.AddRange(shown.Select(i => i.ToMessage(names[i.ProcessId], definitions.For(versions[i.VersionId]), tokens[i.Id], now, english)));
        if (page.Count > pageSize)
        {
            var last = shown[^1];
            response.NextPageToken = new PageToken(Order, null, last.StartedAt, last.Id).Encode();
        }
        return response;
    }

    private static Storage.InstanceState? Refuse(FieldErrors errors)
    {
        errors.Add("state", "Choose running, completed, cancelled or failed.");
        return null;
    }

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<ProcessInstanceDetail> GetProcessInstance(GetProcessInstanceRequest request, ServerCallContext context)
    {
        var instance = await FindInstanceAsync(request.Id, tracked: false, context);
        var version = await db.ProcessVersions.AsNoTracking().SingleAsync(v => v.Id == instance.VersionId, context.CancellationToken);
        var definition = definitions.For(version);
        var process = await db.Processes.AsNoTracking().SingleAsync(p => p.Id == instance.ProcessId, context.CancellationToken);
        var tokens = await TokensAsync(instance.Id, context);
        var steps = await db.ProcessSteps.AsNoTracking().Where(s => s.InstanceId == instance.Id).ToListAsync(context.CancellationToken);
        var log = await db.ProcessLog.AsNoTracking().Where(e => e.InstanceId == instance.Id).OrderBy(e => e.Id).Take(1000).ToListAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        var english = English(context);
        var detail = new ProcessInstanceDetail
        {
            Instance = instance.ToMessage(process.Name, definition, tokens, now, english),
            Xml = version.Xml,
        };
        detail.Variables.Add(instance.Variables);
        foreach (var element in tokens.Select(t => t.ElementId).Union(steps.Select(s => s.ElementId)).Distinct())
        {
            var here = tokens.Where(t => t.ElementId == element).OrderByDescending(t => t.CreatedAt).ToList();
            var open = here.FirstOrDefault(t => t.State is Storage.TokenState.Ready or Storage.TokenState.Waiting);
            var state = here.Any(t => t.State == Storage.TokenState.Failed) ? ProcessElementState.Failed
                : open is not null ? (open.TaskItemId is not null && open.DueAt < now ? ProcessElementState.Late : ProcessElementState.Active)
                : ProcessElementState.Done;
            var withTask = open ?? here.FirstOrDefault(t => t.TaskItemId is not null);
            detail.Elements.Add(new ProcessElementStatus
            {
                ElementId = element, State = state, TaskId = withTask?.TaskItemId?.ToString() ?? string.Empty,
                DueAt = withTask?.DueAt is { } due ? Timestamp.FromDateTimeOffset(due) : null,
            });
        }
        detail.Log.AddRange(log.Select(e => new ProcessLogEntry
        {
            At = Timestamp.FromDateTimeOffset(e.At), ElementId = e.ElementId, Text = english ? e.TextEn : e.TextRu,
            // A step drawn without a name is shown by its kind, never by its diagram id.
            ElementName = definition.Nodes.TryGetValue(e.ElementId, out var node) && (e.ElementName.Length == 0 || e.ElementName == e.ElementId)
                ? ProcessText.NameOf(node).In(english) : e.ElementName,
            ActorName = e.ActorName, Error = e.Error,
        }));
        return detail;
    }

    [Authorize(Policy = Permissions.SchedulingWrite)]
    public override async Task<ProcessInstanceMessage> CancelProcessInstance(CancelProcessInstanceRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var errors = new FieldErrors();
        var reason = InputRules.Text(errors, "reason", request.Reason, 500, required: false, "reason") ?? string.Empty;
        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var instance = await FindInstanceAsync(request.Id, tracked: true, context);
        await ProcessRunner.LockAsync(db, instance.Id, context.CancellationToken);
        await db.Entry(instance).ReloadAsync(context.CancellationToken);
        if (instance.State is Storage.InstanceState.Completed or Storage.InstanceState.Cancelled)
        {
            throw new StateConflictException("state", "The instance has already ended.");
        }
        var now = clock.GetUtcNow();
        var by = http.User.FindFirst(CrmClaims.Name)?.Value ?? string.Empty;
        var tokens = await db.ProcessTokens.Where(t => t.InstanceId == instance.Id
            && (t.State == Storage.TokenState.Ready || t.State == Storage.TokenState.Waiting || t.State == Storage.TokenState.Failed)).ToListAsync(context.CancellationToken);
        var taskIds = tokens.Where(t => t.TaskItemId is not null).Select(t => t.TaskItemId!.Value).ToList();
        foreach (var item in await db.Items.Where(i => taskIds.Contains(i.Id) && (i.Status == ItemState.Open || i.Status == ItemState.InProgress)).ToListAsync(context.CancellationToken))
        {
            var before = item.Snapshot();
            item.Status = ItemState.Cancelled;
            item.UpdatedAt = now;
            await ReminderPlan.ReplanAsync(db, item, now, context.CancellationToken);
            db.Audit(AuditEvent.From(http, now, "scheduling.item.updated", "item", item.Id.ToString(), before, item.Snapshot(), new { processInstanceId = instance.Id }));
        }
        foreach (var token in tokens)
        {
            token.State = Storage.TokenState.Cancelled;
            token.UpdatedAt = now;
        }
        await db.ProcessTimers.Where(t => t.InstanceId == instance.Id && t.Status == Storage.TimerState.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, Storage.TimerState.Dropped), context.CancellationToken);
        var state = instance.State;
        instance.State = Storage.InstanceState.Cancelled;
        instance.EndedAt = now;
        instance.UpdatedAt = now;
        ProcessRunner.AddLog(db, instance.Id, string.Empty, string.Empty, ProcessText.Cancelled(by, reason), by, false, now);
        db.Audit(AuditEvent.From(http, now, "scheduling.process-instance.cancelled", "process-instance", instance.Id.ToString(),
            new { state = state.ToString() }, new { state = instance.State.ToString() }, new { reason, tasksCancelled = taskIds.Count }));
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return await InstanceMessageAsync(instance, context);
    }

    [Authorize(Policy = Permissions.SchedulingWrite)]
    public override async Task<ProcessInstanceMessage> RetryProcessInstance(RetryProcessInstanceRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var instance = await FindInstanceAsync(request.Id, tracked: true, context);
        await ProcessRunner.LockAsync(db, instance.Id, context.CancellationToken);
        await db.Entry(instance).ReloadAsync(context.CancellationToken);
        if (instance.State != Storage.InstanceState.Failed)
        {
            throw new StateConflictException("state", "Only a failed instance is retried.");
        }
        var now = clock.GetUtcNow();
        var by = http.User.FindFirst(CrmClaims.Name)?.Value ?? string.Empty;
        // The failed steps run again (and a step whose run kept throwing): their rows become due now.
        var stuck = await db.ProcessTokens.Where(t => t.InstanceId == instance.Id && (t.State == Storage.TokenState.Failed || t.State == Storage.TokenState.Ready))
            .ToListAsync(context.CancellationToken);
        var stuckIds = stuck.Select(t => (Guid?)t.Id).ToList();
        foreach (var token in stuck)
        {
            token.State = Storage.TokenState.Ready;
            token.UpdatedAt = now;
        }
        await db.ProcessTimers.Where(t => stuckIds.Contains(t.TokenId) && t.Kind == Storage.TimerKind.Advance)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, Storage.TimerState.Pending).SetProperty(t => t.DueAt, now).SetProperty(t => t.Attempts, 0), context.CancellationToken);
        instance.State = Storage.InstanceState.Running;
        instance.UpdatedAt = now;
        ProcessRunner.AddLog(db, instance.Id, string.Empty, string.Empty, ProcessText.Retried(by), by, false, now);
        db.Audit(AuditEvent.From(http, now, "scheduling.process-instance.retried", "process-instance", instance.Id.ToString(),
            new { state = "Failed" }, new { state = "Running" }, new { steps = stuck.Select(t => t.ElementId) }));
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return await InstanceMessageAsync(instance, context);
    }

    private async Task<List<Storage.ProcessToken>> TokensAsync(Guid instanceId, ServerCallContext context) =>
        await db.ProcessTokens.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync(context.CancellationToken);

    private async Task<ProcessInstanceMessage> InstanceMessageAsync(Storage.ProcessInstance instance, ServerCallContext context)
    {
        var version = await db.ProcessVersions.AsNoTracking().SingleAsync(v => v.Id == instance.VersionId, context.CancellationToken);
        var name = await db.Processes.Where(p => p.Id == instance.ProcessId).Select(p => p.Name).SingleAsync(context.CancellationToken);
        return instance.ToMessage(name, definitions.For(version), await TokensAsync(instance.Id, context), clock.GetUtcNow(), English(context));
    }

    /// <summary>The instance if the caller sees it; otherwise 404, whether or not it exists.</summary>
    private async Task<Storage.ProcessInstance> FindInstanceAsync(string requestedId, bool tracked, ServerCallContext context)
    {
        var id = InputRules.Id("id", requestedId);
        var visible = db.ProcessInstances.Where(ProcessVisibility.Of(context.GetHttpContext().User).Filter(db));
        return await (tracked ? visible : visible.AsNoTracking()).FirstOrDefaultAsync(i => i.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException(InstanceEntity, requestedId);
    }
}
