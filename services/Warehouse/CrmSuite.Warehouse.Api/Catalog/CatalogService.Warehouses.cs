using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Ledger;
using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Warehouse.Api.Catalog;

/// <summary>The catalogue's warehouses and the minimum stock of a product in each.</summary>
public sealed partial class CatalogService
{
    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.Warehouse> CreateWarehouse(CreateWarehouseRequest request, ServerCallContext context)
    {
        var (code, name, address) = WarehouseFields(request.Code, request.Name, request.Address);
        var site = new WarehouseSite { Id = Guid.CreateVersion7(clock.GetUtcNow()), Code = code, Name = name, Address = address, Active = true };
        db.Warehouses.Add(site);
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.warehouse.created", "warehouse", site.Id.ToString(), after: new { site.Code, site.Name, site.Address });
        await SaveUniqueAsync("Warehouse", site.Id, context.CancellationToken);
        return site.ToMessage();
    }

    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.Warehouse> UpdateWarehouse(UpdateWarehouseRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var expected = InputRules.Version(request.Version);
        var (code, name, address) = WarehouseFields(request.Code, request.Name, request.Address);
        var site = await db.Warehouses.FirstOrDefaultAsync(w => w.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Warehouse", request.Id);
        Concurrency.CheckVersion("Warehouse", request.Id, site.Version, expected);
        var before = new { site.Code, site.Name, site.Address, site.Active };
        site.Code = code;
        site.Name = name;
        site.Address = address;
        site.Active = request.Active;
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.warehouse.updated", "warehouse", id.ToString(), before, new { site.Code, site.Name, site.Address, site.Active });
        await SaveUniqueAsync("Warehouse", id, context.CancellationToken);
        return site.ToMessage();
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<ListWarehousesResponse> ListWarehouses(ListWarehousesRequest request, ServerCallContext context)
    {
        var sites = db.Warehouses.AsNoTracking();
        if (!request.IncludeInactive)
        {
            sites = sites.Where(w => w.Active);
        }
        var response = new ListWarehousesResponse();
        response.Warehouses.AddRange((await sites.OrderBy(w => w.Code).ToListAsync(context.CancellationToken)).Select(w => w.ToMessage()));
        return response;
    }

    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.StockLevel> SetMinimumStock(SetMinimumStockRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var warehouseId = InputRules.Id(errors, "warehouse_id", request.WarehouseId, required: true);
        var productId = InputRules.Id(errors, "product_id", request.ProductId, required: true);
        var minimum = InputRules.Decimal(errors, "minimum_quantity", request.MinimumQuantity, 3, 0m, InputRules.MaxQuantity, minExclusive: false, required: true, "minimum quantity");
        errors.ThrowIfAny();
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId, context.CancellationToken)
            ?? throw new ValidationFailedException("product_id", "No such product.");
        if (!await db.Warehouses.AnyAsync(w => w.Id == warehouseId, context.CancellationToken))
        {
            throw new ValidationFailedException("warehouse_id", "No such warehouse.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var level = (await engine.LockLevelsAsync([(productId!.Value, warehouseId!.Value)], clock.GetUtcNow(), context.CancellationToken)).Values.Single();
        var before = Numbers.Qty(level.MinimumQuantity);
        level.MinimumQuantity = minimum!.Value;
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.minimum-stock.set", "stock-level", $"{productId}/{warehouseId}",
            new { minimumQuantity = before }, new { minimumQuantity = Numbers.Qty(level.MinimumQuantity) });
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return level.ToMessage(product.Sku, product.Name);
    }

    private static (string Code, string Name, string? Address) WarehouseFields(string code, string name, string address)
    {
        var errors = new FieldErrors();
        var codeText = InputRules.Text(errors, "code", code, WarehouseSite.MaxCodeLength, required: true, "warehouse code")?.ToUpperInvariant();
        var nameText = InputRules.Text(errors, "name", name, WarehouseSite.MaxNameLength, required: true, "warehouse name");
        var addressText = InputRules.Text(errors, "address", address, WarehouseSite.MaxAddressLength, required: false, "address");
        errors.ThrowIfAny();
        return (codeText!, nameText!, addressText);
    }
}
