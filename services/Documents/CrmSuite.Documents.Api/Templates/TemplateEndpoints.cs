using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Documents.Api.Infrastructure;
using CrmSuite.Documents.Api.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Documents.Api.Templates;

/// <summary>
/// A saved template's preview as plain HTTP (GET /v1/templates/{id}/preview): the PDF of a sample
/// document, inline, for the editor's preview frame (or the filled sample DOCX, as a download).
/// The same bytes come base64-encoded from the transcoded POST /v1/templates:preview.
/// </summary>
public static class TemplateEndpoints
{
    public static void MapTemplateEndpoints(this WebApplication app) =>
        app.MapGet("/v1/templates/{id}/preview", PreviewAsync).RequireAuthorization(Permissions.DocumentsRead);

    private static async Task<IResult> PreviewAsync(string id, DocumentsDbContext db, DocumentRenderer renderer, CancellationToken cancellationToken)
    {
        try
        {
            var templateId = RequestIds.Id("id", id);
            var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken);
            if (template is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"Template '{id}' was not found.");
            }
            var file = await renderer.RenderAsync(template.Kind, template.Body, template.Docx,
                SampleDocuments.For(template.DocumentType, template.Language), cancellationToken);
            return template.Kind == TemplateRules.Html
                ? Results.File(file.Content, file.ContentType)
                : Results.File(file.Content, file.ContentType, file.FileName);
        }
        catch (ValidationFailedException e)
        {
            return Results.ValidationProblem(e.Errors.GroupBy(x => x.Field).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray()),
                title: "One or more fields are invalid.");
        }
    }
}
