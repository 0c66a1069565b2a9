using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Documents.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Documents.Api.Documents;

/// <summary>Numbering patterns per organisation and type, and the last numbers given.</summary>
public sealed partial class DocumentsService
{
    [Authorize(Policy = Permissions.DocumentsConfigure)]
    public override async Task<Numbering> SetNumbering(SetNumberingRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var organisationId = RequestIds.Id(errors, "organisation_id", request.OrganisationId, required: true);
        var type = DocumentTypes.Parse(errors, "type", request.Type);
        var pattern = request.Pattern.Trim();
        if (DocumentNumbering.Validate(pattern) is { } problem)
        {
            errors.Add("pattern", problem);
        }
        errors.ThrowIfAny();
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, context.CancellationToken))
        {
            throw new RecordNotFoundException("Organisation", request.OrganisationId);
        }
        var now = clock.GetUtcNow();
        var rule = await db.NumberingRules.FirstOrDefaultAsync(r => r.OrganisationId == organisationId && r.Type == type, context.CancellationToken);
        var before = rule?.Pattern ?? DocumentTypes.DefaultPattern(type);
        if (rule is null)
        {
            rule = new NumberingRule { OrganisationId = organisationId!.Value, Type = type };
            db.NumberingRules.Add(rule);
        }
        rule.Pattern = pattern;
        rule.UpdatedAt = now;
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "documents.numbering.changed", "organisation", request.OrganisationId,
            before: new { type, pattern = before }, after: new { type, pattern }));
        await db.SaveChangesOrConflictAsync("Numbering", request.OrganisationId, context.CancellationToken, uniqueRaceIsConflict: true);
        var year = drafts.Today.Year;
        var last = await db.DocumentCounters.AsNoTracking().Where(c => c.OrganisationId == organisationId && c.Type == type && c.Year == year)
            .Select(c => c.LastNumber).FirstOrDefaultAsync(context.CancellationToken);
        return new Numbering { OrganisationId = request.OrganisationId, Type = type, Pattern = pattern, Year = year, LastNumber = last };
    }

    [Authorize(Policy = Permissions.DocumentsRead)]
    public override async Task<ListNumberingResponse> ListNumbering(ListNumberingRequest request, ServerCallContext context)
    {
        var organisationId = RequestIds.Id("organisation_id", request.OrganisationId);
        if (request.Year is < 0 or > 9999)
        {
            throw new ValidationFailedException("year", "Must be a year, or 0 for the current one.");
        }
        var year = request.Year == 0 ? drafts.Today.Year : request.Year;
        var rules = await db.NumberingRules.AsNoTracking().Where(r => r.OrganisationId == organisationId)
            .ToDictionaryAsync(r => r.Type, r => r.Pattern, context.CancellationToken);
        var counters = await db.DocumentCounters.AsNoTracking().Where(c => c.OrganisationId == organisationId && c.Year == year)
            .ToDictionaryAsync(c => c.Type, c => c.LastNumber, context.CancellationToken);
        var response = new ListNumberingResponse();
        response.Numbering.AddRange(DocumentTypes.All.Select(type => new Numbering
        {
            OrganisationId = request.OrganisationId,
            Type = type,
            Pattern = rules.GetValueOrDefault(type) ?? DocumentTypes.DefaultPattern(type),
            Year = year,
            LastNumber = counters.GetValueOrDefault(type),
        }));
        return response;
    }
}
