using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CrmSuite.Testing;
using static CrmSuite.Warehouse.FunctionalTests.WarehouseApi;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>
/// Stock is reserved only for a deal of the real clients service that exists, that the person
/// reserving may see and that is open; otherwise nothing is reserved.
/// </summary>
public sealed class ReservationDealCheckTests(WarehouseApi api) : IClassFixture<WarehouseApi>
{
    private async Task<(string Site, string Product)> StockedAsync()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 10m, 1m);
        return (site.Id, product.Id);
    }

    private static object Body(string dealId, string site, string product) =>
        new { dealId, warehouseId = site, lines = new[] { new { productId = product, quantity = "3" } } };

    private async Task AssertNothingReservedAsync(string site, string product) =>
        Assert.Equal("0", (await api.LevelAsync(site, product))!.Reserved);

    [Fact]
    public async Task A_deal_that_does_not_exist_is_refused_naming_dealId_and_nothing_is_reserved()
    {
        var (site, product) = await StockedAsync();

        var response = await api.As(WarehouseUsers.SalesManager).Http.PostAsJsonAsync("/v1/warehouse/reservations", Body(Guid.NewGuid().ToString(), site, product), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadJsonAsync(response);
        Assert.Equal(["Deal not found."], problem.GetProperty("errors").GetProperty("dealId").EnumerateArray().Select(e => e.GetString()));
        await AssertNothingReservedAsync(site, product);
    }

    [Fact]
    public async Task Another_managers_deal_is_not_found_for_a_manager_who_may_not_see_it()
    {
        var (site, product) = await StockedAsync();
        var borisDeal = await api.OpenDealAsync(TestUser.ManagerBoris);

        var response = await api.As(WarehouseUsers.SalesManager).Http.PostAsJsonAsync("/v1/warehouse/reservations", Body(borisDeal, site, product), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("dealId", out _));
        await AssertNothingReservedAsync(site, product);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_won_or_lost_deal_is_refused_naming_dealId_and_nothing_is_reserved(bool won)
    {
        var (site, product) = await StockedAsync();
        var deal = await api.OpenDealAsync();
        await api.CloseDealAsync(deal, won);

        var response = await api.As(WarehouseUsers.SalesManager).Http.PostAsJsonAsync("/v1/warehouse/reservations", Body(deal, site, product), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await ReadJsonAsync(response)).GetProperty("errors").GetProperty("dealId")[0].GetString();
        Assert.Contains(won ? "won" : "lost", message, StringComparison.Ordinal);
        await AssertNothingReservedAsync(site, product);
    }

    [Fact]
    public async Task An_open_deal_the_manager_sees_is_reserved_for()
    {
        var (site, product) = await StockedAsync();
        var deal = await api.OpenDealAsync();

        var response = await api.As(WarehouseUsers.SalesManager).Http.PostAsJsonAsync("/v1/warehouse/reservations", Body(deal, site, product), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", (await api.LevelAsync(site, product))!.Reserved);
    }

    [Fact]
    public async Task With_the_clients_service_down_a_reservation_is_503_unavailable_and_nothing_is_reserved()
    {
        var (site, product) = await StockedAsync();
        var deal = await api.OpenDealAsync();
        // A port nobody listens on: the clients service is down.
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var cutOff = api.StartWarehouseWithClientsAt(new Uri($"http://127.0.0.1:{port}"));
        using var http = cutOff.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(WarehouseUsers.SalesManager, TimeSpan.FromHours(1)));

        var response = await http.PostAsJsonAsync("/v1/warehouse/reservations", Body(deal, site, product), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("clients service is unavailable", (await ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingReservedAsync(site, product);
    }
}
