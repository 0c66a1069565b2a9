using System.Net;
using System.Net.Http.Json;
using CrmSuite.Testing;
using CrmSuite.Warehouse.Contracts;
using Grpc.Core;
using static CrmSuite.Warehouse.FunctionalTests.WarehouseApi;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>Deny by default: each operation needs its warehouse permission, and nothing works without a token.</summary>
public sealed class AuthorizationTests(WarehouseApi api) : IClassFixture<WarehouseApi>
{
    public static TheoryData<string, string> ReadRoutes => new()
    {
        { "GET", "/v1/warehouse/products" },
        { "GET", "/v1/warehouse/stock" },
        { "GET", "/v1/warehouse/movements" },
        { "GET", "/v1/warehouse/reports/valuation" },
        { "GET", "/v1/warehouse/stock:verify" },
    };

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task Without_a_token_every_route_answers_401_and_without_warehouse_read_403(string method, string path)
    {
        using var anonymous = await api.Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var outsider = await api.As(WarehouseUsers.ClientsOnly).Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, outsider.StatusCode);
    }

    [Fact]
    public async Task Flags_are_for_the_Director_not_for_the_storekeepers_they_are_about()
    {
        Assert.Equal(HttpStatusCode.OK, (await api.Director.Http.GetAsync("/v1/warehouse/flags", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.As(WarehouseUsers.Storekeeper).Http.GetAsync("/v1/warehouse/flags", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.GetAsync("/v1/warehouse/flags", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_sales_manager_reserves_but_cannot_post_movements_or_edit_the_catalogue()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 5m, 1m);
        var manager = api.As(WarehouseUsers.SalesManager);

        await manager.Stock.ReserveAsync(new ReserveRequest
        {
            DealId = await api.OpenDealAsync(), WarehouseId = site.Id, Lines = { new ReservationLine { ProductId = product.Id, Quantity = "1" } },
        }, cancellationToken: Ct);

        var post = await manager.Http.PostAsJsonAsync("/v1/warehouse/movements", new
        {
            type = "MOVEMENT_TYPE_WRITE_OFF", warehouseId = site.Id, reason = "x", post = true, lines = new[] { new { productId = product.Id, quantity = "1" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var catalogue = await manager.Http.PostAsJsonAsync("/v1/warehouse/products", new { sku = "NOPE-1", name = "x", unit = "pcs", vatRate = "20" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, catalogue.StatusCode);
        Assert.Equal(5m, await api.OnHandAsync(site.Id, product.Id));
    }

    [Fact]
    public async Task A_storekeeper_posts_movements_but_cannot_reserve_or_edit_prices()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        var keeper = api.As(WarehouseUsers.Storekeeper);

        await keeper.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Receipt, WarehouseId = site.Id, Supplier = "S", Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "2", UnitCost = "1" } },
        }, cancellationToken: Ct);

        var reserve = await RefusedAsync(() => keeper.Stock.ReserveAsync(new ReserveRequest
        {
            DealId = Guid.NewGuid().ToString(), WarehouseId = site.Id, Lines = { new ReservationLine { ProductId = product.Id, Quantity = "1" } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, reserve.StatusCode);
        var prices = await RefusedAsync(() => keeper.Catalog.CreatePriceListAsync(new CreatePriceListRequest { Name = "x", Currency = "RUB", ValidFrom = "2026-01-01" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, prices.StatusCode);
        Assert.Equal("0", (await api.LevelAsync(site.Id, product.Id))!.Reserved);
    }

    [Fact]
    public async Task A_catalogue_manager_maintains_products_and_minimum_stock_but_cannot_move_goods()
    {
        var catalogue = api.As(WarehouseUsers.CatalogManager);
        var site = await api.CreateWarehouseAsync();
        var product = await catalogue.Catalog.CreateProductAsync(new CreateProductRequest { Sku = "CM-1", Name = "Товар", Unit = "pcs", VatRate = "20" }, cancellationToken: Ct);
        var level = await catalogue.Catalog.SetMinimumStockAsync(new SetMinimumStockRequest { WarehouseId = site.Id, ProductId = product.Id, MinimumQuantity = "5" }, cancellationToken: Ct);
        Assert.Equal("5", level.MinimumQuantity);

        var receive = await RefusedAsync(() => catalogue.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Receipt, WarehouseId = site.Id, Supplier = "S", Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "2", UnitCost = "1" } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, receive.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/warehouse/stock");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(WarehouseUsers.Director, TimeSpan.FromMinutes(-10)));
        var response = await api.Director.Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
