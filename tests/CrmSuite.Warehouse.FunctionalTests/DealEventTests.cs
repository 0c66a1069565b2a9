using CrmSuite.Warehouse.Contracts;
using static CrmSuite.Warehouse.FunctionalTests.WarehouseApi;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>
/// The clients service's deal outcomes, delivered as Dapr CloudEvents to the inbox endpoints:
/// a lost deal releases its reservations, a won deal ships them, each event applies once.
/// </summary>
public sealed class DealEventTests(WarehouseApi api) : IClassFixture<WarehouseApi>
{
    [Fact]
    public async Task A_lost_deal_releases_its_reservations_once()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 10m, 1m);
        var deal = await ReserveAsync(site.Id, product.Id, "4");

        var first = await DeliverAsync("/events/deal-lost", "lost-" + deal, deal);
        var again = await DeliverAsync("/events/deal-lost", "lost-" + deal, deal);

        Assert.Equal(("SUCCESS", "SUCCESS"), (first, again));
        Assert.Equal("0", (await api.LevelAsync(site.Id, product.Id))!.Reserved);
        var reservation = (await api.Director.Stock.ListReservationsAsync(new ListReservationsRequest { DealId = deal }, cancellationToken: Ct)).Reservations.Single();
        Assert.Equal(ReservationStatus.Released, reservation.Status);
        Assert.Single(await api.AuditAsync("warehouse.reservation.released"), e => e.GetProperty("entityId").GetString() == reservation.Id);
    }

    [Fact]
    public async Task A_won_deal_turns_its_reservations_into_one_shipment_even_if_the_event_comes_twice()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 10m, 7m);
        var deal = await ReserveAsync(site.Id, product.Id, "6");

        Assert.Equal("SUCCESS", await DeliverAsync("/events/deal-won", "won-" + deal, deal));
        Assert.Equal("SUCCESS", await DeliverAsync("/events/deal-won", "won-" + deal, deal));

        var level = await api.LevelAsync(site.Id, product.Id);
        Assert.Equal(("4", "0"), (level!.OnHand, level.Reserved));
        var shipment = (await api.Director.Movements.ListMovementsAsync(new ListMovementsRequest { DealId = deal }, cancellationToken: Ct)).Movements.Single();
        Assert.Equal((MovementType.Shipment, MovementStatus.Posted, "6", "7"), (shipment.Type, shipment.Status, shipment.Lines.Single().Quantity, shipment.Lines.Single().UnitCost));
        var reservation = (await api.Director.Stock.ListReservationsAsync(new ListReservationsRequest { DealId = deal }, cancellationToken: Ct)).Reservations.Single();
        Assert.Equal((ReservationStatus.Shipped, shipment.Id), (reservation.Status, reservation.ShipmentMovementId));
    }

    [Fact]
    public async Task The_subscriptions_are_announced_to_the_sidecar()
    {
        var json = await api.Anonymous.GetStringAsync("/dapr/subscribe", Ct);
        Assert.Contains("clients.deal-won", json);
        Assert.Contains("clients.deal-lost", json);
    }

    private Task<string> ReserveAsync(string warehouseId, string productId, string quantity) =>
        api.ReserveForNewDealAsync(warehouseId, productId, quantity);

    /// <summary>The event in the shape the clients service sent before issue 14 added the KPI's fields.</summary>
    private Task<string> DeliverAsync(string route, string eventId, string dealId) =>
        api.DeliverAsync(route, eventId, new { dealId, companyId = Guid.NewGuid(), occurredAt = DateTimeOffset.UtcNow });
}
