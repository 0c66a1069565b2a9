using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Catalog;
using CrmSuite.Warehouse.Api.Infrastructure;
using CrmSuite.Warehouse.Api.Ledger;
using CrmSuite.Warehouse.Api.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Warehouse.Api.Demo;

/// <summary>
/// A small, believable catalogue for a first look: two warehouses, office goods with stock
/// received through the ledger (so stock and ledger agree from the start), minimum stock on a few
/// products, and a price list with a wholesale price. Runs once: skipped when products exist.
/// </summary>
public static class DemoData
{
    private sealed record DemoProduct(string Sku, string Name, string Unit, string? Barcode, VatKind Vat, string Category, decimal Cost, decimal Price, decimal MainQty, decimal SpbQty, decimal Minimum);

    private static readonly DemoProduct[] Products =
    [
        new("PAP-A4-500", "Бумага офисная A4, 500 листов", "pcs", "4601234567893", VatKind.Standard, "Бумага", 310.50m, 449.00m, 400m, 120m, 100m),
        new("PAP-A3-500", "Бумага офисная A3, 500 листов", "pcs", "4601234567909", VatKind.Standard, "Бумага", 690.00m, 989.00m, 60m, 20m, 10m),
        new("PEN-BL-50", "Ручка шариковая синяя, 50 шт.", "box", null, VatKind.Standard, "Письменные принадлежности", 240.00m, 399.00m, 150m, 40m, 30m),
        new("PEN-GEL-12", "Ручка гелевая чёрная, 12 шт.", "box", null, VatKind.Standard, "Письменные принадлежности", 180.00m, 290.00m, 80m, 0m, 0m),
        new("FLD-LEV-75", "Папка-регистратор 75 мм", "pcs", "4607012345674", VatKind.Standard, "Папки и архив", 95.20m, 159.00m, 500m, 200m, 50m),
        new("TNR-HP-85A", "Картридж HP 85A", "pcs", "0884962772419", VatKind.Standard, "Расходные материалы", 2150.00m, 3290.00m, 25m, 8m, 5m),
        new("COF-BEAN-1", "Кофе в зёрнах, 1 кг", "kg", null, VatKind.Reduced, "Кухня", 980.00m, 1390.00m, 30.5m, 12m, 0m),
        new("WTR-19L", "Вода питьевая, 19 л", "pcs", null, VatKind.Standard, "Кухня", 210.00m, 320.00m, 40m, 15m, 10m),
    ];

    public static async Task<int> SeedAsync(WarehouseDbContext db, PostingEngine engine, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.Products.AnyAsync(cancellationToken))
        {
            return 0;
        }
        var now = clock.GetUtcNow();
        var actor = Actor.System("demo-seed");
        var main = new WarehouseSite { Id = Guid.CreateVersion7(now), Code = "MSK-1", Name = "Москва, основной склад", Address = "Москва, ул. Складская, 1", Active = true };
        var spb = new WarehouseSite { Id = Guid.CreateVersion7(now), Code = "SPB-1", Name = "Санкт-Петербург", Address = "Санкт-Петербург, пр. Обуховской Обороны, 120", Active = true };
        db.Warehouses.AddRange(main, spb);
        var categories = Products.Select(p => p.Category).Distinct().ToDictionary(c => c, c => new Category { Id = Guid.CreateVersion7(now), Name = c });
        db.Categories.AddRange(categories.Values);
        var products = Products.Select(p => (Demo: p, Entity: new Product
        {
            Id = Guid.CreateVersion7(now),
            Sku = p.Sku,
            Name = p.Name,
            Unit = p.Unit,
            Barcode = p.Barcode,
            VatKind = p.Vat,
            Active = true,
            CategoryId = categories[p.Category].Id,
            CreatedAt = now,
            UpdatedAt = now,
        })).ToList();
        db.Products.AddRange(products.Select(p => p.Entity));
        await db.SaveChangesAsync(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (site, quantity) in new[] { (main, (Func<DemoProduct, decimal>)(p => p.MainQty)), (spb, p => p.SpbQty) })
        {
            var receipt = new Movement
            {
                Id = Guid.CreateVersion7(now),
                Type = MovementKind.Receipt,
                WarehouseId = site.Id,
                Supplier = "ООО «Офис-Снаб»",
                Comment = "Opening stock (demo data)",
                CreatedAt = now,
                CreatedBy = actor.Id,
                Lines = products.Where(p => quantity(p.Demo) > 0)
                    .Select((p, i) => new MovementLine { LineNo = i + 1, ProductId = p.Entity.Id, Quantity = quantity(p.Demo), UnitCost = p.Demo.Cost })
                    .ToList(),
            };
            db.Movements.Add(receipt);
            await db.SaveChangesAsync(cancellationToken);
            await engine.PostAsync(receipt, actor, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        foreach (var (demo, entity) in products.Where(p => p.Demo.Minimum > 0))
        {
            var level = await db.StockLevels.SingleAsync(l => l.ProductId == entity.Id && l.WarehouseId == main.Id, cancellationToken);
            level.MinimumQuantity = demo.Minimum;
        }
        var priceList = new PriceList
        {
            Id = Guid.CreateVersion7(now),
            Name = "Прайс-лист " + now.Year,
            Currency = "RUB",
            ValidFrom = new DateOnly(now.Year, 1, 1),
            CreatedAt = now,
            UpdatedAt = now,
            Entries = products.SelectMany(p => new[]
            {
                new PriceListEntry { ProductId = p.Entity.Id, ClientGroup = string.Empty, Price = p.Demo.Price },
                new PriceListEntry { ProductId = p.Entity.Id, ClientGroup = "wholesale", Price = Math.Round(p.Demo.Price * 0.9m, 2) },
            }).ToList(),
        };
        db.PriceLists.Add(priceList);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return products.Count;
    }
}
