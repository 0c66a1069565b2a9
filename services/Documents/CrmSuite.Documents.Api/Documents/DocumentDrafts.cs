using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Documents.Api.Infrastructure;
using CrmSuite.Documents.Contracts;
using Microsoft.EntityFrameworkCore;
using ClientsContracts = CrmSuite.Clients.Contracts;

namespace CrmSuite.Documents.Api.Documents;

/// <summary>What a draft is made of, as a request gave it (after the field checks).</summary>
public sealed record DraftInput(string Type, Guid OrganisationId, Guid CompanyId, Guid? ContactId, Guid? DealId, DateOnly Date, DateOnly? DueDate,
    Guid? TemplateId, string Currency, List<LineData> Lines, string? Notes, bool PricesIncludeVat, string ClientGroup);

/// <summary>
/// Fills a draft: checks every field (all bad ones in one 400), reads the organisation, the
/// company, contact and deal as the caller sees them (404 for what they cannot see), completes
/// product lines from the warehouse (name, unit, price-list price) and snapshots the model.
/// </summary>
public sealed class DocumentDrafts(DocumentsDbContext db, DocumentSources sources, TimeProvider clock)
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    /// <summary>Today in Moscow: the date a document gets when none is given.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Moscow).DateTime);

    public DraftInput Parse(FieldErrors errors, string type, string organisationId, string companyId, string contactId, string dealId, string date,
        string dueDate, string templateId, string currency, IReadOnlyList<DocumentLineInput> lines, string notes, bool pricesIncludeVat,
        string clientGroup = "", bool pricesFromProducts = true, bool companyRequired = true)
    {
        var parsedType = DocumentTypes.Parse(errors, "type", type);
        var organisation = RequestIds.Id(errors, "organisation_id", organisationId, required: true);
        var company = RequestIds.Id(errors, "company_id", companyId, required: companyRequired);
        var contact = RequestIds.Id(errors, "contact_id", contactId);
        var deal = RequestIds.Id(errors, "deal_id", dealId);
        var day = Day(errors, "date", date) ?? Today;
        var due = Day(errors, "due_date", dueDate);
        if (due < day)
        {
            errors.Add("due_date", "Must not be before the document's date.");
        }
        var template = RequestIds.Id(errors, "template_id", templateId);
        var code = currency.Trim().ToUpperInvariant();
        if (code.Length == 0)
        {
            code = "RUB";
        }
        else if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", "Must be an ISO 4217 code, e.g. RUB.");
        }
        var parsedLines = DocumentLines.Parse(errors, lines, pricesFromProducts);
        var text = notes.Trim();
        if (text.Length > 4000)
        {
            errors.Add("notes", "At most 4000 characters.");
        }
        return new DraftInput(parsedType, organisation ?? Guid.Empty, company ?? Guid.Empty, contact, deal, day, due, template, code, parsedLines,
            text.Length == 0 ? null : text, pricesIncludeVat, clientGroup.Trim());
    }

    /// <summary>Applies the input to <paramref name="document"/> and snapshots its model; the deal, when read already, is passed in.</summary>
    public async Task ApplyAsync(DraftInput input, Document document, HttpContext caller, ClientsContracts.Deal? deal, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.OrganisationId, cancellationToken)
            ?? throw new ValidationFailedException("organisation_id", "No such organisation of ours (see /v1/organisations).");
        var company = await sources.CompanyAsync(input.CompanyId, caller, cancellationToken);
        var errors = new FieldErrors();
        if (deal is null && input.DealId is { } dealId)
        {
            deal = await sources.DealAsync(dealId, caller, cancellationToken);
        }
        if (deal is not null && deal.CompanyId != company.Id)
        {
            errors.Add("deal_id", "The deal is of another company.");
        }
        var contactId = input.ContactId ?? (Guid.TryParse(deal?.ContactId, out var dealContact) ? dealContact : null);
        ClientsContracts.Contact? contact = null;
        if (contactId is { } cid)
        {
            contact = await sources.ContactAsync(cid, caller, cancellationToken);
            if (contact.CompanyId != company.Id)
            {
                errors.Add("contact_id", "The contact is of another company.");
            }
        }
        if (input.TemplateId is { } templateId && !await db.Templates.AnyAsync(t => t.Id == templateId && t.DocumentType == input.Type && !t.Archived, cancellationToken))
        {
            errors.Add("template_id", $"No such template for a {input.Type} (see /v1/templates).");
        }
        var lines = await CompleteLinesAsync(errors, input, caller, cancellationToken);
        errors.ThrowIfAny();

        document.Type = input.Type;
        document.OrganisationId = organisation.Id;
        document.CompanyId = input.CompanyId;
        document.CompanyName = company.Name;
        document.ContactId = contact is null ? null : contactId;
        document.DealId = deal is null ? null : Guid.Parse(deal.Id);
        document.Date = input.Date;
        document.DueDate = input.DueDate;
        document.TemplateId = input.TemplateId;
        document.Currency = input.Currency;
        document.PricesIncludeVat = input.PricesIncludeVat;
        document.Notes = input.Notes;
        document.ContactEmail = contact is { Email.Length: > 0 } ? contact.Email : null;
        document.LinesJson = DocumentModelBuilder.SerializeLines(lines);
        var model = DocumentModelBuilder.Build(document, lines, new DocumentModelBuilder.Sources(organisation, company, contact, deal));
        document.ModelJson = DocumentModelBuilder.Serialize(model);
        document.Total = model.Totals.Total;
    }

    /// <summary>Lines with a product get its name, SKU, unit and VAT kind when not typed, and its price-list price on the document's date when no price was typed.</summary>
    private async Task<List<LineData>> CompleteLinesAsync(FieldErrors errors, DraftInput input, HttpContext caller, CancellationToken cancellationToken)
    {
        var result = new List<LineData>();
        for (var i = 0; i < input.Lines.Count; i++)
        {
            var line = input.Lines[i];
            if (line.ProductId is not { } productId || (line.Name.Length > 0 && line.Unit.Length > 0 && line.Price is not null && line.VatRate.Length > 0))
            {
                result.Add(line);
                continue;
            }
            Warehouse.Contracts.Product product;
            try
            {
                product = await sources.ProductAsync(productId, caller, cancellationToken);
            }
            catch (RecordNotFoundException)
            {
                errors.Add($"lines[{i}].product_id", "Product not found.");
                continue;
            }
            var price = line.Price;
            if (price is null)
            {
                var listed = await sources.PriceAsync(productId, input.ClientGroup, input.Date, input.Currency, caller, cancellationToken);
                if (listed is null || !decimal.TryParse(listed.Price_, NumberStyles.Number, CultureInfo.InvariantCulture, out var p))
                {
                    errors.Add($"lines[{i}].price", "The product has no price in the price list on the document's date: type the price.");
                    continue;
                }
                price = p;
            }
            result.Add(line with
            {
                Name = line.Name.Length > 0 ? line.Name : product.Name,
                Unit = line.Unit.Length > 0 ? line.Unit : product.Unit,
                Sku = line.Sku ?? product.Sku,
                Price = price,
                VatRate = line.VatRate.Length > 0 ? line.VatRate : product.VatKind,
            });
        }
        return result;
    }

    public static DateOnly? Day(FieldErrors errors, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors.Add(field, "Must be a date as yyyy-MM-dd.");
        return null;
    }
}
