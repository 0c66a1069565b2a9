using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Documents.Api.Infrastructure;
using CrmSuite.Documents.Api.Templates;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Documents.Api.Rendering;

/// <summary>
/// Renders a stored template with a document's model: HTML + Liquid printed to PDF by the warm
/// Chromium, or a Word template filled in. The template is read as it is now (a document keeps
/// what was rendered: its PDF or DOCX).
/// </summary>
public sealed class DocumentRenderer(DocumentsDbContext db, LiquidTemplates liquid, ChromiumPdfPrinter printer, DocxFiller docx) : IDocumentRenderer
{
    public async Task<RenderedFile> RenderAsync(Guid templateId, DocumentModel model, CancellationToken cancellationToken)
    {
        var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken)
            ?? throw new RecordNotFoundException("Template", templateId.ToString());
        return await RenderAsync(template.Kind, template.Body, template.Docx, model, cancellationToken);
    }

    /// <summary>Renders a template's source (saved or not: the editor's preview) with a model.</summary>
    public async Task<RenderedFile> RenderAsync(string kind, string? body, byte[]? docxTemplate, DocumentModel model, CancellationToken cancellationToken)
    {
        var fileName = FileName(model) + TemplateRules.Extension(kind);
        if (kind == TemplateRules.DocxKind)
        {
            var filled = docx.Fill(docxTemplate ?? [], model);
            return new RenderedFile(filled, TemplateRules.ContentType(kind), fileName);
        }
        var html = await liquid.RenderAsync(body ?? string.Empty, model, cancellationToken);
        var pdf = await printer.PrintAsync(html, cancellationToken);
        return new RenderedFile(pdf, TemplateRules.ContentType(kind), fileName);
    }

    /// <summary>"invoice СЧ-2026-000123" (a draft has no number yet: "invoice draft 2026-12-06").</summary>
    private static string FileName(DocumentModel model)
    {
        var name = model.Number is { Length: > 0 } number ? $"{model.Type} {number}" : $"{model.Type} draft {model.Date:yyyy-MM-dd}";
        return string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == '/' || c == '\\' ? '-' : c));
    }
}
