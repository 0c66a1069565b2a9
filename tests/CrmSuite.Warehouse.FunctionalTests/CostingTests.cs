using CrmSuite.Warehouse.Contracts;
using static CrmSuite.Warehouse.FunctionalTests.WarehouseApi;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>Moving average cost per product and warehouse, and the stock valuation report.</summary>
public sealed class CostingTests(WarehouseApi api) : IClassFixture<WarehouseApi>
{
    [Fact]
    public async Task Receipts_average_the_cost_and_goods_leave_at_the_average()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();

        await api.ReceiveAsync(site.Id, product.Id, 10m, 100m);
        await api.ReceiveAsync(site.Id, product.Id, 30m, 120m);
        var afterReceipts = await api.LevelAsync(site.Id, product.Id);
        // (10 × 100 + 30 × 120) / 40 = 115
        Assert.Equal(("40", "115", "4600.00"), (afterReceipts!.OnHand, afterReceipts.AverageCost, afterReceipts.Value));

        var shipment = await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Shipment, WarehouseId = site.Id, DealId = Guid.NewGuid().ToString(), Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "15" } },
        }, cancellationToken: Ct);
        Assert.Equal("115", shipment.Lines[0].UnitCost);

        await api.ReceiveAsync(site.Id, product.Id, 25m, 85m);
        var level = await api.LevelAsync(site.Id, product.Id);
        // (25 × 115 + 25 × 85) / 50 = 100
        Assert.Equal(("50", "100", "5000.00"), (level!.OnHand, level.AverageCost, level.Value));
    }

    [Fact]
    public async Task Selling_out_leaves_no_value_behind_even_with_an_uneven_average()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 3m, 10m);
        await api.ReceiveAsync(site.Id, product.Id, 3m, 10.01m);
        foreach (var quantity in new[] { "1", "1", "4" })
        {
            await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
            {
                Type = MovementType.WriteOff, WarehouseId = site.Id, Reason = "Тест", Post = true,
                Lines = { new MovementLine { ProductId = product.Id, Quantity = quantity } },
            }, cancellationToken: Ct);
        }
        var level = await api.LevelAsync(site.Id, product.Id);
        Assert.Equal(("0", "0.00"), (level!.OnHand, level.Value));
    }

    [Fact]
    public async Task The_valuation_report_values_each_warehouse_at_its_own_average_and_is_audited()
    {
        var a = await api.CreateWarehouseAsync();
        var b = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync(sku: "VAL-1");
        await api.ReceiveAsync(a.Id, product.Id, 2m, 100m);
        await api.ReceiveAsync(b.Id, product.Id, 1m, 130m);

        var report = await api.Director.Stock.GetStockValuationAsync(new GetStockValuationRequest(), cancellationToken: Ct);

        var rows = report.Rows.Where(r => r.Sku == "VAL-1").ToDictionary(r => r.WarehouseId);
        Assert.Equal(("100", "200.00"), (rows[a.Id].AverageCost, rows[a.Id].Value));
        Assert.Equal(("130", "130.00"), (rows[b.Id].AverageCost, rows[b.Id].Value));
        Assert.Equal(report.Rows.Sum(r => Dec(r.Value)), Dec(report.TotalValue));
        var audited = Assert.Single(await api.AuditAsync("warehouse.valuation.viewed"));
        Assert.Equal(WarehouseUsers.Director.Id, audited.GetProperty("actorId").GetString());

        var onlyB = await api.Director.Stock.GetStockValuationAsync(new GetStockValuationRequest { WarehouseId = b.Id }, cancellationToken: Ct);
        Assert.Equal("130.00", onlyB.TotalValue);
    }
}
