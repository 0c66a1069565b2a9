using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Api.Infrastructure;
using CrmSuite.Warehouse.Api.Ledger;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.Warehouse.Api.Reservations;
using CrmSuite.Warehouse.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reservation = CrmSuite.Warehouse.Api.Reservations.Reservation;

namespace CrmSuite.Warehouse.Api.Stock;

/// <summary>Stock levels, reservations for deals, the ledger check, the valuation report and the flags.</summary>
public sealed class StockService(WarehouseDbContext db, ReservationBook book, DealGate dealGate, StockVerifier verifier, AuditTrail audit, TimeProvider clock, IOptions<ReservationOptions> options)
    : Contracts.Stock.StockBase
{
    public const int MaxReservationLines = 100;
    private const string StockOrder = "stock";
    private const string ReservationOrder = "reservations";
    private const string FlagOrder = "flags";

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<ListStockResponse> ListStock(ListStockRequest request, ServerCallContext context)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var errors = new FieldErrors();
        var warehouseId = InputRules.Id(errors, "warehouse_id", request.WarehouseId, required: false);
        var productId = InputRules.Id(errors, "product_id", request.ProductId, required: false);
        errors.ThrowIfAny();
        var token = PageToken.Decode(request.PageToken, StockOrder);

        var rows = from level in db.StockLevels.AsNoTracking()
                   join product in db.Products.AsNoTracking() on level.ProductId equals product.Id
                   select new { level, product.Sku, product.Name };
        if (warehouseId is { } w)
        {
            rows = rows.Where(r => r.level.WarehouseId == w);
        }
        if (productId is { } p)
        {
            rows = rows.Where(r => r.level.ProductId == p);
        }
        if (request.BelowMinimumOnly)
        {
            rows = rows.Where(r => r.level.MinimumQuantity > 0 && r.level.OnHand < r.level.MinimumQuantity);
        }
        if (token is not null)
        {
            var sku = token.Text ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
            rows = rows.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.Sku, r.level.WarehouseId), ValueTuple.Create(sku, token.Id)));
        }
        var page = await rows.OrderBy(r => r.Sku).ThenBy(r => r.level.WarehouseId).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListStockResponse();
        response.Levels.AddRange(page.Take(pageSize).Select(r => r.level.ToMessage(r.Sku, r.Name)));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = new PageToken(StockOrder, last.Sku, null, last.level.WarehouseId).Encode();
        }
        return response;
    }

    [Authorize(Policy = Permissions.WarehouseReserve)]
    public override async Task<ReserveResponse> Reserve(ReserveRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var dealId = InputRules.Id(errors, "deal_id", request.DealId, required: true);
        var warehouseId = InputRules.Id(errors, "warehouse_id", request.WarehouseId, required: true);
        if (request.Lines.Count == 0)
        {
            errors.Add("lines", "Add at least one line.");
        }
        if (request.Lines.Count > MaxReservationLines)
        {
            errors.Add("lines", $"At most {MaxReservationLines} lines per reservation.");
        }
        var lines = new List<ReservationBook.Line>();
        for (var i = 0; i < request.Lines.Count && i < MaxReservationLines; i++)
        {
            var productId = InputRules.Id(errors, $"lines[{i}].product_id", request.Lines[i].ProductId, required: true);
            var quantity = InputRules.Quantity(errors, $"lines[{i}].quantity", request.Lines[i].Quantity);
            if (productId is { } id && lines.Any(l => l.ProductId == id))
            {
                errors.Add($"lines[{i}].product_id", "Reserve each product once per request.");
            }
            else if (productId is { } pid && quantity is { } q)
            {
                lines.Add(new ReservationBook.Line(pid, q));
            }
        }
        var now = clock.GetUtcNow();
        var expiresAt = request.ExpiresAt is null ? now + options.Value.ReservationLifetime : request.ExpiresAt.ToDateTimeOffset();
        if (expiresAt <= now)
        {
            errors.Add("expires_at", "The expiry must be in the future.");
        }
        errors.ThrowIfAny();
        await dealGate.EnsureOpenAsync(dealId!.Value, context.GetHttpContext(), context.CancellationToken);

        var reservations = await book.ReserveAsync(dealId!.Value, warehouseId!.Value, lines, expiresAt, Actor.From(context.GetHttpContext()), context.CancellationToken);
        var response = new ReserveResponse();
        response.Reservations.AddRange(reservations.Select(r => r.Reservation.ToMessage(r.Sku)));
        return response;
    }

    [Authorize(Policy = Permissions.WarehouseReserve)]
    public override async Task<Contracts.Reservation> ReleaseReservation(ReleaseReservationRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var reservation = await db.Reservations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Reservation", request.Id);
        if (reservation.Status == ReservationState.Active
            && !await book.ReleaseAsync(reservation, ReservationState.Released, Actor.From(context.GetHttpContext()), context.CancellationToken))
        {
            reservation = await db.Reservations.AsNoTracking().SingleAsync(r => r.Id == id, context.CancellationToken);
        }
        // Releasing what is no longer active changes nothing and says what it is now.
        var skus = await SkusAsync([reservation.ProductId], context.CancellationToken);
        return reservation.ToMessage(skus.GetValueOrDefault(reservation.ProductId, string.Empty));
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<ListReservationsResponse> ListReservations(ListReservationsRequest request, ServerCallContext context)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var errors = new FieldErrors();
        var dealId = InputRules.Id(errors, "deal_id", request.DealId, required: false);
        var productId = InputRules.Id(errors, "product_id", request.ProductId, required: false);
        errors.ThrowIfAny();
        var token = PageToken.Decode(request.PageToken, ReservationOrder);
        IQueryable<Reservation> reservations = db.Reservations.AsNoTracking();
        if (dealId is { } d)
        {
            reservations = reservations.Where(r => r.DealId == d);
        }
        if (productId is { } p)
        {
            reservations = reservations.Where(r => r.ProductId == p);
        }
        if (request.ActiveOnly)
        {
            reservations = reservations.Where(r => r.Status == ReservationState.Active);
        }
        if (token is not null)
        {
            var created = token.Time ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
            reservations = reservations.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(created, token.Id)));
        }
        var page = await reservations.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var skus = await SkusAsync(page.Select(r => r.ProductId), context.CancellationToken);
        var response = new ListReservationsResponse();
        response.Reservations.AddRange(page.Take(pageSize).Select(r => r.ToMessage(skus.GetValueOrDefault(r.ProductId, string.Empty))));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = new PageToken(ReservationOrder, null, last.CreatedAt, last.Id).Encode();
        }
        return response;
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<VerifyStockResponse> VerifyStock(VerifyStockRequest request, ServerCallContext context)
    {
        var result = await verifier.VerifyAsync(context.CancellationToken);
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.stock.verified", "stock", string.Empty,
            details: new { result.LevelsChecked, result.LedgerEntries, result.Consistent, mismatches = result.Mismatches.Count });
        await db.SaveChangesAsync(context.CancellationToken);
        return result;
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<StockValuation> GetStockValuation(GetStockValuationRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var warehouseId = InputRules.Id(errors, "warehouse_id", request.WarehouseId, required: false);
        errors.ThrowIfAny();
        var rows = from level in db.StockLevels.AsNoTracking()
                   join product in db.Products.AsNoTracking() on level.ProductId equals product.Id
                   where level.OnHand > 0
                   select new { level, product.Sku, product.Name };
        if (warehouseId is { } w)
        {
            rows = rows.Where(r => r.level.WarehouseId == w);
        }
        var list = await rows.OrderBy(r => r.Sku).ThenBy(r => r.level.WarehouseId).ToListAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        var report = new StockValuation { AsOf = Timestamp.FromDateTimeOffset(now) };
        report.Rows.AddRange(list.Select(r => new ValuationRow
        {
            ProductId = r.level.ProductId.ToString(),
            Sku = r.Sku,
            ProductName = r.Name,
            WarehouseId = r.level.WarehouseId.ToString(),
            OnHand = Numbers.Qty(r.level.OnHand),
            AverageCost = Numbers.Cost(r.level.AverageCost),
            Value = Numbers.Money(r.level.StockValue),
        }));
        var total = list.Sum(r => r.level.StockValue);
        report.TotalValue = Numbers.Money(total);
        // A report run is a sensitive read: recorded before the answer leaves.
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.valuation.viewed", "stock", warehouseId?.ToString() ?? string.Empty,
            details: new { rows = list.Count, totalValue = Numbers.Money(total) });
        await db.SaveChangesAsync(context.CancellationToken);
        return report;
    }

    /// <summary>
    /// Flags are about people (out-of-hours movements, large write-offs): for Directors and
    /// Auditors (audit.alerts.read), not for the storekeepers they are about.
    /// </summary>
    [Authorize(Policy = Permissions.AuditAlertsRead)]
    public override async Task<ListFlagsResponse> ListFlags(ListFlagsRequest request, ServerCallContext context)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var token = PageToken.Decode(request.PageToken, FlagOrder);
        var flags = db.Flags.AsNoTracking();
        if (token is not null)
        {
            var at = token.Time ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
            flags = flags.Where(f => EF.Functions.LessThan(ValueTuple.Create(f.OccurredAt, f.Id), ValueTuple.Create(at, token.Id)));
        }
        var page = await flags.OrderByDescending(f => f.OccurredAt).ThenByDescending(f => f.Id).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListFlagsResponse();
        response.Flags.AddRange(page.Take(pageSize).Select(f => f.ToMessage()));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = new PageToken(FlagOrder, null, last.OccurredAt, last.Id).Encode();
        }
        return response;
    }

    private async Task<Dictionary<Guid, string>> SkusAsync(IEnumerable<Guid> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.Distinct().ToList();
        return await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Sku, cancellationToken);
    }
}
