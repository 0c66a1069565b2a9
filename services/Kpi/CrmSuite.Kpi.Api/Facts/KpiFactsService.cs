using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Kpi.Api.Infrastructure;
using CrmSuite.Kpi.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Contracts = CrmSuite.Kpi.Contracts;

namespace CrmSuite.Kpi.Api.Facts;

/// <summary>The daily figures and the facts behind them (kpi.read, by visibility); the projection's rebuild (kpi.configure).</summary>
public sealed class KpiFactsService(KpiDbContext db, TimeProvider clock) : KpiFacts.KpiFactsBase
{
    private const int MaxDays = 400;
    private const string FactOrder = "facts-newest";

    [Authorize(Policy = Permissions.KpiRead)]
    public override async Task<ListDailyFiguresResponse> ListDailyFigures(ListDailyFiguresRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var from = Day(errors, "from", request.From, required: true);
        var to = Day(errors, "to", request.To, required: true);
        if (from is { } f && to is { } t && (t < f || t.DayNumber - f.DayNumber >= MaxDays))
        {
            errors.Add("to", $"Must be on or after from, at most {MaxDays} days later.");
        }
        CheckKinds(errors, "kinds", request.Kinds);
        CheckId(errors, "team_id", request.TeamId);
        CheckId(errors, "pipeline_id", request.PipelineId);
        if (request.UserIds.Count > 200 || request.UserIds.Any(u => u.Length is 0 or > 100))
        {
            errors.Add("user_ids", "At most 200 user ids, each 1 to 100 characters.");
        }
        errors.ThrowIfAny();

        var visibility = FactVisibility.Of(context.GetHttpContext().User);
        if (request.TeamId.Length > 0)
        {
            visibility.CheckTeam(request.TeamId);
        }
        visibility.CheckPeople(request.UserIds);
        var query = new FigureQuery(from!.Value, to!.Value, [.. request.UserIds], request.TeamId, [.. request.Kinds], request.PipelineId);
        var rows = await visibility.Filter(DailyFigures.Query(db, query))
            .OrderByDescending(r => r.Day).ThenBy(r => r.UserId).ThenBy(r => r.Kind).ThenBy(r => r.PipelineId).ThenBy(r => r.TeamId)
            .ToListAsync(context.CancellationToken);
        var response = new ListDailyFiguresResponse();
        response.Figures.AddRange(rows.Select(r => new Contracts.DailyFigure
        {
            UserId = r.UserId, TeamId = r.TeamId, Day = Text(r.Day), Kind = r.Kind, PipelineId = r.PipelineId, Count = r.Count,
            Amount = Text(r.Amount), Days = Text(r.Days),
        }));
        return response;
    }

    [Authorize(Policy = Permissions.KpiRead)]
    public override async Task<ListFactsResponse> ListFacts(ListFactsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var from = Day(errors, "from", request.From, required: false);
        var to = Day(errors, "to", request.To, required: false);
        if (from is { } f && to is { } t && t < f)
        {
            errors.Add("to", "Must be on or after from.");
        }
        CheckKinds(errors, "kind", request.Kind.Length == 0 ? [] : [request.Kind]);
        CheckId(errors, "user_id", request.UserId);
        CheckId(errors, "pipeline_id", request.PipelineId);
        int size = 50;
        if (request.PageSize is < 0 or > 200)
        {
            errors.Add("page_size", "Must be 1 to 200 (0 for the default, 50).");
        }
        else if (request.PageSize > 0)
        {
            size = request.PageSize;
        }
        errors.ThrowIfAny();
        var token = PageToken.Decode(request.PageToken, FactOrder);

        var visibility = FactVisibility.Of(context.GetHttpContext().User);
        var facts = visibility.Filter(db.Facts.AsNoTracking());
        if (request.UserId.Length > 0)
        {
            visibility.CheckPeople([request.UserId]);
            facts = facts.Where(x => x.UserId == request.UserId);
        }
        if (request.Kind.Length > 0)
        {
            facts = facts.Where(x => x.Kind == request.Kind);
        }
        if (from is { } day1)
        {
            facts = facts.Where(x => x.Day >= day1);
        }
        if (to is { } day2)
        {
            facts = facts.Where(x => x.Day <= day2);
        }
        if (request.PipelineId.Length > 0)
        {
            facts = facts.Where(x => x.PipelineId == request.PipelineId);
        }
        if (token is { Time: { } time })
        {
            facts = facts.Where(x => x.OccurredAt < time || (x.OccurredAt == time && x.Id.CompareTo(token.Id) < 0));
        }
        var page = await facts.OrderByDescending(x => x.OccurredAt).ThenByDescending(x => x.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new ListFactsResponse();
        response.Facts.AddRange(page.Take(size).Select(ToMessage));
        if (page.Count > size)
        {
            var last = page[size - 1];
            response.NextPageToken = new PageToken(FactOrder, null, last.OccurredAt, last.Id).Encode();
        }
        return response;
    }

    [Authorize(Policy = Permissions.KpiConfigure)]
    public override async Task<RebuildProjectionResponse> RebuildProjection(RebuildProjectionRequest request, ServerCallContext context)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
            var (facts, rows) = await DailyProjection.RebuildAsync(db, context.CancellationToken);
            await Overview.FunnelProjection.RebuildAsync(db, context.CancellationToken);
            db.Audit(AuditEvent.From(context.GetHttpContext(), clock.GetUtcNow(), "kpi.projection.rebuilt", "projection", "daily_figures",
                details: new { facts, figureRows = rows }));
            await db.SaveChangesAsync(context.CancellationToken);
            await transaction.CommitAsync(context.CancellationToken);
            return new RebuildProjectionResponse { Facts = facts, FigureRows = rows };
        });
    }

    private static Contracts.Fact ToMessage(Fact f) => new()
    {
        Id = f.Id.ToString(), Kind = f.Kind, UserId = f.UserId ?? "", TeamId = f.TeamId ?? "",
        OccurredAt = f.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        Day = Text(f.Day), Amount = Text(f.Amount), Currency = f.Currency ?? "", Days = Text(f.Days),
        PipelineId = f.PipelineId ?? "", StageId = f.StageId ?? "", DealId = Id(f.DealId), CompanyId = Id(f.CompanyId), LeadId = Id(f.LeadId),
        ItemId = Id(f.ItemId), DocumentId = Id(f.DocumentId), MovementId = Id(f.MovementId), Title = f.Title,
    };

    private static string Id(Guid? id) => id?.ToString() ?? "";

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static DateOnly? Day(FieldErrors errors, string field, string value, bool required)
    {
        if (value.Length == 0)
        {
            if (required)
            {
                errors.Add(field, "Required: a day as yyyy-MM-dd.");
            }
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors.Add(field, "Must be a day as yyyy-MM-dd.");
        return null;
    }

    private static void CheckKinds(FieldErrors errors, string field, IEnumerable<string> kinds)
    {
        var unknown = kinds.Where(k => !FactKinds.All.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(field, $"Unknown kind(s) {string.Join(", ", unknown)}; one of {string.Join(", ", FactKinds.All)}.");
        }
    }

    private static void CheckId(FieldErrors errors, string field, string value)
    {
        if (value.Length > 100)
        {
            errors.Add(field, "At most 100 characters.");
        }
    }
}
