using System.Net;
using System.Net.Http.Json;
using CrmSuite.Warehouse.Contracts;
using static CrmSuite.Warehouse.FunctionalTests.WarehouseApi;

namespace CrmSuite.Warehouse.FunctionalTests;

public sealed class CatalogTests(WarehouseApi api) : IClassFixture<WarehouseApi>
{
    [Fact]
    public async Task Products_are_found_by_name_word_SKU_prefix_or_barcode_prefix()
    {
        var paper = await api.CreateProductAsync(sku: "CAT-PAPER-A4", name: "Бумага офисная A4", barcode: "4601234000011");
        var pen = await api.CreateProductAsync(sku: "CAT-PEN-1", name: "Ручка синяя", barcode: "4609999000022");

        async Task<List<string>> FindAsync(string query) =>
            (await api.Director.Catalog.ListProductsAsync(new ListProductsRequest { Query = query }, cancellationToken: Ct)).Products.Select(p => p.Sku).ToList();

        Assert.Equal([paper.Sku], await FindAsync("офисн"));
        Assert.Equal([pen.Sku], await FindAsync("cat-pen"));
        Assert.Equal([pen.Sku], await FindAsync("460999"));
    }

    [Fact]
    public async Task Products_page_by_SKU_without_gaps_or_repeats()
    {
        var skus = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            skus.Add((await api.CreateProductAsync(sku: $"PG-{i:D2}")).Sku);
        }
        var seen = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await api.Director.Catalog.ListProductsAsync(new ListProductsRequest { Sort = ProductSort.Sku, PageSize = 3, PageToken = token, Query = "PG-" }, cancellationToken: Ct);
            seen.AddRange(page.Products.Select(p => p.Sku));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(skus, seen);
    }

    [Fact]
    public async Task A_duplicate_SKU_and_bad_fields_are_named()
    {
        await api.CreateProductAsync(sku: "DUP-1");
        var duplicate = await api.Http.PostAsJsonAsync("/v1/warehouse/products", new { sku = "dup-1", name = "Второй", unit = "pcs", vatRate = "20" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already has this SKU", (await ReadJsonAsync(duplicate)).GetProperty("errors").GetProperty("sku")[0].GetString());

        var bad = await api.Http.PostAsJsonAsync("/v1/warehouse/products", new { sku = "", name = "", unit = "", vatRate = "120", barcode = "12ab" }, Ct);
        var errors = (await ReadJsonAsync(bad)).GetProperty("errors");
        Assert.Equal(["barcode", "name", "sku", "unit", "vatRate"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Editing_a_product_with_a_stale_version_is_refused()
    {
        var product = await api.CreateProductAsync();
        var request = new UpdateProductRequest { Id = product.Id, Sku = product.Sku, Name = "Новое имя", Unit = "pcs", VatRate = "10", Active = true, Version = product.Version };
        var updated = await api.Director.Catalog.UpdateProductAsync(request, cancellationToken: Ct);
        Assert.Equal(("Новое имя", "10"), (updated.Name, updated.VatRate));

        request.Name = "Ещё новее";
        var stale = await RefusedAsync(() => api.Director.Catalog.UpdateProductAsync(request, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.Aborted, stale.StatusCode);
    }
}
