using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Recurrence;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Scheduling.Contracts.Events;
using Grpc.Core;
using OccurrenceOverride = CrmSuite.Scheduling.Api.Recurrence.OccurrenceOverride;
using StatusCode = Grpc.Core.StatusCode;

namespace CrmSuite.Scheduling.Api.Items;

/// <summary>
/// Changing a series from one of its occurrences (UpdateItem with a scope): only that occurrence,
/// that one and the following, or the whole series. The rules are in docs/scheduling-recurrence.md.
/// </summary>
public sealed partial class ItemsService
{
    /// <summary>
    /// The original start of the occurrence the change was made on, checked against the series;
    /// null for a change of the item itself (no scope, or the whole series without an occurrence).
    /// </summary>
    private static DateTime? OccurrenceOf(UpdateItemRequest request, ScheduledItem item, FieldErrors errors)
    {
        if (!Enum.IsDefined(request.Scope))
        {
            errors.Add("scope", "Choose this occurrence, this and following, or the whole series.");
            return null;
        }
        var text = request.OccurrenceStart.Trim();
        if (request.Scope == SeriesScope.Unspecified)
        {
            if (text.Length > 0)
            {
                errors.Add("scope", "Say what the change of this occurrence applies to: this occurrence, this and following, or the whole series.");
            }
            return null;
        }
        if (!item.Expands())
        {
            errors.Add("scope", item.Recurrence is null ? "The item does not repeat: change it without a scope." : "A recurring task is changed one instance at a time: change it without a scope.");
            return null;
        }
        if (text.Length == 0)
        {
            if (request.Scope != SeriesScope.WholeSeries)
            {
                errors.Add("occurrence_start", "Required: the start (by the series' rule) of the occurrence the change is made on.");
            }
            return null;
        }
        var start = InputRules.Local(errors, "occurrence_start", text, item.AllDay, required: true, "occurrence start");
        if (start is { } s && !SeriesView.Has(item, s))
        {
            errors.Add("occurrence_start", $"The series has no occurrence starting {text} (left out, or not by its rule).");
            return null;
        }
        return start;
    }

    /// <summary>Whether the change is one the series' own fields cannot take: one occurrence, or a split from a later occurrence on.</summary>
    private static bool ChangesOccurrences(UpdateItemRequest request, ScheduledItem item, DateTime? occurrence) =>
        occurrence is { } at && (request.Scope == SeriesScope.ThisOccurrence || (request.Scope == SeriesScope.ThisAndFollowing && at != item.StartLocal));

    /// <summary>
    /// The whole series changed from one of its occurrences: the draft's start and end are that
    /// occurrence's new times, so the series moves by as much as the occurrence did.
    /// </summary>
    private static ItemDraft SeriesDraft(ItemDraft draft, ScheduledItem item, DateTime? occurrence)
    {
        if (occurrence is not { } original)
        {
            return draft;
        }
        var current = item.OccurrenceOverrides.FirstOrDefault(o => o.OriginalStart == original)?.StartLocal ?? original;
        var start = item.StartLocal + (draft.StartLocal - current);
        DateTime? end = draft.EndLocal is { } e ? start + (e - draft.StartLocal) : null;
        return draft with
        {
            StartLocal = start,
            EndLocal = end,
            StartsAt = Series.ToUtc(start, draft.TimeZone),
            EndsAt = end is { } endLocal ? Series.ToUtc(endLocal, draft.TimeZone) : null,
        };
    }

    private async Task<Item> ChangeOccurrencesAsync(UpdateItemRequest request, ScheduledItem item, ItemDraft draft, ItemState status, DateTime original, ServerCallContext context)
    {
        if (draft.TimeZone != item.TimeZone || draft.AllDay != item.AllDay)
        {
            throw new ValidationFailedException(draft.TimeZone != item.TimeZone ? "time_zone" : "all_day",
                "An occurrence keeps its series' time zone and all-day setting; change those for the whole series.");
        }
        return request.Scope == SeriesScope.ThisOccurrence
            ? await ChangeOneOccurrenceAsync(request, item, draft, status, original, context)
            : await SplitSeriesAsync(request, item, draft, status, original, context);
    }

    /// <summary>This occurrence only: stored as an override keyed by its original start, or as an EXDATE when cancelled.</summary>
    private async Task<Item> ChangeOneOccurrenceAsync(UpdateItemRequest request, ScheduledItem item, ItemDraft draft, ItemState status, DateTime original, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var before = item.OccurrenceOverrides.FirstOrDefault(o => o.OriginalStart == original);
        var others = item.OccurrenceOverrides.Where(o => o.OriginalStart != original).ToList();
        object after;
        if (status == ItemState.Cancelled)
        {
            item.RecurrenceExceptions = [.. item.RecurrenceExceptions.Append(original).Distinct().Order()];
            after = new { originalStart = original, cancelled = true };
        }
        else
        {
            var length = (item.EndLocal ?? item.StartLocal) - item.StartLocal;
            var change = new OccurrenceOverride(original, draft.StartLocal, draft.EndLocal ?? draft.StartLocal,
                draft.Title == item.Title ? null : draft.Title, draft.Place == item.Place ? null : draft.Place);
            // Changed back to what the rule says: no override left.
            if (change != new OccurrenceOverride(original, original, original + length, null, null))
            {
                others.Add(change);
            }
            after = change;
        }
        item.OccurrenceOverrides = others;
        item.UpdatedAt = now;
        SeriesView.Settle(item);
        await ReminderPlan.ReplanAsync(db, item, now, context.CancellationToken);
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "scheduling.item.occurrence-changed", "item", item.Id.ToString(), before: before, after: after));
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken);
        return item.ToMessage();
    }

    /// <summary>
    /// This and following: the old series ends before the occurrence (UNTIL), a new series starts
    /// from it with the draft's fields (links, people, reminders as sent), the later exceptions and
    /// changed occurrences move along; one transaction with its event and audit. Cancelled: the
    /// old series just ends there.
    /// </summary>
    private async Task<Item> SplitSeriesAsync(UpdateItemRequest request, ScheduledItem item, ItemDraft draft, ItemState status, DateTime original, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var now = clock.GetUtcNow();
        var before = item.Snapshot();
        var splitAt = Series.ToUtc(original, item.TimeZone);
        var (endedRule, followingRule) = SeriesView.Split(item, original, draft.Recurrence);
        var laterExceptions = item.RecurrenceExceptions.Concat(draft.RecurrenceExceptions).Where(e => e > original).Distinct().Order().ToArray();
        var laterChanges = item.OccurrenceOverrides.Where(o => o.OriginalStart > original).ToList();

        item.Recurrence = endedRule;
        item.RecurrenceExceptions = [.. item.RecurrenceExceptions.Where(e => e < original)];
        item.OccurrenceOverrides = [.. item.OccurrenceOverrides.Where(o => o.OriginalStart < original)];
        item.UpdatedAt = now;
        SeriesView.Settle(item);
        await ReminderPlan.ReplanAsync(db, item, now, context.CancellationToken);
        db.Audit(AuditEvent.From(http, now, "scheduling.item.series-ended", "item", item.Id.ToString(), before: before, after: item.Snapshot(),
            details: new { from = original, following = status == ItemState.Cancelled ? "cancelled" : "changed" }));

        ScheduledItem? next = null;
        if (status != ItemState.Cancelled)
        {
            var caller = http.User.UserId() ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "The token names no person."));
            next = new ScheduledItem
            {
                Id = Guid.CreateVersion7(now),
                Kind = item.Kind,
                Status = status,
                OwnerUserId = item.OwnerUserId,
                OwnerName = item.OwnerName,
                TeamId = item.TeamId,
                CreatedAt = now,
                UpdatedAt = now,
                CreatedBy = caller,
            };
            draft.ApplyTo(next);
            next.ActivityTypeId = item.ActivityTypeId;
            if (followingRule is not null)
            {
                next.Recurrence = followingRule;
                next.RecurrenceExceptions = laterExceptions;
                next.OccurrenceOverrides = laterChanges;
            }
            else
            {
                next.RecurrenceExceptions = [];
            }
            SeriesView.Settle(next);
            db.Items.Add(next);
            await ReminderPlan.ReplanAsync(db, next, now, context.CancellationToken);
            db.Audit(AuditEvent.From(http, now, "scheduling.item.created", "item", next.Id.ToString(), after: next.Snapshot(), details: new { continues = item.Id }));
        }
        db.Enqueue(SeriesSplit.Topic, new SeriesSplit(item.Id, next?.Id, splitAt, http.User.UserId() ?? "anonymous", now), now);
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken);
        return (next ?? item).ToMessage();
    }
}
