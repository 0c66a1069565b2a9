using CrmSuite.Warehouse.Contracts;
using Grpc.Core;
using static CrmSuite.Warehouse.FunctionalTests.WarehouseApi;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>
/// The stock levels are a projection of the ledger. After 10,000 random movements (every type,
/// reversals, refusals, reservations in between, several clerks at once) recomputing from the
/// ledger gives exactly the stored levels, and both equal the sum of what the answers said.
/// </summary>
public sealed class LedgerConsistencyTests(WarehouseApi api) : IClassFixture<WarehouseApi>
{
    private const int Movements = 10_000;
    private const int Clerks = 8;

    [Fact]
    public async Task After_ten_thousand_random_movements_the_ledger_and_the_stock_levels_agree()
    {
        var sites = new[] { await api.CreateWarehouseAsync(), await api.CreateWarehouseAsync(), await api.CreateWarehouseAsync() };
        var products = new List<Product>();
        for (var i = 0; i < 6; i++)
        {
            products.Add(await api.CreateProductAsync());
        }
        var model = new Dictionary<(string Product, string Warehouse), decimal>();
        var posted = new List<Movement>();
        var counts = new Dictionary<string, int>();
        var refused = 0;
        var next = -1;
        var gate = new object();

        void Record(string what, Movement? movement)
        {
            lock (gate)
            {
                counts[what] = counts.GetValueOrDefault(what) + 1;
                if (movement is null)
                {
                    return;
                }
                posted.Add(movement);
                foreach (var (product, warehouse, delta) in Deltas(movement))
                {
                    model[(product, warehouse)] = model.GetValueOrDefault((product, warehouse)) + delta;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Clerks).Select(clerk => Task.Run(async () =>
        {
            var random = new Random(1000 + clerk);
            int i;
            while ((i = Interlocked.Increment(ref next)) < Movements)
            {
                var site = sites[random.Next(sites.Length)];
                var other = sites.First(s => s.Id != site.Id);
                var lines = products.OrderBy(_ => random.Next()).Take(random.Next(1, 4))
                    .Select(p => new MovementLine { ProductId = p.Id, Quantity = Str(random.Next(1, 40) / 4m) }).ToList();
                var roll = random.Next(100);
                var request = new CreateMovementRequest { WarehouseId = site.Id, Post = true };
                string kind;
                if (roll < 35)
                {
                    kind = "receipt";
                    request.Type = MovementType.Receipt;
                    request.Supplier = "Поставщик";
                    lines.ForEach(l => l.UnitCost = Str(random.Next(100, 10_000) / 100m));
                }
                else if (roll < 55)
                {
                    kind = "shipment";
                    request.Type = MovementType.Shipment;
                    request.DealId = Guid.NewGuid().ToString();
                }
                else if (roll < 70)
                {
                    kind = "transfer";
                    request.Type = MovementType.Transfer;
                    request.DestinationWarehouseId = other.Id;
                }
                else if (roll < 80)
                {
                    kind = "write-off";
                    request.Type = MovementType.WriteOff;
                    request.Reason = "Порча";
                }
                else if (roll < 88)
                {
                    kind = "count";
                    request.Type = MovementType.CountAdjustment;
                    lines.ForEach(l => { l.CountedQuantity = Str(random.Next(0, 60) / 2m); l.Quantity = string.Empty; });
                }
                else if (roll < 94)
                {
                    // Reservations come and go between movements, so availability checks are exercised too.
                    var deal = await api.OpenDealAsync();
                    try
                    {
                        var reservation = await api.Director.Stock.ReserveAsync(new ReserveRequest
                        {
                            DealId = deal, WarehouseId = site.Id,
                            Lines = { new ReservationLine { ProductId = lines[0].ProductId, Quantity = lines[0].Quantity } },
                        }, cancellationToken: Ct);
                        if (random.Next(2) == 0)
                        {
                            await api.Director.Stock.ReleaseReservationAsync(new ReleaseReservationRequest { Id = reservation.Reservations[0].Id }, cancellationToken: Ct);
                        }
                        else
                        {
                            // Ship it for the deal: the shipment consumes the reservation.
                            Record("shipment of a reservation", await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
                            {
                                Type = MovementType.Shipment, WarehouseId = site.Id, DealId = deal, Post = true,
                                Lines = { new MovementLine { ProductId = lines[0].ProductId, Quantity = lines[0].Quantity } },
                            }, cancellationToken: Ct));
                            continue;
                        }
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
                    {
                        Interlocked.Increment(ref refused);
                    }
                    Record("reservation", null);
                    continue;
                }
                else
                {
                    kind = "reversal";
                    Movement? target;
                    lock (gate)
                    {
                        var candidates = posted.Where(m => m.ReversesMovementId.Length == 0).ToList();
                        target = candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];
                    }
                    if (target is null)
                    {
                        continue;
                    }
                    try
                    {
                        Record(kind, await api.Director.Movements.ReverseMovementAsync(new ReverseMovementRequest { Id = target.Id, Reason = "Исправление" }, cancellationToken: Ct));
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
                    {
                        Interlocked.Increment(ref refused);
                        Record("refused " + kind, null);
                    }
                    continue;
                }
                request.Lines.AddRange(lines);
                try
                {
                    Record(kind, await api.Director.Movements.CreateMovementAsync(request, cancellationToken: Ct));
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
                {
                    // Not enough stock (or a count below what is reserved): refused, nothing written.
                    Interlocked.Increment(ref refused);
                    Record("refused " + kind, null);
                }
            }
        }, Ct)));

        var verification = await api.Director.Stock.VerifyStockAsync(new VerifyStockRequest(), cancellationToken: Ct);
        var levels = new List<StockLevel>();
        foreach (var site in sites)
        {
            levels.AddRange((await api.Director.Stock.ListStockAsync(new ListStockRequest { WarehouseId = site.Id, PageSize = 200 }, cancellationToken: Ct)).Levels);
        }
        var ledgerEntries = await api.ScalarAsync("SELECT count(*) FROM ledger_entries");
        var summary = $"Consistency test: {Movements} attempts by {Clerks} concurrent clerks -> {posted.Count} movements posted, {refused} refused "
            + $"({string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}); "
            + $"{ledgerEntries} ledger entries; recomputed {verification.LevelsChecked} stock levels from the ledger: "
            + $"{verification.Mismatches.Count} mismatches; negative levels {levels.Count(l => Dec(l.OnHand) < 0 || Dec(l.Available) < 0)}";
        CrmSuite.Testing.TestReport.Print(summary);

        Assert.True(verification.Consistent, string.Join("; ", verification.Mismatches.Take(5).Select(m => $"{m.ProductId}/{m.WarehouseId} {m.Field}: ledger {m.Ledger} vs {m.Projection}")));
        Assert.Equal(ledgerEntries, verification.LedgerEntries);
        Assert.True(posted.Count > Movements / 2, $"only {posted.Count} movements were posted");
        Assert.True(refused > 0, "no movement was refused: the random mix did not exercise the availability checks");
        foreach (var level in levels)
        {
            Assert.Equal(model.GetValueOrDefault((level.ProductId, level.WarehouseId)), Dec(level.OnHand));
            Assert.True(Dec(level.Available) >= 0m);
        }
    }

    /// <summary>What a posted movement did to each product's quantity in each warehouse, read from its answer.</summary>
    private static IEnumerable<(string Product, string Warehouse, decimal Delta)> Deltas(Movement movement)
    {
        var sign = movement.ReversesMovementId.Length > 0 ? -1m : 1m;
        foreach (var line in movement.Lines)
        {
            var quantity = Dec(line.Quantity);
            switch (movement.Type)
            {
                case MovementType.Receipt:
                case MovementType.CountAdjustment:
                    yield return (line.ProductId, movement.WarehouseId, sign * quantity);
                    break;
                case MovementType.Shipment:
                case MovementType.WriteOff:
                    yield return (line.ProductId, movement.WarehouseId, -sign * quantity);
                    break;
                case MovementType.Transfer:
                    yield return (line.ProductId, movement.WarehouseId, -sign * quantity);
                    yield return (line.ProductId, movement.DestinationWarehouseId, sign * quantity);
                    break;
            }
        }
    }
}
