using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using CrmSuite.Clients.Api.Validation;

namespace CrmSuite.Clients.Api.Deals;

/// <summary>
/// Deals of the companies the caller sees. Every stage change writes a stage-history row and its
/// integration events (clients.deal-stage-changed; -won or -lost for such a stage), a new deal
/// clients.deal-created, in the same SaveChanges as the change (outbox).
/// </summary>
public sealed class DealsService(ClientsDbContext db, DealQueries queries, OutboxGroupWriter<ClientsDbContext> readAudit, TimeProvider clock) : Contracts.Deals.DealsBase
{
    private readonly DealWrites writes = new(db, clock);

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Deal> CreateDeal(CreateDealRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var fields = DealRules.Deal(errors, request.Title, request.ContactId, request.Amount, request.Currency,
            request.HasProbability ? request.Probability : null, request.ExpectedCloseDate, request.OwnerUserId);
        var companyId = DealRules.OptionalId(errors, "company_id", request.CompanyId);
        if (companyId is null && string.IsNullOrWhiteSpace(request.CompanyId))
        {
            errors.Add("company_id", "Required: the company the deal is with.");
        }
        var pipelineId = DealRules.OptionalId(errors, "pipeline_id", request.PipelineId);
        var stageId = DealRules.OptionalId(errors, "stage_id", request.StageId);
        errors.ThrowIfAny();

        var visibility = DealWrites.Caller(context);
        var user = context.GetHttpContext().User;
        var company = await db.Companies.Where(visibility.Filter()).FirstOrDefaultAsync(c => c.Id == companyId, context.CancellationToken)
            ?? throw new RecordNotFoundException("Company", request.CompanyId);
        if (company.ArchivedAt is not null)
        {
            throw new StateConflictException("company_id", "Deals cannot be added to an archived company; restore it first.");
        }
        await CheckContactAsync(fields.ContactId, company.Id, context.CancellationToken);
        var owner = CheckOwner(fields.OwnerUserId, user.UserId() ?? string.Empty, current: null, visibility);

        var pipeline = await DealBook.ActivePipelineAsync(db, pipelineId, context.CancellationToken);
        var stages = pipeline.CurrentStages.ToList();
        var stage = stageId is { } sid
            ? stages.FirstOrDefault(s => s.Id == sid) ?? throw new ValidationFailedException("stage_id", "Must be a stage of the deal's pipeline.")
            : stages.First(s => s.Kind == StageKind.Open);
        if (stage.Kind != StageKind.Open)
        {
            throw new StateConflictException("stage_id", "A new deal starts in an open stage; move it to won or lost afterwards.");
        }

        var now = clock.GetUtcNow();
        var deal = new Deal
        {
            Id = Guid.CreateVersion7(now),
            CompanyId = company.Id,
            PipelineId = pipeline.Id,
            StageId = stage.Id,
            OwnerUserId = owner,
            CreatedAt = now,
        };
        Apply(deal, fields, now);
        deal.Probability = fields.Probability ?? stage.Probability;
        db.Deals.Add(deal);
        RecordStage(deal, from: null, stage, user, now);
        DealBook.QueueCreated(db, deal, company.TeamId, leadId: null, now);
        writes.Audit(context, "clients.deal.created", "deal", deal.Id, before: null, after: Snapshot(deal));
        await db.SaveChangesAsync(context.CancellationToken);
        return await queries.GetAsync(deal.Id, visibility, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<Contracts.Deal> GetDeal(GetDealRequest request, ServerCallContext context)
    {
        var id = DealRules.Id("id", request.Id);
        var deal = await queries.GetAsync(id, DealWrites.Caller(context), context.CancellationToken);
        await AuditReadAsync(context, "clients.deal.viewed", id.ToString(), details: null);
        return deal;
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Deal> UpdateDeal(UpdateDealRequest request, ServerCallContext context)
    {
        var id = DealRules.Id("id", request.Id);
        var errors = new FieldErrors();
        var fields = DealRules.Deal(errors, request.Title, request.ContactId, request.Amount, request.Currency,
            request.HasProbability ? request.Probability : null, request.ExpectedCloseDate, request.OwnerUserId);
        errors.ThrowIfAny();
        var visibility = DealWrites.Caller(context);
        var deal = await FindChangeableAsync(id, request.Version, visibility, "edited", context.CancellationToken);
        if (deal.LineCount > 0 && fields.Amount != deal.Amount)
        {
            throw new ValidationFailedException("amount", $"The deal has product lines: its amount is their total, {DealFormat.Money(deal.Amount)}. Change the lines instead.");
        }
        await CheckContactAsync(fields.ContactId, deal.CompanyId, context.CancellationToken);
        var owner = CheckOwner(fields.OwnerUserId, deal.OwnerUserId, current: deal.OwnerUserId, visibility);

        var before = Snapshot(deal);
        Apply(deal, fields, clock.GetUtcNow());
        deal.OwnerUserId = owner;
        if (fields.Probability is { } probability)
        {
            deal.Probability = probability;
        }
        writes.Audit(context, "clients.deal.updated", "deal", id, before, Snapshot(deal));
        await writes.SaveAsync("Deal", id, context.CancellationToken);
        return await queries.GetAsync(id, visibility, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Deal> MoveDeal(MoveDealRequest request, ServerCallContext context)
    {
        var id = DealRules.Id("id", request.Id);
        var errors = new FieldErrors();
        var stageId = DealRules.OptionalId(errors, "stage_id", request.StageId);
        if (stageId is null && string.IsNullOrWhiteSpace(request.StageId))
        {
            errors.Add("stage_id", "Required: the stage to move the deal to.");
        }
        var lostReason = DealRules.Text(errors, "lost_reason", request.LostReason, Deal.MaxLostReasonLength, required: false);
        errors.ThrowIfAny();
        var visibility = DealWrites.Caller(context);
        var deal = await FindChangeableAsync(id, request.Version, visibility, "moved", context.CancellationToken);
        if (deal.StageId == stageId)
        {
            return await queries.GetAsync(id, visibility, context.CancellationToken);
        }
        var target = await db.PipelineStages.FirstOrDefaultAsync(s => s.Id == stageId && s.RemovedAt == null, context.CancellationToken)
            ?? throw new ValidationFailedException("stage_id", "No such stage; reload the board.");
        if (!await db.Pipelines.AnyAsync(p => p.Id == target.PipelineId && p.ArchivedAt == null, context.CancellationToken))
        {
            throw new StateConflictException("stage_id", "The stage belongs to an archived pipeline.");
        }
        if (target.Kind == StageKind.Lost && lostReason is null)
        {
            throw new ValidationFailedException("lost_reason", "Say why the deal was lost.");
        }

        var now = clock.GetUtcNow();
        var user = context.GetHttpContext().User;
        var before = Snapshot(deal);
        var from = deal.StageId;
        deal.PipelineId = target.PipelineId;
        deal.StageId = target.Id;
        deal.Probability = target.Probability;
        deal.LostReason = target.Kind == StageKind.Lost ? lostReason : null;
        deal.UpdatedAt = now;
        RecordStage(deal, from, target, user, now);
        DealBook.QueueMoved(db, deal, from, target, await DealBook.TeamAsync(db, deal.CompanyId, context.CancellationToken), now);
        writes.Audit(context, "clients.deal.moved", "deal", id, before, Snapshot(deal),
            details: new { fromStageId = from, toStageId = target.Id, toStage = target.Name, kind = target.Kind.ToString() });
        await writes.SaveAsync("Deal", id, context.CancellationToken);
        return await queries.GetAsync(id, visibility, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Deal> ArchiveDeal(ArchiveDealRequest request, ServerCallContext context)
    {
        var id = DealRules.Id("id", request.Id);
        var visibility = DealWrites.Caller(context);
        var deal = await FindAsync(id, visibility, context.CancellationToken);
        if (deal.ArchivedAt is null)
        {
            var before = Snapshot(deal);
            deal.ArchivedAt = deal.UpdatedAt = clock.GetUtcNow();
            writes.Audit(context, "clients.deal.archived", "deal", id, before, Snapshot(deal));
            await writes.SaveAsync("Deal", id, context.CancellationToken);
        }
        return await queries.GetAsync(id, visibility, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<ListDealsResponse> ListDeals(ListDealsRequest request, ServerCallContext context)
    {
        var page = await queries.ListAsync(request, DealWrites.Caller(context), context.CancellationToken);
        await AuditReadAsync(context, "clients.deal.listed", string.Empty, new
        {
            rowCount = page.Deals.Count,
            pipeline = request.PipelineId,
            stage = request.StageId,
            company = request.CompanyId,
            owner = request.OwnerUserId,
            query = request.Query,
            includeArchived = request.IncludeArchived,
            firstPage = request.PageToken.Length == 0,
        });
        return page;
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<DealHistory> GetDealHistory(GetDealHistoryRequest request, ServerCallContext context)
    {
        var id = DealRules.Id("id", request.Id);
        var history = await queries.HistoryAsync(id, DealWrites.Caller(context), context.CancellationToken);
        await AuditReadAsync(context, "clients.deal.history_viewed", id.ToString(), details: null);
        return history;
    }

    /// <summary>Deals carry amounts and clients: a view or a list is a sensitive read (issue #4).</summary>
    private Task AuditReadAsync(ServerCallContext context, string action, string entityId, object? details) =>
        readAudit.AuditReadAsync(context.GetHttpContext(), clock, action, "deal", entityId, details, context.CancellationToken);

    private void RecordStage(Deal deal, Guid? from, PipelineStage to, System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now) =>
        DealBook.RecordStage(db, deal, from, to, user, now);

    private async Task CheckContactAsync(Guid? contactId, Guid companyId, CancellationToken cancellationToken)
    {
        if (contactId is { } id && !await db.Contacts.AnyAsync(c => c.Id == id && c.CompanyId == companyId && c.ArchivedAt == null, cancellationToken))
        {
            throw new ValidationFailedException("contact_id", "Must be an active contact of the deal's company.");
        }
    }

    /// <summary>A manager owns what they create; handing a deal to someone else needs a team or full view (as for companies).</summary>
    private static string CheckOwner(string? requested, string fallback, string? current, Visibility visibility)
    {
        if (requested is null || requested == (current ?? fallback))
        {
            return current ?? fallback;
        }
        if (!visibility.CanAssign)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.PermissionDenied, "Only a team head or a director may make someone else responsible for a deal."));
        }
        return requested;
    }

    private async Task<Deal> FindAsync(Guid id, Visibility visibility, CancellationToken cancellationToken) =>
        await queries.Visible(visibility).FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
        ?? throw new RecordNotFoundException("Deal", id.ToString());

    /// <summary>The visible, active deal at the version the caller read (when they sent one).</summary>
    private async Task<Deal> FindChangeableAsync(Guid id, string version, Visibility visibility, string change, CancellationToken cancellationToken)
    {
        var expectedVersion = InputRules.Version(version);
        var deal = await FindAsync(id, visibility, cancellationToken);
        if (deal.ArchivedAt is not null)
        {
            throw new StateConflictException("id", $"An archived deal cannot be {change}.");
        }
        DealWrites.CheckVersion("Deal", id, deal.Version, expectedVersion);
        return deal;
    }

    private static void Apply(Deal deal, DealRules.DealFields fields, DateTimeOffset now)
    {
        deal.Title = fields.Title;
        deal.ContactId = fields.ContactId;
        deal.Amount = fields.Amount;
        deal.Currency = fields.Currency;
        deal.ExpectedCloseDate = fields.ExpectedCloseDate;
        deal.UpdatedAt = now;
    }

    private static object Snapshot(Deal deal) => new
    {
        deal.Title,
        deal.CompanyId,
        deal.ContactId,
        deal.PipelineId,
        deal.StageId,
        deal.Amount,
        deal.Currency,
        deal.Probability,
        deal.ExpectedCloseDate,
        deal.OwnerUserId,
        deal.LostReason,
        Archived = deal.ArchivedAt is not null,
    };
}
