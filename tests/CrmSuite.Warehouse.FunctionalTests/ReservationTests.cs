using System.Net;
using System.Net.Http.Json;
using CrmSuite.Warehouse.Api.Reservations;
using CrmSuite.Warehouse.Contracts;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static CrmSuite.Warehouse.FunctionalTests.WarehouseApi;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>Reservations hold stock for deals and never promise more than is there.</summary>
public sealed class ReservationTests(WarehouseApi api) : IClassFixture<WarehouseApi>
{
    [Fact]
    public async Task Two_hundred_concurrent_reservations_for_fifty_units_exactly_fifty_succeed()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync(sku: "HOT-50");
        await api.ReceiveAsync(site.Id, product.Id, 50m, 10m);
        var manager = api.As(WarehouseUsers.SalesManager);

        // A watcher samples the stock row the whole time: availability must never be seen below zero.
        using var stop = new CancellationTokenSource();
        var lowestSeen = decimal.MaxValue;
        var samples = 0;
        var watcher = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(api.ConnectionString);
            await connection.OpenAsync(Ct);
            while (!stop.IsCancellationRequested)
            {
                await using var command = new NpgsqlCommand("SELECT on_hand - reserved FROM stock_levels WHERE product_id = @p", connection);
                command.Parameters.AddWithValue("p", Guid.Parse(product.Id));
                lowestSeen = Math.Min(lowestSeen, (decimal)(await command.ExecuteScalarAsync(Ct))!);
                samples++;
            }
        }, Ct);

        var oversoldDeal = await api.OpenDealAsync();
        using var start = new ManualResetEventSlim();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            start.Wait(Ct);
            try
            {
                await manager.Stock.ReserveAsync(new ReserveRequest
                {
                    DealId = oversoldDeal, WarehouseId = site.Id,
                    Lines = { new ReservationLine { ProductId = product.Id, Quantity = "1" } },
                }, cancellationToken: Ct);
                return "reserved";
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
                Assert.Contains("HOT-50", ex.Status.Detail);
                Assert.Contains("requested 1, available 0", ex.Status.Detail);
                return "refused";
            }
        }, Ct)).Append(Task.Run(() => { start.Set(); return "start"; }, Ct)));
        await stop.CancelAsync();
        await watcher;

        var reserved = outcomes.Count(o => o == "reserved");
        var refused = outcomes.Count(o => o == "refused");
        var level = await api.LevelAsync(site.Id, product.Id);
        var activeRows = await api.ScalarAsync("SELECT count(*) FROM reservations WHERE product_id = @p0 AND status = 1", Guid.Parse(product.Id));
        var summary = $"Oversell test: 200 concurrent reservations of 1 unit for 50 on hand -> {reserved} succeeded, {refused} refused; "
            + $"stock row: on_hand {level!.OnHand}, reserved {level.Reserved}, available {level.Available}; active reservation rows {activeRows}; "
            + $"lowest availability seen by the watcher {lowestSeen} over {samples} samples";
        CrmSuite.Testing.TestReport.Print(summary);

        Assert.Equal(50, reserved);
        Assert.Equal(150, refused);
        Assert.Equal(("50", "50", "0"), (level.OnHand, level.Reserved, level.Available));
        Assert.Equal(50, activeRows);
        Assert.True(lowestSeen >= 0m, $"availability went to {lowestSeen}");
    }

    [Fact]
    public async Task Available_is_on_hand_minus_reserved_and_a_reservation_beyond_it_is_refused_whole()
    {
        var site = await api.CreateWarehouseAsync();
        var plenty = await api.CreateProductAsync(sku: "PLENTY-1");
        var scarce = await api.CreateProductAsync(sku: "SCARCE-1", name: "Редкий товар");
        await api.ReceiveAsync(site.Id, plenty.Id, 100m, 1m);
        await api.ReceiveAsync(site.Id, scarce.Id, 2m, 1m);
        var manager = api.As(WarehouseUsers.SalesManager);

        var response = await manager.Http.PostAsJsonAsync("/v1/warehouse/reservations", new
        {
            dealId = await api.OpenDealAsync(), warehouseId = site.Id,
            lines = new[] { new { productId = plenty.Id, quantity = "10" }, new { productId = scarce.Id, quantity = "2.5" } },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadJsonAsync(response);
        Assert.Equal("Not enough SCARCE-1 (Редкий товар) available: requested 2.5, available 2.", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("lines[1].quantity", out _));
        // All or nothing: the line that fitted was not kept either.
        Assert.Equal("0", (await api.LevelAsync(site.Id, plenty.Id))!.Reserved);

        var deal = await api.OpenDealAsync();
        var ok = await manager.Stock.ReserveAsync(new ReserveRequest
        {
            DealId = deal, WarehouseId = site.Id,
            Lines = { new ReservationLine { ProductId = plenty.Id, Quantity = "30" }, new ReservationLine { ProductId = scarce.Id, Quantity = "2" } },
        }, cancellationToken: Ct);
        Assert.Equal(2, ok.Reservations.Count);
        var level = await api.LevelAsync(site.Id, plenty.Id);
        Assert.Equal(("100", "30", "70"), (level!.OnHand, level.Reserved, level.Available));

        // What is reserved cannot be shipped to another deal.
        var ship = await RefusedAsync(() => api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Shipment, WarehouseId = site.Id, DealId = Guid.NewGuid().ToString(), Post = true,
            Lines = { new MovementLine { ProductId = scarce.Id, Quantity = "1" } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Contains("requested 1, available 0", ship.Status.Detail);
    }

    [Fact]
    public async Task A_shipment_for_the_deal_consumes_its_reservation()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 5m, 1m);
        var deal = await api.OpenDealAsync();
        await api.As(WarehouseUsers.SalesManager).Stock.ReserveAsync(new ReserveRequest
        {
            DealId = deal, WarehouseId = site.Id, Lines = { new ReservationLine { ProductId = product.Id, Quantity = "5" } },
        }, cancellationToken: Ct);

        var shipment = await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Shipment, WarehouseId = site.Id, DealId = deal, Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "5" } },
        }, cancellationToken: Ct);

        var level = await api.LevelAsync(site.Id, product.Id);
        Assert.Equal(("0", "0"), (level!.OnHand, level.Reserved));
        var reservation = (await api.Director.Stock.ListReservationsAsync(new ListReservationsRequest { DealId = deal }, cancellationToken: Ct)).Reservations.Single();
        Assert.Equal((ReservationStatus.Shipped, shipment.Id), (reservation.Status, reservation.ShipmentMovementId));
    }

    [Fact]
    public async Task Releasing_returns_the_quantity_and_releasing_again_changes_nothing()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 5m, 1m);
        var manager = api.As(WarehouseUsers.SalesManager);
        var reservation = (await manager.Stock.ReserveAsync(new ReserveRequest
        {
            DealId = await api.OpenDealAsync(), WarehouseId = site.Id, Lines = { new ReservationLine { ProductId = product.Id, Quantity = "3" } },
        }, cancellationToken: Ct)).Reservations.Single();

        var released = await manager.Stock.ReleaseReservationAsync(new ReleaseReservationRequest { Id = reservation.Id }, cancellationToken: Ct);
        var again = await manager.Stock.ReleaseReservationAsync(new ReleaseReservationRequest { Id = reservation.Id }, cancellationToken: Ct);

        Assert.Equal((ReservationStatus.Released, ReservationStatus.Released), (released.Status, again.Status));
        Assert.Equal("0", (await api.LevelAsync(site.Id, product.Id))!.Reserved);
        Assert.Single(await api.AuditAsync("warehouse.reservation.released"), e => e.GetProperty("entityId").GetString() == reservation.Id);
    }

    [Fact]
    public async Task A_reservation_expires_when_its_time_is_up()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 5m, 1m);
        var reservation = (await api.As(WarehouseUsers.SalesManager).Stock.ReserveAsync(new ReserveRequest
        {
            DealId = await api.OpenDealAsync(), WarehouseId = site.Id, Lines = { new ReservationLine { ProductId = product.Id, Quantity = "2" } },
            ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(api.Clock.Now.AddHours(1)),
        }, cancellationToken: Ct)).Reservations.Single();
        var expiry = api.Services.GetRequiredService<ReservationExpiry>();

        await expiry.ExpireDueAsync(Ct);
        Assert.Equal("2", (await api.LevelAsync(site.Id, product.Id))!.Reserved);

        api.Clock.Now = TestClock.WorkingNoon.AddHours(2);
        try
        {
            await expiry.ExpireDueAsync(Ct);
        }
        finally
        {
            api.Clock.Now = TestClock.WorkingNoon;
        }
        Assert.Equal("0", (await api.LevelAsync(site.Id, product.Id))!.Reserved);
        var stored = (await api.Director.Stock.ListReservationsAsync(new ListReservationsRequest { ProductId = product.Id }, cancellationToken: Ct)).Reservations.Single();
        Assert.Equal((reservation.Id, ReservationStatus.Expired), (stored.Id, stored.Status));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task A_zero_or_negative_reservation_is_refused(string quantity)
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        var response = await api.As(WarehouseUsers.SalesManager).Http.PostAsJsonAsync("/v1/warehouse/reservations", new
        {
            dealId = await api.OpenDealAsync(), warehouseId = site.Id, lines = new[] { new { productId = product.Id, quantity } },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("greater than 0", (await ReadJsonAsync(response)).GetProperty("errors").GetProperty("lines[0].quantity")[0].GetString());
    }

    [Fact]
    public async Task Reserving_an_unknown_product_says_so()
    {
        var site = await api.CreateWarehouseAsync();
        var deal = await api.OpenDealAsync();
        var ex = await RefusedAsync(() => api.Director.Stock.ReserveAsync(new ReserveRequest
        {
            DealId = deal, WarehouseId = site.Id, Lines = { new ReservationLine { ProductId = Guid.NewGuid().ToString(), Quantity = "1" } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
    }
}
