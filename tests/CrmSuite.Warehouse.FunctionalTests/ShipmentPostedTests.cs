using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Clients.Contracts.Events;
using CrmSuite.Warehouse.Contracts;
using CrmSuite.Warehouse.Contracts.Events;
using Grpc.Core;
using static CrmSuite.Warehouse.FunctionalTests.WarehouseApi;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>
/// warehouse.shipment-posted, which the KPI counts shipments from (issue 14): queued once when a
/// shipment is posted (by a person, or from a won deal's reservations), with the goods' cost as
/// the amount; never for a refused or other movement. A won deal's event reads in its old and
/// its enriched shape.
/// </summary>
public sealed class ShipmentPostedTests(WarehouseApi api) : IClassFixture<WarehouseApi>
{
    [Fact]
    public async Task A_posted_shipment_publishes_its_cost_lines_actor_deal_and_client_once()
    {
        var site = await api.CreateWarehouseAsync();
        var fridge = await api.CreateProductAsync();
        var kettle = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, fridge.Id, 10m, 7m);
        await api.ReceiveAsync(site.Id, kettle.Id, 4m, 12.5m);
        var (deal, client) = (Guid.NewGuid(), Guid.NewGuid());

        var shipment = await api.As(WarehouseUsers.Storekeeper).Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Shipment, WarehouseId = site.Id, DealId = deal.ToString(), CompanyId = client.ToString(), Post = true,
            Lines = { new MovementLine { ProductId = fridge.Id, Quantity = "6" }, new MovementLine { ProductId = kettle.Id, Quantity = "3" } },
        }, cancellationToken: Ct);

        var payload = Assert.Single(await EventsOfAsync(shipment.Id));
        Assert.Equal(["actorId", "amount", "companyId", "currency", "dealId", "lines", "movementId", "occurredAt"],
            payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var posted = payload.Deserialize<ShipmentPosted>(Json)!;
        // 6 × 7 + 3 × 12.5 at cost: a shipment records no sale price.
        Assert.Equal(((Guid?)deal, (Guid?)client, WarehouseUsers.Storekeeper.Id, 79.50m, "RUB", 2, api.Clock.Now),
            (posted.DealId, posted.CompanyId, posted.ActorId, posted.Amount, posted.Currency, posted.Lines, posted.OccurredAt));
    }

    [Fact]
    public async Task A_draft_publishes_at_posting_only_and_posting_it_again_adds_nothing()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 5m, 3m);
        var draft = await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Shipment, WarehouseId = site.Id, DealId = Guid.NewGuid().ToString(),
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "2" } },
        }, cancellationToken: Ct);
        Assert.Empty(await EventsOfAsync(draft.Id));

        await api.Director.Movements.PostMovementAsync(new PostMovementRequest { Id = draft.Id }, cancellationToken: Ct);
        var again = await RefusedAsync(() => api.Director.Movements.PostMovementAsync(new PostMovementRequest { Id = draft.Id }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        var posted = Assert.Single(await EventsOfAsync(draft.Id)).Deserialize<ShipmentPosted>(Json)!;
        Assert.Equal((6m, 1, (Guid?)null, WarehouseUsers.Director.Id), (posted.Amount, posted.Lines, posted.CompanyId, posted.ActorId));
    }

    [Fact]
    public async Task A_shipment_refused_with_400_or_for_lack_of_stock_publishes_nothing()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 2m, 3m);
        var before = (await api.OutboxAsync(ShipmentPosted.Topic)).Count;

        var badInput = await api.Http.PostAsJsonAsync("/v1/warehouse/movements", new
        {
            type = "MOVEMENT_TYPE_SHIPMENT", warehouseId = site.Id, dealId = Guid.NewGuid(), post = true,
            lines = new[] { new { productId = product.Id, quantity = "-1" } },
        }, Ct);
        var tooMany = await RefusedAsync(() => api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Shipment, WarehouseId = site.Id, DealId = Guid.NewGuid().ToString(), Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "3" } },
        }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(HttpStatusCode.BadRequest, badInput.StatusCode);
        Assert.Equal("application/problem+json", badInput.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StatusCode.FailedPrecondition, tooMany.StatusCode);
        Assert.Equal(2m, await api.OnHandAsync(site.Id, product.Id));
        Assert.Equal(before, (await api.OutboxAsync(ShipmentPosted.Topic)).Count);
    }

    [Fact]
    public async Task Receipts_write_offs_and_a_shipments_reversal_publish_no_shipment()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        var receipt = await api.ReceiveAsync(site.Id, product.Id, 10m, 2m);
        var writeOff = await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.WriteOff, WarehouseId = site.Id, Reason = "Бой", Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "1" } },
        }, cancellationToken: Ct);
        var shipment = await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Shipment, WarehouseId = site.Id, DealId = Guid.NewGuid().ToString(), Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "4" } },
        }, cancellationToken: Ct);

        var reversal = await api.Director.Movements.ReverseMovementAsync(new ReverseMovementRequest { Id = shipment.Id, Reason = "Вернули" }, cancellationToken: Ct);

        Assert.Single(await EventsOfAsync(shipment.Id));
        Assert.Empty(await EventsOfAsync(receipt.Id));
        Assert.Empty(await EventsOfAsync(writeOff.Id));
        Assert.Empty(await EventsOfAsync(reversal.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_won_deal_in_the_old_or_the_enriched_shape_ships_its_reservations_and_publishes_the_shipment_as_the_system(bool enriched)
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 10m, 7m);
        var deal = await api.ReserveForNewDealAsync(site.Id, product.Id, "6");
        var company = Guid.NewGuid();
        // The old shape was queued before the KPI's fields were added: deal, company and time only.
        object won = enriched
            ? new DealWon(Guid.Parse(deal), company, api.Clock.Now, Guid.NewGuid(), WarehouseUsers.SalesManager.Id, "team-north", 90_000m, "RUB", api.Clock.Now.AddDays(-12))
            : new { dealId = deal, companyId = company, occurredAt = api.Clock.Now };

        Assert.Equal("SUCCESS", await api.DeliverAsync("/events/deal-won", $"won-{enriched}-{deal}", won));

        var shipment = (await api.Director.Movements.ListMovementsAsync(new ListMovementsRequest { DealId = deal }, cancellationToken: Ct)).Movements.Single();
        Assert.Equal(MovementStatus.Posted, shipment.Status);
        var posted = Assert.Single(await EventsOfAsync(shipment.Id)).Deserialize<ShipmentPosted>(Json)!;
        Assert.Equal(((Guid?)Guid.Parse(deal), (Guid?)company, "system:" + DealWon.Topic, 42m, 1),
            (posted.DealId, posted.CompanyId, posted.ActorId, posted.Amount, posted.Lines));
    }

    private async Task<List<JsonElement>> EventsOfAsync(string movementId) =>
        [.. (await api.OutboxAsync(ShipmentPosted.Topic)).Where(e => e.GetProperty("movementId").GetString() == movementId)];
}
