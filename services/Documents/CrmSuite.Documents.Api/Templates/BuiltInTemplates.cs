using CrmSuite.Documents.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Documents.Api.Templates;

/// <summary>
/// The templates every installation starts with, seeded by the migration step when missing (a
/// later edit or archive by the customer is kept: seeding never overwrites). Their ids are fixed,
/// so documents and tests can name them.
/// </summary>
public static class BuiltInTemplates
{
    public static readonly Guid InvoiceRu = new("0193a000-0000-7000-8000-000000000001");
    public static readonly Guid ContractRu = new("0193a000-0000-7000-8000-000000000002");
    public static readonly Guid ActRu = new("0193a000-0000-7000-8000-000000000003");
    public static readonly Guid OfferRu = new("0193a000-0000-7000-8000-000000000004");
    public static readonly Guid InvoiceEn = new("0193a000-0000-7000-8000-000000000005");
    public static readonly Guid QuoteEn = new("0193a000-0000-7000-8000-000000000006");

    private static readonly (Guid Id, string Name, string Type, string Language, string Resource)[] All =
    [
        (InvoiceRu, "Счёт на оплату", "invoice", "ru", "invoice-ru"),
        (ContractRu, "Договор поставки", "contract", "ru", "contract-ru"),
        (ActRu, "Акт выполненных работ", "act", "ru", "act-ru"),
        (OfferRu, "Коммерческое предложение", "offer", "ru", "offer-ru"),
        (InvoiceEn, "Invoice", "invoice_en", "en", "invoice-en"),
        (QuoteEn, "Quote", "quote_en", "en", "quote-en"),
    ];

    /// <summary>The built-in template of a document type, if there is one (what a new document uses by default).</summary>
    public static Guid? ForType(string documentType) =>
        All.Where(t => t.Type == documentType).Select(t => (Guid?)t.Id).FirstOrDefault();

    /// <summary>The shipped source of a built-in template.</summary>
    public static string Source(string resource)
    {
        using var stream = typeof(BuiltInTemplates).Assembly.GetManifestResourceStream($"BuiltIn.{resource}.liquid")
            ?? throw new InvalidOperationException($"The built-in template '{resource}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static async Task<int> SeedAsync(DocumentsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var ids = All.Select(t => t.Id).ToList();
        var present = await db.Templates.Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var (id, name, type, language, resource) in All.Where(t => !present.Contains(t.Id)))
        {
            db.Templates.Add(new Template
            {
                Id = id, Name = name, DocumentType = type, Language = language, Kind = TemplateRules.Html, Body = Source(resource),
                BuiltIn = true, CreatedAt = now, UpdatedAt = now,
            });
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}
