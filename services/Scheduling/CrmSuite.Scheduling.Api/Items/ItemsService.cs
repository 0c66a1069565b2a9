using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Activities;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Recurrence;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Api.Overdue;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Scheduling.Contracts.Events;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using ItemKind = CrmSuite.Scheduling.Api.Items.ItemKind;

namespace CrmSuite.Scheduling.Api.Items;

/// <summary>Tasks, meetings and calls: create, read, change, complete (this file) and list (ItemsService.List.cs).</summary>
public sealed partial class ItemsService(SchedulingDbContext db, ClientLinks clientLinks, TimeProvider clock, Processes.Engine.ProcessDefinitions processes) : Contracts.Items.ItemsBase
{
    private const string Entity = "Item";

    [Authorize(Policy = Permissions.SchedulingWrite)]
    public override async Task<Item> CreateItem(CreateItemRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        (request, var activityType) = await ActivityDefaults.ApplyAsync(db, request, context.CancellationToken);
        var errors = new FieldErrors();
        var kind = ItemMapping.FromMessage(request.Kind);
        if (kind is null)
        {
            errors.Add("kind", "Choose a task, a meeting or a call.");
        }
        var draft = ItemDraft.Read(request, kind ?? ItemKind.Task, errors);
        errors.ThrowIfAny();
        await clientLinks.EnsureVisibleAsync(draft!.LinksChangedFrom(null), http, context.CancellationToken);

        var now = clock.GetUtcNow();
        var item = await NewItem.AddAsync(db, http, kind!.Value, draft, activityType?.Id, now, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        return item.ToMessage().WithOverdue(item, now);
    }

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<Item> GetItem(GetItemRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var item = await FindVisibleAsync(context, id, request.Id, tracked: false);
        return item.ToMessage().WithOverdue(item, clock.GetUtcNow());
    }

    [Authorize(Policy = Permissions.SchedulingWrite)]
    public override async Task<Item> UpdateItem(UpdateItemRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var id = InputRules.Id("id", request.Id);
        var version = InputRules.Version(request.Version);
        var item = await FindVisibleAsync(context, id, request.Id, tracked: true);
        var may = MayChange(context, item);
        var errors = new FieldErrors();
        var status = request.Status switch
        {
            Contracts.ItemStatus.Unspecified => item.Status,
            Contracts.ItemStatus.Open => ItemState.Open,
            Contracts.ItemStatus.InProgress => ItemState.InProgress,
            Contracts.ItemStatus.Cancelled => ItemState.Cancelled,
            Contracts.ItemStatus.Done => Refuse(errors, "status", "Complete the item with its result (CompleteItem) to mark it done."),
            _ => Refuse(errors, "status", "Choose open, in progress or cancelled."),
        };
        var draft = ItemDraft.Read(request, item.Kind, errors);
        var occurrence = OccurrenceOf(request, item, errors);
        errors.ThrowIfAny();
        if (item.Status == ItemState.Done)
        {
            throw new StateConflictException("status", "The item is done; a completed item is no longer changed.");
        }
        if (may == ItemVisibility.Change.Progress
            && (draft!.ChangesMoreThanChecklistOf(item) || (status != item.Status && (status == ItemState.Cancelled || item.Status == ItemState.Cancelled))))
        {
            throw Denied("As its assignee you may set the status to open or in progress, tick the checklist and complete the item; its owner, their team head or a director changes the rest.");
        }
        Concurrency.CheckVersion(Entity, request.Id, item.Version, version);
        await clientLinks.EnsureVisibleAsync(draft!.LinksChangedFrom(item), http, context.CancellationToken);
        if (ChangesOccurrences(request, item, occurrence))
        {
            return await ChangeOccurrencesAsync(request, item, draft, status, occurrence!.Value, context);
        }

        var now = clock.GetUtcNow();
        var before = item.Snapshot();
        SeriesDraft(draft, item, occurrence).ApplyTo(item);
        SeriesView.Settle(item);
        item.Status = status;
        item.UpdatedAt = now;
        await ReminderPlan.ReplanAsync(db, item, now, context.CancellationToken);
        db.Audit(AuditEvent.From(http, now, "scheduling.item.updated", "item", item.Id.ToString(), before: before, after: item.Snapshot()));
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken);
        return item.ToMessage();
    }

    [Authorize(Policy = Permissions.SchedulingWrite)]
    public override async Task<Item> CompleteItem(CompleteItemRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var id = InputRules.Id("id", request.Id);
        var version = InputRules.Version(request.Version);
        var errors = new FieldErrors();
        var result = InputRules.Text(errors, "result", request.Result, 10_000, required: false, "result", multiline: true);
        errors.ThrowIfAny();
        var item = await FindVisibleAsync(context, id, request.Id, tracked: true);
        MayChange(context, item);
        if (item.Status is ItemState.Done or ItemState.Cancelled)
        {
            throw new StateConflictException("status", item.Status == ItemState.Done ? "The item is already done." : "The item is cancelled; reopen it first.");
        }
        if (item.ResultRequired && result is null)
        {
            throw new ValidationFailedException("result", "Required: write down what came of it.");
        }
        Concurrency.CheckVersion(Entity, request.Id, item.Version, version);

        // One transaction: a business process's task moves its process on with the completion.
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        var by = http.User.UserId() ?? "anonymous";
        var before = item.Snapshot();
        item.Status = ItemState.Done;
        item.Result = result;
        item.CompletedAt = now;
        item.CompletedBy = by;
        item.UpdatedAt = now;
        await ReminderPlan.ReplanAsync(db, item, now, context.CancellationToken);
        await RecurringTasks.PlanNextAsync(db, item, now, context.CancellationToken);
        var endsAt = item.EndsAt ?? item.StartsAt;
        _ = item.Kind switch
        {
            ItemKind.Task => db.Enqueue(TaskCompleted.Topic, new TaskCompleted(item.Id, item.OwnerUserId, item.AssigneeUserId, by,
                item.CompanyId, item.ContactId, item.DealId, item.LeadId, item.StartsAt, result, now), now),
            ItemKind.Meeting => db.Enqueue(MeetingHeld.Topic, new MeetingHeld(item.Id, item.OwnerUserId, by, item.ParticipantUserIds, item.ParticipantContactIds,
                item.CompanyId, item.ContactId, item.DealId, item.LeadId, item.StartsAt, endsAt, result, now), now),
            _ => db.Enqueue(CallLogged.Topic, new CallLogged(item.Id, item.OwnerUserId, by,
                item.CompanyId, item.ContactId, item.DealId, item.LeadId, item.StartsAt, endsAt, result, now), now),
        };
        await NextActivity.PlanAsync(db, item, request, http, now, context.CancellationToken);
        await Processes.Engine.ProcessTasks.OnCompletedAsync(db, processes, item, http.User.FindFirst(CrmClaims.Name)?.Value ?? by, now, context.CancellationToken);
        db.Audit(AuditEvent.From(http, now, "scheduling.item.completed", "item", item.Id.ToString(), before: before, after: item.Snapshot()));
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken, uniqueRaceIsConflict: true);
        await transaction.CommitAsync(context.CancellationToken);
        return item.ToMessage();
    }

    private IQueryable<ScheduledItem> Visible(ServerCallContext context) =>
        db.Items.Where(ItemVisibility.Of(context.GetHttpContext().User).Filter());

    /// <summary>The item if the caller sees it; otherwise 404, whether or not it exists.</summary>
    private async Task<ScheduledItem> FindVisibleAsync(ServerCallContext context, Guid id, string requestedId, bool tracked)
    {
        var items = tracked ? Visible(context) : Visible(context).AsNoTracking();
        return await items.FirstOrDefaultAsync(i => i.Id == id, context.CancellationToken) ?? throw new RecordNotFoundException(Entity, requestedId);
    }

    /// <summary>What the caller may change of an item they see; 403 when nothing (a watcher or participant).</summary>
    private static ItemVisibility.Change MayChange(ServerCallContext context, ScheduledItem item)
    {
        var may = ItemVisibility.Of(context.GetHttpContext().User).MayChange(item);
        return may == ItemVisibility.Change.Nothing
            ? throw Denied("You watch or take part in this item: only its owner, its assignee, the head of the owner's team or a director may change or complete it.")
            : may;
    }

    private static RpcException Denied(string why) => new(new Status(StatusCode.PermissionDenied, why));

    private static ItemState Refuse(FieldErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return ItemState.Open;
    }
}
