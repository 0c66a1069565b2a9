using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Processes.Engine;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProcessMessage = CrmSuite.Scheduling.Contracts.Process;
using ProcessVersionMessage = CrmSuite.Scheduling.Contracts.ProcessVersion;
using Storage = CrmSuite.Scheduling.Api.Processes.Storage;

namespace CrmSuite.Scheduling.Api.Processes.Api;

/// <summary>Business processes: drafts, validation, publishing and versions (this file); instances in ProcessesService.Instances.cs.</summary>
public sealed partial class ProcessesService(
    SchedulingDbContext db,
    ProcessCompiler compiler,
    ProcessDefinitions definitions,
    ClientLinks clientLinks,
    IOptions<ProcessOptions> options,
    TimeProvider clock) : Contracts.Processes.ProcessesBase
{
    private const string Entity = "Process";
    private const int MaxXml = 2_000_000;

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    private static bool English(ServerCallContext context) => Bilingual.English(context.GetHttpContext().Request.Headers.AcceptLanguage.ToString());

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<ListProcessesResponse> ListProcesses(ListProcessesRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var query = InputRules.Text(errors, "query", request.Query, 200, required: false, "search text");
        errors.ThrowIfAny();
        var processes = db.Processes.AsNoTracking().Where(p => request.IncludeArchived || !p.Archived);
        if (query is not null)
        {
            processes = processes.Where(p => EF.Functions.ILike(p.Name, "%" + query.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%"));
        }
        var response = new ListProcessesResponse();
        foreach (var process in await processes.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(500).ToListAsync(context.CancellationToken))
        {
            response.Processes.Add(await ToMessageAsync(process, context));
        }
        return response;
    }

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<ProcessMessage> GetProcess(GetProcessRequest request, ServerCallContext context) =>
        await ToMessageAsync(await FindAsync(request.Id, tracked: false, context), context);

    [Authorize(Policy = Permissions.ProcessesDesign)]
    public override async Task<ProcessMessage> CreateProcess(ProcessDraftInput request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var errors = new FieldErrors();
        var name = InputRules.Text(errors, "name", request.Name, 200, required: true, "name");
        var template = request.TemplateId.Length > 0 ? Templates.ProcessTemplates.Find(request.TemplateId) : null;
        if (request.TemplateId.Length > 0 && template is null)
        {
            errors.Add("template_id", "Unknown template.");
        }
        var english = TemplateLanguage(errors, request.Language, context);
        var xml = template?.XmlIn(english) ?? Xml(errors, request.Xml, required: true);
        errors.ThrowIfAny();
        var now = clock.GetUtcNow();
        var process = new Storage.Process
        {
            Id = Guid.CreateVersion7(now), Name = name!, DraftXml = xml!, OwnerUserId = http.User.UserId() ?? "anonymous",
            OwnerName = http.User.FindFirst(CrmClaims.Name)?.Value ?? string.Empty, CreatedAt = now, UpdatedAt = now,
        };
        db.Processes.Add(process);
        db.Audit(AuditEvent.From(http, now, "scheduling.process.created", "process", process.Id.ToString(), after: Snapshot(process)));
        await db.SaveChangesAsync(context.CancellationToken);
        return await ToMessageAsync(process, context);
    }

    [Authorize(Policy = Permissions.ProcessesDesign)]
    public override async Task<ProcessMessage> SaveProcessDraft(ProcessDraftInput request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var version = InputRules.Version(request.Version);
        var errors = new FieldErrors();
        var name = InputRules.Text(errors, "name", request.Name, 200, required: false, "name");
        var xml = Xml(errors, request.Xml, required: true);
        errors.ThrowIfAny();
        var process = await FindAsync(request.Id, tracked: true, context);
        Concurrency.CheckVersion(Entity, request.Id, process.Version, version);
        var now = clock.GetUtcNow();
        var before = Snapshot(process);
        process.Name = name ?? process.Name;
        process.DraftXml = xml!;
        process.UpdatedAt = now;
        db.Audit(AuditEvent.From(http, now, "scheduling.process.draft-saved", "process", process.Id.ToString(), before, Snapshot(process)));
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken);
        return await ToMessageAsync(process, context);
    }

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override Task<ValidateProcessResponse> ValidateProcess(ValidateProcessRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var xml = Xml(errors, request.Xml, required: true);
        errors.ThrowIfAny();
        var english = English(context);
        var result = compiler.Compile(xml!);
        var response = new ValidateProcessResponse();
        response.Problems.AddRange(result.Problems.Select(p => p.ToMessage(english)));
        response.Triggers.AddRange(ProcessMapping.Triggers(result.Definition, english, Zone));
        return Task.FromResult(response);
    }

    [Authorize(Policy = Permissions.ProcessesDesign)]
    public override async Task<ProcessVersionMessage> PublishProcess(PublishProcessRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var version = InputRules.Version(request.Version);
        var process = await FindAsync(request.Id, tracked: true, context);
        Concurrency.CheckVersion(Entity, request.Id, process.Version, version);
        if (process.Archived)
        {
            throw new StateConflictException("id", "The process is archived; it is not published again.");
        }
        var english = English(context);
        var result = compiler.Compile(process.DraftXml);
        if (!result.Succeeded)
        {
            var first = result.Problems.FirstOrDefault() ?? new CompileProblem(string.Empty, string.Empty, "invalid", "The drawing does not compile", "Схема не компилируется");
            // The element's id is the field (gRPC's field violation keeps it as drawn) and starts the
            // message, which REST clients read unchanged (problem+json camel-cases field names).
            var message = english ? first.MessageEn : first.MessageRu;
            throw new ValidationFailedException(first.ElementId.Length > 0 ? first.ElementId : "xml", first.ElementId.Length > 0 ? $"{first.ElementId}: {message}" : message);
        }
        var now = clock.GetUtcNow();
        var published = new Storage.ProcessVersion
        {
            Id = Guid.CreateVersion7(now), ProcessId = process.Id, Number = process.PublishedVersion + 1, Xml = process.DraftXml, PublishedAt = now,
            PublishedBy = http.User.UserId() ?? "anonymous", PublishedByName = http.User.FindFirst(CrmClaims.Name)?.Value ?? string.Empty,
        };
        db.ProcessVersions.Add(published);
        process.PublishedVersion = published.Number;
        process.UpdatedAt = now;
        await ProcessStarts.ScheduleStartTimersAsync(db, result.Definition!, published, Zone, now, context.CancellationToken);
        db.Audit(AuditEvent.From(http, now, "scheduling.process.published", "process", process.Id.ToString(), after: Snapshot(process),
            details: new { version = published.Number }));
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken, uniqueRaceIsConflict: true);
        return published.ToMessage(result.Definition!, english, Zone);
    }

    [Authorize(Policy = Permissions.ProcessesDesign)]
    public override async Task<ProcessMessage> ArchiveProcess(ArchiveProcessRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var version = InputRules.Version(request.Version);
        var process = await FindAsync(request.Id, tracked: true, context);
        Concurrency.CheckVersion(Entity, request.Id, process.Version, version);
        var now = clock.GetUtcNow();
        var before = Snapshot(process);
        process.Archived = true;
        process.UpdatedAt = now;
        // Its timer starts stop; running instances go on.
        var versions = db.ProcessVersions.Where(v => v.ProcessId == process.Id).Select(v => (Guid?)v.Id);
        await db.ProcessTimers.Where(t => t.Kind == Storage.TimerKind.Start && t.Status == Storage.TimerState.Pending && versions.Contains(t.VersionId))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, Storage.TimerState.Dropped), context.CancellationToken);
        db.Audit(AuditEvent.From(http, now, "scheduling.process.archived", "process", process.Id.ToString(), before, Snapshot(process)));
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken);
        return await ToMessageAsync(process, context);
    }

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<ProcessVersionMessage> GetProcessVersion(GetProcessVersionRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("process_id", request.ProcessId);
        var version = await db.ProcessVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ProcessId == id && v.Number == request.Number, context.CancellationToken)
            ?? throw new RecordNotFoundException("Process version", $"{request.ProcessId}/{request.Number}");
        return version.ToMessage(definitions.For(version), English(context), Zone);
    }

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override Task<ListProcessTemplatesResponse> ListProcessTemplates(ListProcessTemplatesRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var english = TemplateLanguage(errors, request.Language, context);
        errors.ThrowIfAny();
        var response = new ListProcessTemplatesResponse();
        response.Templates.AddRange(Templates.ProcessTemplates.All.Select(t => new ProcessTemplate
        {
            Id = t.Id, NameRu = t.NameRu, NameEn = t.NameEn, DescriptionRu = t.DescriptionRu, DescriptionEn = t.DescriptionEn, Xml = t.XmlIn(english),
        }));
        return Task.FromResult(response);
    }

    /// <summary>Whether a template's names are English: the asked language ("ru", "en"), else the caller's Accept-Language.</summary>
    private static bool TemplateLanguage(FieldErrors errors, string language, ServerCallContext context)
    {
        if (language is not ("" or "ru" or "en"))
        {
            errors.Add("language", "The language is \"ru\" or \"en\".");
        }
        return language.Length > 0 ? language == "en" : English(context);
    }

    private static string? Xml(FieldErrors errors, string xml, bool required)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            if (required)
            {
                errors.Add("xml", "Required: the BPMN 2.0 XML of the drawing.");
            }
            return null;
        }
        if (xml.Length > MaxXml)
        {
            errors.Add("xml", $"At most {MaxXml / 1_000_000} MB.");
            return null;
        }
        return xml;
    }

    private async Task<Storage.Process> FindAsync(string requestedId, bool tracked, ServerCallContext context)
    {
        var id = InputRules.Id("id", requestedId);
        var processes = tracked ? db.Processes : db.Processes.AsNoTracking();
        return await processes.FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken) ?? throw new RecordNotFoundException(Entity, requestedId);
    }

    private async Task<ProcessMessage> ToMessageAsync(Storage.Process process, ServerCallContext context)
    {
        var published = process.PublishedVersion == 0 ? null
            : await db.ProcessVersions.AsNoTracking().SingleAsync(v => v.ProcessId == process.Id && v.Number == process.PublishedVersion, context.CancellationToken);
        var running = await db.ProcessInstances.CountAsync(i => i.ProcessId == process.Id && i.State == Storage.InstanceState.Running, context.CancellationToken);
        return process.ToMessage(compiler.Compile(process.DraftXml), published, published is null ? null : definitions.For(published), running, English(context), Zone);
    }

    private static object Snapshot(Storage.Process process) =>
        new { process.Name, process.OwnerUserId, process.Archived, process.PublishedVersion, xmlLength = process.DraftXml.Length };
}
