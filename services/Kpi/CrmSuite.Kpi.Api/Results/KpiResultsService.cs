using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Infrastructure;
using CrmSuite.Kpi.Api.Periods;
using CrmSuite.Kpi.Api.Schemes;
using CrmSuite.Kpi.Contracts;
using Google.Api;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CrmSuite.Kpi.Api.Results;

/// <summary>
/// Period results (computed now while a period is open, the latest snapshot once closed), the
/// periods with their versions and changes, closing and recalculating a period, and the bonus
/// sheet. Reading follows the figures' visibility (own / teams headed / all; kpi.bonus sees all);
/// closing and recalculating need kpi.configure, the bonus sheet kpi.bonus. GetOverview is in its own part.
/// </summary>
public sealed partial class KpiResultsService(KpiDbContext db, PeriodResults results, PeriodLedger ledger, TimeProvider clock) : KpiResults.KpiResultsBase
{
    public const string BonusSheetExportedAction = "kpi.bonus-sheet.exported";
    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Authorize(Policy = Permissions.KpiRead)]
    public override async Task<GetResultsResponse> GetResults(GetResultsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var period = PeriodOf(errors, request.Period);
        CheckId(errors, "user_id", request.UserId);
        CheckId(errors, "team_id", request.TeamId);
        CheckId(errors, "pipeline_id", request.PipelineId);
        errors.ThrowIfAny();
        var http = context.GetHttpContext();
        var ct = context.CancellationToken;
        var visibility = ResultVisibility.Of(http.User);
        if (request.UserId.Length > 0)
        {
            visibility.CheckPeople([request.UserId]);
        }
        if (request.TeamId.Length > 0)
        {
            visibility.CheckTeam(request.TeamId);
        }

        var row = await ledger.FindAsync(period!.Code, ct);
        IReadOnlyList<PeriodPersonResult> all;
        IReadOnlyList<UnschemedPerson> withoutScheme;
        if (row is null)
        {
            IReadOnlyCollection<string>? only = request.UserId.Length > 0 ? [request.UserId] : visibility.Scope == ClientVisibility.Own ? [visibility.UserId] : null;
            var computed = await results.ComputeAsync(period, request.PipelineId.Length > 0 ? request.PipelineId : null, only, ct);
            (all, withoutScheme) = (computed.Results, computed.WithoutScheme);
        }
        else
        {
            if (request.PipelineId.Length > 0)
            {
                throw new ValidationFailedException("pipeline_id", $"{period.Code} is closed: its results are the snapshot over all pipelines; leave pipeline_id empty.");
            }
            var version = await ledger.VersionAsync(period.Code, row.Version, ct);
            (all, withoutScheme) = (version!.Results, version.WithoutScheme);
        }

        bool Keep(string userId, IReadOnlyList<string> teams) =>
            visibility.Sees(userId, teams) && (request.UserId.Length == 0 || userId == request.UserId)
            && (request.TeamId.Length == 0 || teams.Contains(request.TeamId));
        var language = ResultMessages.LanguageOf(http);
        var response = new GetResultsResponse { Period = period.Code, Status = row?.Status ?? PeriodStatus.Open, PeriodVersion = row?.Version ?? 0 };
        response.Results.AddRange(all.Where(r => Keep(r.UserId, r.TeamIds)).Select(r => ResultMessages.ToMessage(r, language)));
        response.PeopleWithoutScheme.AddRange(withoutScheme.Where(p => Keep(p.UserId, p.TeamIds)).Select(p => p.Name));
        return response;
    }

    [Authorize(Policy = Permissions.KpiRead)]
    public override async Task<ListPeriodsResponse> ListPeriods(ListPeriodsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var visibility = ResultVisibility.Of(context.GetHttpContext().User);
        var summaries = new List<(DateOnly LastDay, PeriodSummary Summary)>();
        foreach (var (row, latest) in await ledger.LatestAsync(ct))
        {
            KpiPeriod.TryParse(row.Period, out var closed);
            summaries.Add((row.LastDay, ResultMessages.Summary(closed!, row, Visible(visibility, latest))));
        }
        foreach (var open in await ledger.OpenMonthsAsync(ct))
        {
            summaries.Add((open.LastDay, ResultMessages.Summary(open, null, await OpenResultsAsync(open, visibility, ct))));
        }
        var response = new ListPeriodsResponse();
        response.Periods.AddRange(summaries.OrderByDescending(s => s.LastDay).ThenBy(s => s.Summary.Period.Length).Select(s => s.Summary));
        return response;
    }

    [Authorize(Policy = Permissions.KpiRead)]
    public override Task<Contracts.Period> GetPeriod(GetPeriodRequest request, ServerCallContext context) =>
        PeriodAsync(RequiredPeriod(request.Period), context);

    [Authorize(Policy = Permissions.KpiConfigure)]
    public override async Task<Contracts.Period> ClosePeriod(ClosePeriodRequest request, ServerCallContext context)
    {
        var period = RequiredPeriod(request.Period);
        await ledger.CloseAsync(period, context.GetHttpContext(), context.CancellationToken);
        return await PeriodAsync(period, context);
    }

    [Authorize(Policy = Permissions.KpiConfigure)]
    public override async Task<Contracts.Period> RecalculatePeriod(RecalculatePeriodRequest request, ServerCallContext context)
    {
        var period = RequiredPeriod(request.Period);
        await ledger.RecalculateAsync(period, context.GetHttpContext(), context.CancellationToken);
        return await PeriodAsync(period, context);
    }

    [Authorize(Policy = Permissions.KpiBonus)]
    public override async Task<HttpBody> ExportBonusSheet(ExportBonusSheetRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var period = PeriodOf(errors, request.Period);
        if (request.Version < 0)
        {
            errors.Add("version", "A version number from 1, or 0 for the latest.");
        }
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var row = await ledger.FindAsync(period!.Code, ct)
            ?? throw new StateConflictException("period", $"{period.Code} is not closed: a bonus sheet is made from a closed period.");
        var number = request.Version == 0 ? row.Version : request.Version;
        if (number > row.Version)
        {
            throw new ValidationFailedException("version", $"{period.Code} has versions 1 to {row.Version}.");
        }
        var version = (await ledger.VersionAsync(period.Code, number, ct))!;
        var http = context.GetHttpContext();
        var sheet = BonusSheet.Write(period, [.. version.Results.Select(r => r.Result)], ResultMessages.LanguageOf(http));
        // An export of everyone's pay is a sensitive read: recorded before the file leaves.
        db.Audit(AuditEvent.From(http, clock.GetUtcNow(), BonusSheetExportedAction, "kpi-period", period.Code,
            details: new { version = number, people = version.Results.Count, bonusTotal = PeriodLedger.BonusTotal(version.Results) }));
        await db.SaveChangesAsync(ct);
        return new HttpBody { ContentType = XlsxContentType, Data = ByteString.CopyFrom(sheet) };
    }

    /// <summary>The period as the caller sees it: its summary and, once closed, every version with the visible results and changes.</summary>
    private async Task<Contracts.Period> PeriodAsync(KpiPeriod period, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var http = context.GetHttpContext();
        var visibility = ResultVisibility.Of(http.User);
        var language = ResultMessages.LanguageOf(http);
        var row = await ledger.FindAsync(period.Code, ct);
        if (row is null)
        {
            return new Contracts.Period { Summary = ResultMessages.Summary(period, null, await OpenResultsAsync(period, visibility, ct)) };
        }
        var versions = await ledger.VersionsAsync(period.Code, ct);
        var answer = new Contracts.Period { Summary = ResultMessages.Summary(period, row, Visible(visibility, versions[^1].Results)) };
        StoredVersion? previous = null;
        foreach (var version in versions)
        {
            var message = new PeriodVersion
            {
                Version = version.Row.Version, CreatedAt = ResultMessages.Time(version.Row.CreatedAt), CreatedBy = version.Row.CreatedBy, Reason = version.Row.Reason,
            };
            message.Results.AddRange(Visible(visibility, version.Results).Select(r => ResultMessages.ToMessage(r, language)));
            if (previous is not null)
            {
                var before = Visible(visibility, previous.Results).ToDictionary(r => r.UserId, StringComparer.Ordinal);
                var after = Visible(visibility, version.Results).ToDictionary(r => r.UserId, StringComparer.Ordinal);
                foreach (var user in after.Keys.Concat(before.Keys).Distinct(StringComparer.Ordinal))
                {
                    message.Changes.AddRange(ResultMessages.Changes(before.GetValueOrDefault(user), after.GetValueOrDefault(user)));
                }
            }
            answer.Versions.Add(message);
            previous = version;
        }
        return answer;
    }

    private async Task<IReadOnlyList<PeriodPersonResult>> OpenResultsAsync(KpiPeriod period, FactVisibility visibility, CancellationToken ct)
    {
        var computed = await results.ComputeAsync(period, null, visibility.Scope == ClientVisibility.Own ? [visibility.UserId] : null, ct);
        return Visible(visibility, computed.Results);
    }

    private static List<PeriodPersonResult> Visible(FactVisibility visibility, IEnumerable<PeriodPersonResult> all) =>
        [.. all.Where(r => visibility.Sees(r.UserId, r.TeamIds))];

    private static KpiPeriod RequiredPeriod(string code)
    {
        var errors = new FieldErrors();
        var period = PeriodOf(errors, code);
        errors.ThrowIfAny();
        return period!;
    }

    /// <summary>A month "2026-03" or a quarter "2026-Q1" of the years 2000–2100.</summary>
    private static KpiPeriod? PeriodOf(FieldErrors errors, string code)
    {
        if (code.Length == 0)
        {
            errors.Add("period", "Required: a month as 2026-03 or a quarter as 2026-Q1.");
            return null;
        }
        if (KpiPeriod.TryParse(code, out var period) && period!.Year is >= 2000 and <= 2100)
        {
            return period;
        }
        errors.Add("period", "Must be a month as 2026-03 or a quarter as 2026-Q1 (years 2000 to 2100).");
        return null;
    }

    private static void CheckId(FieldErrors errors, string field, string value)
    {
        if (value.Length > 100)
        {
            errors.Add(field, "At most 100 characters.");
        }
    }
}
