using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Api.Infrastructure;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.Warehouse.Contracts;
using Google.Protobuf.Collections;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Warehouse.Api.Ledger;

/// <summary>The movement documents: drafts, posting, reversal. Every write is audited in its own transaction.</summary>
public sealed class MovementsService(WarehouseDbContext db, PostingEngine engine, AuditTrail audit, TimeProvider clock) : Contracts.Movements.MovementsBase
{
    public const int MaxLines = 500;
    private const string ListOrder = "movements";

    [Authorize(Policy = Permissions.WarehouseWrite)]
    public override async Task<Contracts.Movement> CreateMovement(CreateMovementRequest request, ServerCallContext context)
    {
        if (request.Type == MovementType.Unspecified || !Enum.IsDefined(request.Type))
        {
            throw new ValidationFailedException("type", "Choose the movement type: RECEIPT, SHIPMENT, TRANSFER, WRITE_OFF or COUNT_ADJUSTMENT.");
        }
        var kind = (MovementKind)(int)request.Type;
        var input = await ParseAsync(kind, request.WarehouseId, request.DestinationWarehouseId, request.Supplier, request.DealId, request.CompanyId, request.Reason, request.Comment, request.Lines, context.CancellationToken);
        var actor = Actor.From(context.GetHttpContext());
        var now = clock.GetUtcNow();
        var movement = new Movement { Id = Guid.CreateVersion7(now), Type = kind, CreatedAt = now, CreatedBy = actor.Id };
        Apply(movement, input);

        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        db.Movements.Add(movement);
        audit.Record(actor, "warehouse.movement.created", "movement", movement.Id.ToString(), after: Snapshot(movement));
        await db.SaveChangesAsync(context.CancellationToken);
        if (request.Post)
        {
            await engine.PostAsync(movement, actor, context.CancellationToken);
            audit.Record(actor, "warehouse.movement.posted", "movement", movement.Id.ToString(), after: Snapshot(movement));
            await db.SaveChangesAsync(context.CancellationToken);
        }
        await transaction.CommitAsync(context.CancellationToken);
        return movement.ToMessage(await SkusAsync(movement, context.CancellationToken));
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<Contracts.Movement> GetMovement(GetMovementRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var movement = await db.Movements.AsNoTracking().Include(m => m.Lines).FirstOrDefaultAsync(m => m.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Movement", request.Id);
        return movement.ToMessage(await SkusAsync(movement, context.CancellationToken));
    }

    [Authorize(Policy = Permissions.WarehouseWrite)]
    public override async Task<Contracts.Movement> UpdateMovement(UpdateMovementRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var expected = InputRules.Version(request.Version);
        var movement = await db.Movements.Include(m => m.Lines).FirstOrDefaultAsync(m => m.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Movement", request.Id);
        if (movement.Posted)
        {
            throw new StateConflictException("id", $"Movement {movement.Number} is posted and cannot be edited; reverse it and enter a new one.");
        }
        Concurrency.CheckVersion("Movement", request.Id, movement.Version, expected);
        var input = await ParseAsync(movement.Type, request.WarehouseId, request.DestinationWarehouseId, request.Supplier, request.DealId, request.CompanyId, request.Reason, request.Comment, request.Lines, context.CancellationToken);
        var before = Snapshot(movement);
        db.MovementLines.RemoveRange(movement.Lines);
        movement.Lines = [];
        Apply(movement, input);
        // The document row is always rewritten, so its version guards the lines too.
        db.Entry(movement).Property(m => m.Comment).IsModified = true;
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.movement.updated", "movement", id.ToString(), before, Snapshot(movement));
        await db.SaveChangesOrConflictAsync("Movement", request.Id, context.CancellationToken);
        return movement.ToMessage(await SkusAsync(movement, context.CancellationToken));
    }

    [Authorize(Policy = Permissions.WarehouseWrite)]
    public override async Task<Contracts.Movement> PostMovement(PostMovementRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var expected = InputRules.Version(request.Version);
        var actor = Actor.From(context.GetHttpContext());
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var movement = await LockAsync(id, context.CancellationToken);
        if (movement.Posted)
        {
            throw new StateConflictException("id", $"Movement {movement.Number} was already posted at {movement.PostedAt:yyyy-MM-dd HH:mm} UTC; nothing was changed.");
        }
        Concurrency.CheckVersion("Movement", request.Id, movement.Version, expected);
        await engine.PostAsync(movement, actor, context.CancellationToken);
        audit.Record(actor, "warehouse.movement.posted", "movement", id.ToString(), after: Snapshot(movement));
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return movement.ToMessage(await SkusAsync(movement, context.CancellationToken));
    }

    [Authorize(Policy = Permissions.WarehouseWrite)]
    public override async Task<Contracts.Movement> ReverseMovement(ReverseMovementRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var errors = new FieldErrors();
        var reason = InputRules.Text(errors, "reason", request.Reason, Movement.MaxTextLength, required: true, "reason for the reversal");
        errors.ThrowIfAny();
        var actor = Actor.From(context.GetHttpContext());
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var original = await LockAsync(id, context.CancellationToken);
        if (!original.Posted)
        {
            throw new StateConflictException("id", $"Movement {original.Number} is a draft; edit it instead of reversing it.");
        }
        if (original.ReversedByMovementId is not null)
        {
            throw new StateConflictException("id", $"Movement {original.Number} has already been reversed; nothing was changed.");
        }
        if (original.ReversesMovementId is not null)
        {
            throw new StateConflictException("id", $"Movement {original.Number} is itself a reversal; enter the movement again instead.");
        }
        var reversal = new Movement
        {
            Id = Guid.CreateVersion7(now),
            Type = original.Type,
            WarehouseId = original.WarehouseId,
            DestinationWarehouseId = original.DestinationWarehouseId,
            Supplier = original.Supplier,
            DealId = original.DealId,
            CompanyId = original.CompanyId,
            Reason = reason,
            Comment = $"Reverses movement {original.Number}",
            ReversesMovementId = original.Id,
            CreatedAt = now,
            CreatedBy = actor.Id,
            Lines = original.Lines.Select(l => new MovementLine { LineNo = l.LineNo, ProductId = l.ProductId, Quantity = l.Quantity, CountedQuantity = l.CountedQuantity }).ToList(),
        };
        db.Movements.Add(reversal);
        await db.SaveChangesAsync(context.CancellationToken);
        await engine.PostAsync(reversal, actor, context.CancellationToken);
        original.ReversedByMovementId = reversal.Id;
        audit.Record(actor, "warehouse.movement.reversed", "movement", original.Id.ToString(), details: new { reversalId = reversal.Id, reversalNumber = reversal.Number, reason });
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return reversal.ToMessage(await SkusAsync(reversal, context.CancellationToken));
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<ListMovementsResponse> ListMovements(ListMovementsRequest request, ServerCallContext context)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var errors = new FieldErrors();
        var warehouseId = InputRules.Id(errors, "warehouse_id", request.WarehouseId, required: false);
        var productId = InputRules.Id(errors, "product_id", request.ProductId, required: false);
        var dealId = InputRules.Id(errors, "deal_id", request.DealId, required: false);
        var companyId = InputRules.Id(errors, "company_id", request.CompanyId, required: false);
        if (!Enum.IsDefined(request.Type))
        {
            errors.Add("type", "Unknown movement type.");
        }
        if (!Enum.IsDefined(request.Status))
        {
            errors.Add("status", "Unknown status.");
        }
        errors.ThrowIfAny();
        var token = PageToken.Decode(request.PageToken, ListOrder);

        var movements = db.Movements.AsNoTracking();
        if (request.Type != MovementType.Unspecified)
        {
            var kind = (MovementKind)(int)request.Type;
            movements = movements.Where(m => m.Type == kind);
        }
        if (request.Status != MovementStatus.Unspecified)
        {
            var posted = request.Status == MovementStatus.Posted;
            movements = movements.Where(m => m.Posted == posted);
        }
        if (warehouseId is { } w)
        {
            movements = movements.Where(m => m.WarehouseId == w || m.DestinationWarehouseId == w);
        }
        if (productId is { } p)
        {
            movements = movements.Where(m => m.Lines.Any(l => l.ProductId == p));
        }
        if (dealId is { } d)
        {
            movements = movements.Where(m => m.DealId == d);
        }
        if (companyId is { } c)
        {
            movements = movements.Where(m => m.CompanyId == c);
        }
        if (token is not null)
        {
            var created = token.Time ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
            movements = movements.Where(m => EF.Functions.LessThan(ValueTuple.Create(m.CreatedAt, m.Id), ValueTuple.Create(created, token.Id)));
        }
        var page = await movements.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(pageSize + 1)
            .Include(m => m.Lines).AsSplitQuery().ToListAsync(context.CancellationToken);
        var skus = await SkusAsync(page.SelectMany(m => m.Lines).Select(l => l.ProductId), context.CancellationToken);
        var response = new ListMovementsResponse();
        response.Movements.AddRange(page.Take(pageSize).Select(m => m.ToMessage(skus)));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = new PageToken(ListOrder, null, last.CreatedAt, last.Id).Encode();
        }
        return response;
    }

    private async Task<Movement> LockAsync(Guid id, CancellationToken cancellationToken)
    {
        // Serialises posting, reversing and editing of one document: a second poster waits here
        // and then finds it posted.
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM movements WHERE id = {id} FOR UPDATE", cancellationToken);
        return await db.Movements.Include(m => m.Lines).FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException("Movement", id.ToString());
    }

    internal sealed record MovementInput(Guid WarehouseId, Guid? DestinationWarehouseId, string? Supplier, Guid? DealId, Guid? CompanyId, string? Reason, string? Comment, List<MovementLine> Lines);

    private async Task<MovementInput> ParseAsync(MovementKind kind, string warehouse, string destination, string supplier, string deal, string company, string reason, string comment,
        RepeatedField<Contracts.MovementLine> lines, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var warehouseId = InputRules.Id(errors, "warehouse_id", warehouse, required: true);
        var destinationId = InputRules.Id(errors, "destination_warehouse_id", destination, required: kind == MovementKind.Transfer);
        if (kind != MovementKind.Transfer && destinationId is not null)
        {
            errors.Add("destination_warehouse_id", "Only a transfer has a destination warehouse.");
        }
        if (kind == MovementKind.Transfer && destinationId is not null && destinationId == warehouseId)
        {
            errors.Add("destination_warehouse_id", "A transfer goes to a different warehouse.");
        }
        var supplierText = InputRules.Text(errors, "supplier", supplier, Movement.MaxTextLength, required: kind == MovementKind.Receipt, "supplier");
        var dealId = InputRules.Id(errors, "deal_id", deal, required: kind == MovementKind.Shipment);
        var companyId = InputRules.Id(errors, "company_id", company, required: false);
        if (kind != MovementKind.Shipment && companyId is not null)
        {
            errors.Add("company_id", "Only a shipment goes to a client.");
        }
        var reasonText = InputRules.Text(errors, "reason", reason, Movement.MaxTextLength, required: kind == MovementKind.WriteOff, "reason for the write-off");
        var commentText = InputRules.Text(errors, "comment", comment, Movement.MaxTextLength, required: false, "comment");
        if (lines.Count == 0)
        {
            errors.Add("lines", "Add at least one line.");
        }
        if (lines.Count > MaxLines)
        {
            errors.Add("lines", $"At most {MaxLines} lines per movement.");
        }
        var parsed = new List<MovementLine>();
        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            var line = lines[i];
            var productId = InputRules.Id(errors, $"lines[{i}].product_id", line.ProductId, required: true);
            decimal? quantity = null, counted = null, cost = null;
            if (kind == MovementKind.CountAdjustment)
            {
                counted = InputRules.Decimal(errors, $"lines[{i}].counted_quantity", line.CountedQuantity, 3, 0m, InputRules.MaxQuantity, minExclusive: false, required: true, "counted quantity");
                cost = InputRules.Decimal(errors, $"lines[{i}].unit_cost", line.UnitCost, 4, 0m, InputRules.MaxMoney, minExclusive: false, required: false, "unit cost");
            }
            else
            {
                quantity = InputRules.Quantity(errors, $"lines[{i}].quantity", line.Quantity);
                if (kind == MovementKind.Receipt)
                {
                    cost = InputRules.Decimal(errors, $"lines[{i}].unit_cost", line.UnitCost, 4, 0m, InputRules.MaxMoney, minExclusive: false, required: true, "purchase cost per unit");
                }
                else if (line.UnitCost.Length > 0)
                {
                    errors.Add($"lines[{i}].unit_cost", "Only receipts and counts give a cost; others take the moving average cost.");
                }
            }
            if (productId is { } id)
            {
                if (kind == MovementKind.CountAdjustment && parsed.Any(p => p.ProductId == id))
                {
                    errors.Add($"lines[{i}].product_id", "Count each product once per count.");
                }
                parsed.Add(new MovementLine { LineNo = i + 1, ProductId = id, Quantity = quantity ?? 0m, CountedQuantity = counted, UnitCost = cost });
            }
        }
        errors.ThrowIfAny();

        var wanted = new List<(string Field, Guid Id)> { ("warehouse_id", warehouseId!.Value) };
        if (destinationId is { } destinationValue)
        {
            wanted.Add(("destination_warehouse_id", destinationValue));
        }
        var warehouseIds = wanted.Select(w => w.Id).ToList();
        var warehouses = await db.Warehouses.AsNoTracking().Where(w => warehouseIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        foreach (var (field, wid) in wanted)
        {
            if (!warehouses.TryGetValue(wid, out var site))
            {
                errors.Add(field, "No such warehouse.");
            }
            else if (!site.Active)
            {
                errors.Add(field, $"Warehouse {site.Code} is closed.");
            }
        }
        var productIds = parsed.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var line in parsed)
        {
            if (!products.TryGetValue(line.ProductId, out var product))
            {
                errors.Add($"lines[{line.LineNo - 1}].product_id", "No such product.");
            }
            else if (!product.Active && kind != MovementKind.WriteOff && kind != MovementKind.CountAdjustment)
            {
                errors.Add($"lines[{line.LineNo - 1}].product_id", $"Product {product.Sku} is inactive.");
            }
        }
        errors.ThrowIfAny();
        return new MovementInput(warehouseId.Value, destinationId, supplierText, dealId, companyId, reasonText, commentText, parsed);
    }

    private static void Apply(Movement movement, MovementInput input)
    {
        movement.WarehouseId = input.WarehouseId;
        movement.DestinationWarehouseId = input.DestinationWarehouseId;
        movement.Supplier = input.Supplier;
        movement.DealId = input.DealId;
        movement.CompanyId = input.CompanyId;
        movement.Reason = input.Reason;
        movement.Comment = input.Comment;
        foreach (var line in input.Lines)
        {
            line.MovementId = movement.Id;
            movement.Lines.Add(line);
        }
    }

    internal static object Snapshot(Movement movement) => new
    {
        movement.Number,
        Type = movement.Type.ToString(),
        movement.Posted,
        movement.WarehouseId,
        movement.DestinationWarehouseId,
        movement.Supplier,
        movement.DealId,
        movement.CompanyId,
        movement.Reason,
        movement.Comment,
        movement.ReversesMovementId,
        Lines = movement.Lines.OrderBy(l => l.LineNo).Select(l => new
        {
            l.ProductId,
            Quantity = Numbers.Qty(l.Quantity),
            UnitCost = l.UnitCost is { } c ? Numbers.Cost(c) : null,
            CountedQuantity = l.CountedQuantity is { } q ? Numbers.Qty(q) : null,
        }),
    };

    private Task<Dictionary<Guid, string>> SkusAsync(Movement movement, CancellationToken cancellationToken) =>
        SkusAsync(movement.Lines.Select(l => l.ProductId), cancellationToken);

    private async Task<Dictionary<Guid, string>> SkusAsync(IEnumerable<Guid> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.Distinct().ToList();
        return await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Sku, cancellationToken);
    }
}
