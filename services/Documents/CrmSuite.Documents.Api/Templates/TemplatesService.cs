using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Documents.Api.Infrastructure;
using CrmSuite.Documents.Api.Rendering;
using CrmSuite.Documents.Contracts;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Contracts = CrmSuite.Documents.Contracts;

namespace CrmSuite.Documents.Api.Templates;

/// <summary>Document templates: everyone who works with documents lists, reads and previews them; documents.configure changes them.</summary>
public sealed class TemplatesService(DocumentsDbContext db, DocumentRenderer renderer, LiquidTemplates liquid, DocxFiller docx, TimeProvider clock)
    : Contracts.Templates.TemplatesBase
{
    private const string Entity = "Template";

    [Authorize(Policy = Permissions.DocumentsConfigure)]
    public override async Task<Contracts.Template> CreateTemplate(SaveTemplateRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var template = new Template { Id = Guid.CreateVersion7(now), CreatedAt = now, UpdatedAt = now };
        await ApplyAsync(request, template, context.CancellationToken);
        db.Templates.Add(template);
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "documents.template.created", "template", template.Id.ToString(), after: template.ToMessage(content: false)));
        await db.SaveChangesAsync(context.CancellationToken);
        return template.ToMessage(content: true);
    }

    [Authorize(Policy = Permissions.DocumentsConfigure)]
    public override async Task<Contracts.Template> UpdateTemplate(SaveTemplateRequest request, ServerCallContext context)
    {
        var template = await FindAsync(request.Id, request.Version, context.CancellationToken);
        var before = template.ToMessage(content: false);
        await ApplyAsync(request, template, context.CancellationToken);
        return await SaveAsync(template, "documents.template.updated", before, context);
    }

    [Authorize(Policy = Permissions.DocumentsConfigure)]
    public override async Task<Contracts.Template> ArchiveTemplate(ArchiveTemplateRequest request, ServerCallContext context) =>
        await SetArchivedAsync(request, archived: true, context);

    [Authorize(Policy = Permissions.DocumentsConfigure)]
    public override async Task<Contracts.Template> RestoreTemplate(ArchiveTemplateRequest request, ServerCallContext context) =>
        await SetArchivedAsync(request, archived: false, context);

    [Authorize(Policy = Permissions.DocumentsRead)]
    public override async Task<Contracts.Template> GetTemplate(GetTemplateRequest request, ServerCallContext context)
    {
        var id = RequestIds.Id("id", request.Id);
        var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException(Entity, request.Id);
        return template.ToMessage(content: true);
    }

    [Authorize(Policy = Permissions.DocumentsRead)]
    public override async Task<ListTemplatesResponse> ListTemplates(ListTemplatesRequest request, ServerCallContext context)
    {
        if (request.DocumentType.Length > 0 && !TemplateRules.DocumentTypes.Contains(request.DocumentType))
        {
            throw new ValidationFailedException("document_type", "One of: " + string.Join(", ", TemplateRules.DocumentTypes) + ".");
        }
        // A few dozen per installation: no paging. The bodies stay in the database.
        var query = db.Templates.AsNoTracking()
            .Where(t => request.IncludeArchived || !t.Archived)
            .Where(t => request.DocumentType.Length == 0 || t.DocumentType == request.DocumentType);
        var all = await query.OrderBy(t => t.DocumentType).ThenBy(t => t.Name).ThenBy(t => t.Id)
            .Select(t => new Template
            {
                Id = t.Id, Name = t.Name, DocumentType = t.DocumentType, Language = t.Language, Kind = t.Kind, Version = t.Version,
                BuiltIn = t.BuiltIn, Archived = t.Archived, CreatedAt = t.CreatedAt, UpdatedAt = t.UpdatedAt,
            })
            .ToListAsync(context.CancellationToken);
        var response = new ListTemplatesResponse();
        response.Templates.AddRange(all.Select(t => t.ToMessage(content: false)));
        return response;
    }

    [Authorize(Policy = Permissions.DocumentsRead)]
    public override async Task<PreviewTemplateResponse> PreviewTemplate(PreviewTemplateRequest request, ServerCallContext context)
    {
        RenderedFile file;
        if (request.TemplateId.Length > 0)
        {
            var id = RequestIds.Id("template_id", request.TemplateId);
            var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, context.CancellationToken)
                ?? throw new RecordNotFoundException(Entity, request.TemplateId);
            file = await renderer.RenderAsync(template.Kind, template.Body, template.Docx,
                SampleDocuments.For(template.DocumentType, template.Language), context.CancellationToken);
        }
        else
        {
            var errors = new FieldErrors();
            TemplateRules.Validate(errors, "preview", request.DocumentType, request.Language, request.Kind, request.Body, request.Docx.ToByteArray());
            errors.ThrowIfAny();
            file = await renderer.RenderAsync(request.Kind, request.Body, request.Docx.ToByteArray(),
                SampleDocuments.For(request.DocumentType, request.Language), context.CancellationToken);
        }
        return new PreviewTemplateResponse { Content = ByteString.CopyFrom(file.Content), ContentType = file.ContentType, FileName = file.FileName };
    }

    private async Task<Template> FindAsync(string rawId, string rawVersion, CancellationToken cancellationToken)
    {
        var id = RequestIds.Id("id", rawId);
        var version = RequestIds.Version(rawVersion);
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException(Entity, rawId);
        Concurrency.CheckVersion(Entity, rawId, (uint)template.Version, version);
        return template;
    }

    private async Task<Contracts.Template> SetArchivedAsync(ArchiveTemplateRequest request, bool archived, ServerCallContext context)
    {
        var template = await FindAsync(request.Id, request.Version, context.CancellationToken);
        if (template.Archived == archived)
        {
            return template.ToMessage(content: false);
        }
        var before = template.ToMessage(content: false);
        template.Archived = archived;
        return await SaveAsync(template, archived ? "documents.template.archived" : "documents.template.restored", before, context);
    }

    private async Task<Contracts.Template> SaveAsync(Template template, string action, Contracts.Template before, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        template.UpdatedAt = now;
        template.Version++;
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, action, "template", template.Id.ToString(), before: before, after: template.ToMessage(content: false)));
        await db.SaveChangesOrConflictAsync(Entity, template.Id.ToString(), context.CancellationToken);
        return template.ToMessage(content: true);
    }

    /// <summary>Checks the fields, then the template itself against a sample document of its type: a broken template is never saved.</summary>
    private async Task ApplyAsync(SaveTemplateRequest request, Template template, CancellationToken cancellationToken)
    {
        var name = request.Name.Trim();
        var body = request.Kind == TemplateRules.Html ? request.Body : null;
        var file = request.Kind == TemplateRules.DocxKind ? request.Docx.ToByteArray() : null;
        var errors = new FieldErrors();
        TemplateRules.Validate(errors, name, request.DocumentType, request.Language, request.Kind, body, file);
        errors.ThrowIfAny();
        var sample = SampleDocuments.For(request.DocumentType, request.Language);
        if (file is not null)
        {
            docx.Fill(file, sample);
        }
        else
        {
            await liquid.RenderAsync(body!, sample, cancellationToken);
        }
        template.Name = name;
        template.DocumentType = request.DocumentType;
        template.Language = request.Language;
        template.Kind = request.Kind;
        template.Body = body;
        template.Docx = file;
    }
}

public static class TemplateMapping
{
    public static Contracts.Template ToMessage(this Template t, bool content) => new()
    {
        Id = t.Id.ToString(),
        Name = t.Name,
        DocumentType = t.DocumentType,
        Language = t.Language,
        Kind = t.Kind,
        Body = content ? t.Body ?? string.Empty : string.Empty,
        Docx = content && t.Docx is not null ? ByteString.CopyFrom(t.Docx) : ByteString.Empty,
        Version = t.Version.ToString(CultureInfo.InvariantCulture),
        BuiltIn = t.BuiltIn,
        Archived = t.Archived,
        CreatedAt = t.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        UpdatedAt = t.UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
    };
}
