using System.Net;
using System.Net.Http.Json;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Testing;
using CrmSuite.Warehouse.Api.Catalog;
using CrmSuite.Warehouse.Api.Extensions;
using CrmSuite.Warehouse.Api.Infrastructure;
using CrmSuite.Warehouse.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static CrmSuite.Warehouse.FunctionalTests.WarehouseApi;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>
/// A product keeps a VAT kind from the one dated table (BuildingBlocks/Russian/VatRates.cs); vat_rate
/// answers the kind's percentage today (the test clock is in November 2026: standard is 22 %).
/// </summary>
public sealed class VatKindTests(WarehouseApi api) : IClassFixture<WarehouseApi>
{
    private static string Sku() => "VAT-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_product_created_without_VAT_is_standard_at_22_percent_today()
    {
        using var response = await api.Http.PostAsJsonAsync("/v1/warehouse/products", new { sku = Sku(), name = "Стул", unit = "pcs" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var product = await ReadJsonAsync(response);
        Assert.Equal(("standard", "22"), (product.GetProperty("vatKind").GetString(), product.GetProperty("vatRate").GetString()));
    }

    [Theory]
    [InlineData("20", "standard", "22")]
    [InlineData("22", "standard", "22")]
    [InlineData("10", "reduced", "10")]
    [InlineData("0", "zero", "0")]
    [InlineData("7", "usn7", "7")]
    [InlineData("none", "none", "none")]
    [InlineData("Без НДС", "none", "none")]
    public async Task An_older_caller_sending_a_percentage_gets_the_kind_it_meant(string sent, string kind, string rateToday)
    {
        var product = await api.Director.Catalog.CreateProductAsync(new CreateProductRequest { Sku = Sku(), Name = "Товар", Unit = "pcs", VatRate = sent }, cancellationToken: Ct);

        Assert.Equal((kind, rateToday), (product.VatKind, product.VatRate));
    }

    [Fact]
    public async Task The_kind_wins_over_the_rate_an_edit_without_VAT_keeps_the_kind_and_a_rate_no_kind_has_is_refused()
    {
        var product = await api.Director.Catalog.CreateProductAsync(new CreateProductRequest { Sku = Sku(), Name = "Книга", Unit = "pcs", VatRate = "20", VatKind = "reduced" }, cancellationToken: Ct);
        var edited = await api.Director.Catalog.UpdateProductAsync(new UpdateProductRequest { Id = product.Id, Sku = product.Sku, Name = "Книга, 2-е изд.", Unit = "pcs", Active = true }, cancellationToken: Ct);
        using var bad = await api.Http.PostAsJsonAsync("/v1/warehouse/products", new { sku = Sku(), name = "x", unit = "pcs", vatRate = "12" }, Ct);
        using var badKind = await api.Http.PostAsJsonAsync("/v1/warehouse/products", new { sku = Sku(), name = "x", unit = "pcs", vatKind = "usn6" }, Ct);

        Assert.Equal(("reduced", "10"), (product.VatKind, product.VatRate));
        Assert.Equal(("reduced", "10"), (edited.VatKind, edited.VatRate));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("standard, reduced", (await ReadJsonAsync(bad)).GetProperty("errors").GetProperty("vatRate")[0].GetString());
        Assert.Equal(["vatKind"], (await ReadJsonAsync(badKind)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM products WHERE name = 'x'"));
    }

    [Fact]
    public async Task Products_stored_with_a_percentage_before_the_migration_read_as_the_kind_it_meant()
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("warehouse");
        var builder = Host.CreateApplicationBuilder([$"--ConnectionStrings:{WarehouseServiceExtensions.DatabaseName}={database}"]);
        builder.AddWarehouseDatabase();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDbContext>();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261127071345_ShipmentCompany", Ct);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO products (id, sku, name, unit, vat_rate, active, created_at, updated_at)
            SELECT gen_random_uuid(), 'OLD-' || r, 'Old ' || r, 'pcs', r, true, now(), now()
            FROM unnest(ARRAY[20, 10, 0, 7, 18, 12.5]::numeric[]) AS r
            """, Ct);

        await migrator.MigrateAsync(cancellationToken: Ct);

        var products = (await db.Products.AsNoTracking().ToListAsync(Ct)).OrderBy(p => p.Sku, StringComparer.Ordinal).ToList();
        var today = new DateOnly(2026, 11, 25);
        Assert.Equal(
            [("OLD-0", "zero", "0"), ("OLD-10", "reduced", "10"), ("OLD-12.5", "standard", "22"), ("OLD-18", "standard", "22"), ("OLD-20", "standard", "22"), ("OLD-7", "usn7", "7")],
            products.Select(p => (p.Sku, p.ToMessage(today).VatKind, p.ToMessage(today).VatRate)));
        // The same standard product read on a 2025 date: 20 %.
        Assert.Equal("20", products.Single(p => p.Sku == "OLD-20").ToMessage(new DateOnly(2025, 12, 31)).VatRate);
        Assert.Equal(VatKind.Standard, products.Single(p => p.Sku == "OLD-20").VatKind);
    }
}
