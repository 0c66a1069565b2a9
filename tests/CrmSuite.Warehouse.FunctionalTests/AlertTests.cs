using CrmSuite.Warehouse.Contracts;
using static CrmSuite.Warehouse.FunctionalTests.WarehouseApi;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>Minimum stock alerts and the Director's flags (Warehouse:WorkingHours 08–20 Moscow, WriteOffFlagAmount 10,000 here).</summary>
public sealed class AlertTests(WarehouseApi api) : IClassFixture<WarehouseApi>
{
    [Fact]
    public async Task Falling_below_the_minimum_publishes_one_event_and_marks_the_stock()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync(sku: "MIN-1");
        await api.ReceiveAsync(site.Id, product.Id, 20m, 1m);
        await api.Director.Catalog.SetMinimumStockAsync(new SetMinimumStockRequest { WarehouseId = site.Id, ProductId = product.Id, MinimumQuantity = "10" }, cancellationToken: Ct);

        foreach (var quantity in new[] { "9", "3", "2" })
        {
            await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
            {
                Type = MovementType.Shipment, WarehouseId = site.Id, DealId = Guid.NewGuid().ToString(), Post = true,
                Lines = { new MovementLine { ProductId = product.Id, Quantity = quantity } },
            }, cancellationToken: Ct);
        }

        // 20 → 11 (still at or above 10) → 8 (crossed) → 6 (already below: no second alert).
        var alert = Assert.Single(await api.OutboxAsync("warehouse.stock-below-minimum"), e => e.GetProperty("sku").GetString() == "MIN-1");
        Assert.Equal((8m, 10m), (alert.GetProperty("onHand").GetDecimal(), alert.GetProperty("minimumQuantity").GetDecimal()));
        var below = await api.Director.Stock.ListStockAsync(new ListStockRequest { BelowMinimumOnly = true, WarehouseId = site.Id }, cancellationToken: Ct);
        Assert.Equal(("MIN-1", true), (below.Levels.Single().Sku, below.Levels.Single().BelowMinimum));
    }

    [Fact]
    public async Task A_movement_posted_at_night_and_a_large_write_off_are_flagged_for_the_Director()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 100m, 500m);
        var keeper = api.As(WarehouseUsers.Storekeeper);

        // 23:30 in Moscow.
        api.Clock.Now = new DateTimeOffset(2026, 11, 25, 20, 30, 0, TimeSpan.Zero);
        Movement night;
        try
        {
            night = await keeper.Movements.CreateMovementAsync(new CreateMovementRequest
            {
                Type = MovementType.WriteOff, WarehouseId = site.Id, Reason = "Бой", Post = true,
                Lines = { new MovementLine { ProductId = product.Id, Quantity = "1" } },
            }, cancellationToken: Ct);
        }
        finally
        {
            api.Clock.Now = TestClock.WorkingNoon;
        }
        var large = await keeper.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.WriteOff, WarehouseId = site.Id, Reason = "Затопление", Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "30" } },
        }, cancellationToken: Ct);
        var small = await keeper.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.WriteOff, WarehouseId = site.Id, Reason = "Брак", Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "2" } },
        }, cancellationToken: Ct);

        var flags = (await api.Director.Stock.ListFlagsAsync(new ListFlagsRequest(), cancellationToken: Ct)).Flags;
        var nightFlag = Assert.Single(flags, f => f.MovementId == night.Id);
        Assert.Equal((FlagKind.OutOfHours, WarehouseUsers.Storekeeper.Id), (nightFlag.Kind, nightFlag.ActorId));
        Assert.Contains("23:30", nightFlag.Description);
        var largeFlag = Assert.Single(flags, f => f.MovementId == large.Id);
        Assert.Equal((FlagKind.LargeWriteOff, "15000.00"), (largeFlag.Kind, largeFlag.Amount));
        Assert.DoesNotContain(flags, f => f.MovementId == small.Id);
        Assert.Equal(2, (await api.OutboxAsync("warehouse.movement-flagged")).Count(e => e.GetProperty("movementId").GetString() is { } id && (id == night.Id || id == large.Id)));
    }
}
