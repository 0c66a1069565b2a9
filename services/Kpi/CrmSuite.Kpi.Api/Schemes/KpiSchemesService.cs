using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Kpi.Api.Infrastructure;
using CrmSuite.Kpi.Api.Measures;
using CrmSuite.Kpi.Api.People;
using CrmSuite.Kpi.Contracts;
using CrmSuite.Kpi.Contracts.Events;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Contracts = CrmSuite.Kpi.Contracts;

namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>
/// The measures catalogue and the KPI schemes: read with kpi.read; created, revised and their
/// formulas checked with kpi.configure. A save that SchemeRules refuses is a 400 naming each field
/// (the formula's problems with line and column); a save from a version that is no longer the
/// current one is a 409; an unchanged save adds no version. Each saved version is audited and
/// published (kpi.scheme-saved) in the same transaction.
/// </summary>
public sealed class KpiSchemesService(KpiDbContext db, SchemeStore store, PersonDirectory people, TimeProvider clock) : KpiSchemes.KpiSchemesBase
{
    private const string Entity = "KPI scheme";

    [Authorize(Policy = Permissions.KpiRead)]
    public override Task<ListMeasuresResponse> ListMeasures(ListMeasuresRequest request, ServerCallContext context)
    {
        var language = SchemeMessages.LanguageOf(context.GetHttpContext());
        return Task.FromResult(new ListMeasuresResponse { Measures = { MeasureCatalogue.All.Select(m => SchemeMessages.Measure(m, language)) } });
    }

    [Authorize(Policy = Permissions.KpiRead)]
    public override async Task<ListSchemesResponse> ListSchemes(ListSchemesRequest request, ServerCallContext context)
    {
        var current = await store.CurrentAsync(context.CancellationToken);
        var name = await TargetNamesAsync(current, context);
        return new ListSchemesResponse { Schemes = { current.Select(v => SchemeMessages.Scheme(v.SchemeId, v, [], name)) } };
    }

    [Authorize(Policy = Permissions.KpiRead)]
    public override async Task<Contracts.Scheme> GetScheme(GetSchemeRequest request, ServerCallContext context)
    {
        var scheme = await FindAsync(request.SchemeId, context);
        return await AnswerAsync(scheme, context);
    }

    [Authorize(Policy = Permissions.KpiConfigure)]
    public override async Task<Contracts.Scheme> CreateScheme(SaveSchemeRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var errors = new SchemeFieldErrors();
        if (request.SchemeId.Length > 0)
            errors.Add("scheme_id", "Leave it empty: a new scheme gets its id when it is saved.");
        var draft = Checked(request, errors, http);

        var save = KpiScheme.Create(Guid.NewGuid(), draft, SchemeMessages.Author(http), clock.GetUtcNow());
        Refuse(save, http);
        await StoreAsync(save.Scheme!, "kpi.scheme.created", null, context);
        return await AnswerAsync(save.Scheme!, context);
    }

    [Authorize(Policy = Permissions.KpiConfigure)]
    public override async Task<Contracts.Scheme> UpdateScheme(SaveSchemeRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var errors = new SchemeFieldErrors();
        if (request.ExpectedVersion <= 0)
            errors.Add("expected_version", "Required: the version the edit started from.");
        var draft = Checked(request, errors, http);

        var scheme = await FindAsync(request.SchemeId, context);
        if (scheme.Current.Version != request.ExpectedVersion)
            throw new ConcurrencyConflictException(Entity, request.SchemeId);
        var save = scheme.Revise(draft, SchemeMessages.Author(http), clock.GetUtcNow());
        Refuse(save, http);
        if (save.Changed)
            await StoreAsync(save.Scheme!, "kpi.scheme.revised", scheme.Current, context);
        return await AnswerAsync(save.Scheme!, context);
    }

    [Authorize(Policy = Permissions.KpiConfigure)]
    public override Task<CheckFormulaResponse> CheckFormula(CheckFormulaRequest request, ServerCallContext context)
    {
        var language = SchemeMessages.LanguageOf(context.GetHttpContext());
        var errors = new SchemeFieldErrors();
        var measures = SchemeMessages.Measures(request.Measures, errors, saving: false);
        for (var i = 0; i < measures.Count; i++)
        {
            if (MeasureCatalogue.Find(measures[i].MeasureCode) is null)
                errors.Add($"measures[{i}].measure_code", $"There is no measure '{measures[i].MeasureCode}'.");
        }
        var sample = SchemeMessages.Sample(measures, request.Sample, errors);
        errors.ThrowIfAny();

        var variables = SchemeVariables.For(measures);
        var response = new CheckFormulaResponse { Variables = { variables } };
        var problems = BonusFormula.Check(request.Formula, variables);
        if (problems.Count == 0)
        {
            // The trial run with the sample: a division by zero these figures give is shown where it happens.
            var outcome = BonusFormula.Evaluate(request.Formula, sample);
            problems = outcome.Error is { } error ? [error] : [];
            response.SampleBonus = outcome.Value is { } bonus ? SchemeMessages.Text(bonus) : "";
        }
        response.Problems.AddRange(problems.Select(p => SchemeMessages.Problem(p, request.Formula, language)));
        return Task.FromResult(response);
    }

    private async Task<KpiScheme> FindAsync(string schemeId, ServerCallContext context)
    {
        if (!Guid.TryParse(schemeId, out var id))
            throw new ValidationFailedException("scheme_id", "Must be a scheme's id (a UUID).");
        return await store.FindAsync(id, context.CancellationToken) ?? throw new RecordNotFoundException(Entity, schemeId);
    }

    /// <summary>The request as a draft SchemeRules accepts, or a 400 naming every bad field.</summary>
    private static SchemeDraft Checked(SaveSchemeRequest request, SchemeFieldErrors errors, HttpContext http)
    {
        var draft = SchemeMessages.Draft(request, errors);
        errors.Add(SchemeRules.Check(draft), SchemeMessages.LanguageOf(http));
        errors.ThrowIfAny();
        return draft;
    }

    private static void Refuse(SchemeSave save, HttpContext http)
    {
        var errors = new SchemeFieldErrors();
        errors.Add(save.Problems, SchemeMessages.LanguageOf(http));
        errors.ThrowIfAny();
    }

    /// <summary>The scheme's new current version, its audit event and its integration event: one SaveChanges, all or nothing.</summary>
    private async Task StoreAsync(KpiScheme scheme, string action, SchemeVersion? before, ServerCallContext context)
    {
        var version = scheme.Current;
        var at = version.CreatedAt;
        store.Append(version);
        db.Audit(AuditEvent.From(context.GetHttpContext(), at, action, "kpi_scheme", scheme.Id.ToString(),
            before: before is null ? null : Audited(before), after: Audited(version)));
        db.Enqueue(SchemeSaved.Topic, new SchemeSaved(scheme.Id, version.Version, version.Name, SchemeMessages.Text(version.Target.Kind), version.Target.Id,
            version.PeriodKind.ToString().ToLowerInvariant(), version.CreatedBy, at), at);
        // Two editors saving the same version at once both add the same (scheme, version) row: the key lets one win, the other gets 409.
        await db.SaveChangesOrConflictAsync(Entity, scheme.Id.ToString(), context.CancellationToken, uniqueRaceIsConflict: true);
    }

    private static object Audited(SchemeVersion v) => new
    {
        v.Version, v.Name, target = new { kind = SchemeMessages.Text(v.Target.Kind), id = v.Target.Id }, periodKind = v.PeriodKind.ToString().ToLowerInvariant(),
        measures = v.Measures, v.Formula, v.BaseSalary,
    };

    private async Task<Contracts.Scheme> AnswerAsync(KpiScheme scheme, ServerCallContext context)
    {
        var name = await TargetNamesAsync([.. scheme.Versions], context);
        return SchemeMessages.Scheme(scheme.Id, scheme.Current, scheme.Versions, name);
    }

    /// <summary>What people see for each target: a role's name in the caller's language, a team's name, a person's name (their id while identity has not told it).</summary>
    private async Task<Func<SchemeTarget, string>> TargetNamesAsync(IReadOnlyCollection<SchemeVersion> versions, ServerCallContext context)
    {
        var language = SchemeMessages.LanguageOf(context.GetHttpContext());
        var targets = versions.Select(v => v.Target).Distinct().ToList();
        var teamIds = targets.Where(t => t.Kind == SchemeTargetKind.Team).Select(t => t.Id).ToList();
        var teams = teamIds.Count == 0 ? new Dictionary<string, string>() : await people.TeamNamesAsync(teamIds, context.CancellationToken);
        var personIds = targets.Where(t => t.Kind == SchemeTargetKind.Person).Select(t => t.Id).ToList();
        var persons = personIds.Count == 0 ? new Dictionary<string, PersonInfo>() : await people.FindAsync(personIds, context.CancellationToken);
        return target => target.Kind switch
        {
            SchemeTargetKind.Role => RoleNames.Name(target.Id, language),
            SchemeTargetKind.Team => teams.GetValueOrDefault(target.Id) ?? target.Id,
            _ => persons.GetValueOrDefault(target.Id)?.Name ?? target.Id,
        };
    }
}
