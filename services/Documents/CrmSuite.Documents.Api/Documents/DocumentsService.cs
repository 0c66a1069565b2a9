using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Documents.Api.Attachments;
using CrmSuite.Documents.Api.Infrastructure;
using CrmSuite.Documents.Api.Mail;
using CrmSuite.Documents.Api.Rendering;
using CrmSuite.Documents.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Contracts = CrmSuite.Documents.Contracts;

namespace CrmSuite.Documents.Api.Documents;

/// <summary>
/// Documents of client companies: drafts made and edited here (the lifecycle is in
/// DocumentsService.Lifecycle.cs). A document is the caller's to see exactly when its company is.
/// </summary>
public sealed partial class DocumentsService(
    DocumentsDbContext db,
    DocumentDrafts drafts,
    DocumentSources sources,
    RecordAccess access,
    AttachmentStore files,
    IDocumentRenderer renderer,
    DocumentMailer mailer,
    TimeProvider clock) : Contracts.Documents.DocumentsBase
{
    private const string Entity = "Document";

    [Authorize(Policy = Permissions.DocumentsWrite)]
    public override async Task<Contracts.Document> CreateDocument(CreateDocumentRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var input = drafts.Parse(errors, request.Type, request.OrganisationId, request.CompanyId, request.ContactId, request.DealId, request.Date,
            request.DueDate, request.TemplateId, request.Currency, request.Lines, request.Notes, request.PricesIncludeVat);
        errors.ThrowIfAny();
        return await CreateAsync(input, deal: null, context);
    }

    [Authorize(Policy = Permissions.DocumentsWrite)]
    public override async Task<Contracts.Document> CreateDocumentFromDeal(CreateDocumentFromDealRequest request, ServerCallContext context)
    {
        var dealId = RequestIds.Id("deal_id", request.DealId);
        var errors = new FieldErrors();
        // The company and currency come from the deal: checked after it is read.
        var input = drafts.Parse(errors, request.Type.Length == 0 ? DocumentTypes.Invoice : request.Type, request.OrganisationId, string.Empty,
            string.Empty, request.DealId, request.Date, request.DueDate, request.TemplateId, string.Empty, request.Lines, request.Notes,
            request.PricesIncludeVat, request.ClientGroup, companyRequired: false);
        errors.ThrowIfAny();
        var deal = await sources.DealAsync(dealId, context.GetHttpContext(), context.CancellationToken);
        var lines = input.Lines;
        var pricesIncludeVat = input.PricesIncludeVat;
        if (lines.Count == 0 && deal.LineCount > 0)
        {
            // The deal's product lines, at their prices after discount; their prices mean what the deal says (with or without VAT).
            var dealLines = await sources.DealLinesAsync(dealId, context.GetHttpContext(), context.CancellationToken);
            lines = [.. dealLines.Lines.Select(FromDeal)];
            pricesIncludeVat = dealLines.PricesIncludeVat;
        }
        if (lines.Count == 0)
        {
            // A deal without product lines: one line for the deal, at its amount.
            if (!decimal.TryParse(deal.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            {
                throw new ValidationFailedException("lines", "The deal has no amount: give the lines.");
            }
            lines = [new LineData(null, null, deal.Title, "усл", 1m, amount, VatRates.Code(VatKind.Standard))];
        }
        var currency = deal.Currency.Length == 3 ? deal.Currency : "RUB";
        return await CreateAsync(input with { CompanyId = Guid.Parse(deal.CompanyId), Lines = lines, Currency = currency, PricesIncludeVat = pricesIncludeVat },
            deal, context);
    }

    /// <summary>A deal's line as a document line: the snapshots the deal keeps, and the price after its discount.</summary>
    private static LineData FromDeal(Clients.Contracts.DealLine line) => new(
        Guid.TryParse(line.ProductId, out var productId) ? productId : null,
        line.Sku.Length > 0 ? line.Sku : null,
        line.Name,
        line.Unit,
        decimal.Parse(line.Quantity, NumberStyles.Number, CultureInfo.InvariantCulture),
        decimal.Parse(line.PriceAfterDiscount, NumberStyles.Number, CultureInfo.InvariantCulture),
        line.VatKind);

    private async Task<Contracts.Document> CreateAsync(DraftInput input, Clients.Contracts.Deal? deal, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var now = clock.GetUtcNow();
        var document = new Document
        {
            Id = Guid.CreateVersion7(now), State = DocumentState.Draft, OwnerUserId = http.User.UserId() ?? string.Empty, CreatedAt = now, UpdatedAt = now,
        };
        await drafts.ApplyAsync(input, document, http, deal, context.CancellationToken);
        db.Documents.Add(document);
        db.Audit(AuditEvent.From(http, now, "documents.document.created", "document", document.Id.ToString(), after: document.Audited()));
        await db.SaveChangesAsync(context.CancellationToken);
        return await ToMessageAsync(document, context);
    }

    [Authorize(Policy = Permissions.DocumentsWrite)]
    public override async Task<Contracts.Document> UpdateDocument(UpdateDocumentRequest request, ServerCallContext context)
    {
        var version = RequestIds.Version(request.Version);
        var document = await FindVisibleAsync(request.Id, context, track: true);
        Concurrency.CheckVersion(Entity, request.Id, document.Version, version);
        EnsureState(document, "changed", DocumentState.Draft);
        var errors = new FieldErrors();
        var input = drafts.Parse(errors, document.Type, request.OrganisationId.Length > 0 ? request.OrganisationId : document.OrganisationId.ToString(),
            document.CompanyId.ToString(), request.ContactId, document.DealId?.ToString() ?? string.Empty,
            request.Date.Length > 0 ? request.Date : document.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), request.DueDate, request.TemplateId,
            request.Currency.Length > 0 ? request.Currency : document.Currency, request.Lines, request.Notes, request.PricesIncludeVat);
        errors.ThrowIfAny();
        var before = document.Audited();
        var http = context.GetHttpContext();
        await drafts.ApplyAsync(input, document, http, deal: null, context.CancellationToken);
        var now = clock.GetUtcNow();
        document.UpdatedAt = now;
        db.Audit(AuditEvent.From(http, now, "documents.document.updated", "document", document.Id.ToString(), before: before, after: document.Audited()));
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken);
        return await ToMessageAsync(document, context);
    }

    [Authorize(Policy = Permissions.DocumentsRead)]
    public override async Task<Contracts.Document> GetDocument(GetDocumentRequest request, ServerCallContext context) =>
        await ToMessageAsync(await FindVisibleAsync(request.Id, context, track: false), context);

    [Authorize(Policy = Permissions.DocumentsRead)]
    public override async Task<ListDocumentsResponse> ListDocuments(ListDocumentsRequest request, ServerCallContext context)
    {
        var search = DocumentSearch.Parse(request);
        var http = context.GetHttpContext();
        if (search.CompanyId is { } companyId && !await access.CanSeeAsync(AttachmentRules.Company, companyId, http, context.CancellationToken))
        {
            throw new RecordNotFoundException("company", request.CompanyId);
        }
        var rows = await search.Apply(db.Documents.AsNoTracking().Include(d => d.Emails)).ToListAsync(context.CancellationToken);
        var names = await OrganisationNamesAsync(context.CancellationToken);
        var response = new ListDocumentsResponse();
        foreach (var row in rows.Take(search.Size))
        {
            // Without a company, each row's company is checked: a page may hold fewer than asked, never a document the caller may not see.
            if (search.CompanyId is not null || await access.CanSeeAsync(AttachmentRules.Company, row.CompanyId, http, context.CancellationToken))
            {
                response.Documents.Add(row.ToMessage(names.GetValueOrDefault(row.OrganisationId, string.Empty)));
            }
        }
        if (rows.Count > search.Size)
        {
            response.NextPageToken = search.Next(rows[search.Size - 1]).Encode();
        }
        return response;
    }

    /// <summary>The document when it exists and its company is the caller's to see; otherwise 404 (no hint that it exists).</summary>
    private async Task<Document> FindVisibleAsync(string id, ServerCallContext context, bool track)
    {
        var documentId = RequestIds.Id("id", id);
        var query = db.Documents.Include(d => d.Emails).Where(d => d.Id == documentId);
        var document = await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(context.CancellationToken);
        if (document is null || !await access.CanSeeAsync(AttachmentRules.Company, document.CompanyId, context.GetHttpContext(), context.CancellationToken))
        {
            throw new RecordNotFoundException(Entity, id);
        }
        return document;
    }

    private static void EnsureState(Document document, string action, params DocumentState[] allowed)
    {
        if (!allowed.Contains(document.State))
        {
            throw new StateConflictException("state", $"The document is {DocumentTypes.Name(document.State)}: it cannot be {action} "
                + $"(only when {string.Join(" or ", allowed.Select(DocumentTypes.Name))}).");
        }
    }

    private async Task<Dictionary<Guid, string>> OrganisationNamesAsync(CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

    private async Task<Contracts.Document> ToMessageAsync(Document document, ServerCallContext context)
    {
        var name = await db.Organisations.AsNoTracking().Where(o => o.Id == document.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(context.CancellationToken);
        return document.ToMessage(name ?? string.Empty);
    }
}
