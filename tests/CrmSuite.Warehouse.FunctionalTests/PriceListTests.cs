using System.Net;
using System.Net.Http.Json;
using CrmSuite.Warehouse.Contracts;
using Grpc.Core;
using static CrmSuite.Warehouse.FunctionalTests.WarehouseApi;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>Price lists: base and client-group prices, validity dates, currency, export.</summary>
public sealed class PriceListTests(WarehouseApi api) : IClassFixture<WarehouseApi>
{
    [Fact]
    public async Task A_client_group_pays_its_price_and_everyone_else_the_base_price_while_the_list_is_valid()
    {
        var product = await api.CreateProductAsync();
        var list = await api.Director.Catalog.CreatePriceListAsync(new CreatePriceListRequest
        {
            Name = "Зима", Currency = "rub", ValidFrom = "2026-12-01", ValidTo = "2027-02-28",
            Items = { new PriceListItem { ProductId = product.Id, BasePrice = "1000", GroupPrices = { new GroupPrice { ClientGroup = "wholesale", Price = "900.50" } } } },
        }, cancellationToken: Ct);
        Assert.Equal("RUB", list.Currency);

        async Task<Price> PriceAsync(string group, string on) =>
            await api.Director.Catalog.GetPriceAsync(new GetPriceRequest { ProductId = product.Id, ClientGroup = group, On = on }, cancellationToken: Ct);

        Assert.Equal("900.50", (await PriceAsync("wholesale", "2027-01-15")).Price_);
        Assert.Equal("1000.00", (await PriceAsync("retail", "2027-01-15")).Price_);
        var outside = await RefusedAsync(() => PriceAsync("wholesale", "2027-03-01"));
        Assert.Equal(StatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task Bad_prices_dates_and_currency_are_named()
    {
        var product = await api.CreateProductAsync();
        var response = await api.Http.PostAsJsonAsync("/v1/warehouse/price-lists", new
        {
            name = "Плохой", currency = "рубли", validFrom = "2027-02-01", validTo = "2027-01-01",
            items = new object[]
            {
                new { productId = product.Id, basePrice = "-1" },
                new { productId = Guid.NewGuid(), basePrice = "10.001" },
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        Assert.Equal(["currency", "items[0].basePrice", "items[1].basePrice", "validTo"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task The_list_exports_as_CSV_and_printable_HTML_and_each_export_is_audited()
    {
        var product = await api.CreateProductAsync(sku: "EXP-1", name: "Бумага; A4 \"Снегурочка\"");
        var list = await api.Director.Catalog.CreatePriceListAsync(new CreatePriceListRequest
        {
            Name = "Экспорт", Currency = "RUB", ValidFrom = "2026-01-01",
            Items = { new PriceListItem { ProductId = product.Id, BasePrice = "449", GroupPrices = { new GroupPrice { ClientGroup = "vip", Price = "399" } } } },
        }, cancellationToken: Ct);

        var csv = await api.Http.GetAsync($"/v1/warehouse/price-lists/{list.Id}:export?format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\n')).ToList();
        if (lines.Count == 1)
        {
            lines = lines[0].Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        Assert.Equal("SKU;Product;Base price (RUB);vip (RUB)", lines[0]);
        Assert.Equal("EXP-1;\"Бумага; A4 \"\"Снегурочка\"\"\";449.00;399.00", lines[1]);

        var html = await api.Http.GetAsync($"/v1/warehouse/price-lists/{list.Id}:export?format=html", Ct);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<td>Бумага; A4 &quot;Снегурочка&quot;</td>", await html.Content.ReadAsStringAsync(Ct));

        var exports = (await api.AuditAsync("warehouse.price-list.exported")).Where(e => e.GetProperty("entityId").GetString() == list.Id).ToList();
        Assert.Equal(["csv", "html"], exports.Select(e => e.GetProperty("details").GetProperty("format").GetString()).Order());
    }

    [Fact]
    public async Task Editing_with_a_stale_version_is_refused_and_the_prices_stay()
    {
        var product = await api.CreateProductAsync();
        var list = await api.Director.Catalog.CreatePriceListAsync(new CreatePriceListRequest
        {
            Name = "Версия", Currency = "RUB", ValidFrom = "2026-01-01", Items = { new PriceListItem { ProductId = product.Id, BasePrice = "10" } },
        }, cancellationToken: Ct);
        var updated = await api.Director.Catalog.UpdatePriceListAsync(new UpdatePriceListRequest
        {
            Id = list.Id, Name = "Версия", Currency = "RUB", ValidFrom = "2026-01-01", Version = list.Version,
            Items = { new PriceListItem { ProductId = product.Id, BasePrice = "12" } },
        }, cancellationToken: Ct);
        Assert.Equal("12.00", updated.Items[0].BasePrice);

        var stale = await RefusedAsync(() => api.Director.Catalog.UpdatePriceListAsync(new UpdatePriceListRequest
        {
            Id = list.Id, Name = "Версия", Currency = "RUB", ValidFrom = "2026-01-01", Version = list.Version,
            Items = { new PriceListItem { ProductId = product.Id, BasePrice = "99" } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal("12.00", (await api.Director.Catalog.GetPriceListAsync(new GetPriceListRequest { Id = list.Id }, cancellationToken: Ct)).Items[0].BasePrice);
    }
}
