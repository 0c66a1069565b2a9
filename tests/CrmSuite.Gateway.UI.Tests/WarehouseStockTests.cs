using Bunit;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Gateway.UI.Warehouse;
using CrmSuite.Warehouse.Contracts;
using Google.Protobuf.WellKnownTypes;
using WarehouseSite = CrmSuite.Warehouse.Contracts.Warehouse;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class WarehouseStockTests : UiTest
{
    public WarehouseStockTests()
    {
        SignInWith(Permissions.WarehouseRead);
        CatalogApi.Warehouses.Add(new WarehouseSite { Id = "w-main", Code = "MAIN", Name = "Main warehouse", Active = true });
    }

    [Fact]
    public void The_stock_table_shows_each_level_and_marks_the_ones_below_minimum()
    {
        StockApi.OnListStock = _ => Calls.Ok(new ListStockResponse
        {
            Levels =
            {
                Level("p-1", "BOLT-10", "Bolt M10", onHand: "120", reserved: "20", available: "100", minimum: "50", below: false),
                Level("p-2", "NUT-10", "Nut M10", onHand: "8", reserved: "3", available: "5", minimum: "40", below: true),
            },
        });

        var page = Render<WarehouseStockPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=stock-row]").Count));
        var bolt = page.Find("[data-testid=stock-row][data-product-id=p-1]");
        Assert.Equal(["BOLT-10", "Bolt M10", "MAIN · Main warehouse", "120", "20", "100", "50"],
            new[] { "stock-sku", "stock-product-name", "stock-warehouse-name", "stock-on-hand", "stock-reserved", "stock-available", "stock-minimum" }
                .Select(cell => bolt.QuerySelector($"[data-testid={cell}]")!.TextContent.Trim()));
        Assert.Null(bolt.QuerySelector("[data-testid=stock-below-minimum]"));
        var nut = page.Find("[data-testid=stock-row][data-product-id=p-2]");
        Assert.Equal(Texts.Warehouse.BelowMinimum.En, nut.QuerySelector("[data-testid=stock-below-minimum]")!.TextContent.Trim());
        Assert.Equal("warehouse/products/p-2", nut.QuerySelector("[data-testid=stock-sku]")!.GetAttribute("href"));
    }

    [Fact]
    public void An_empty_warehouse_says_there_is_no_stock_yet()
    {
        var page = Render<WarehouseStockPage>();

        page.WaitForAssertion(() => Assert.Contains(Texts.Warehouse.NoStock.En, page.Find("[data-testid=stock-empty]").TextContent));
    }

    [Fact]
    public void Below_minimum_only_asks_the_service_for_short_stock_and_says_when_nothing_is_short()
    {
        var page = Render<WarehouseStockPage>();
        page.WaitForAssertion(() => Assert.Single(StockApi.ListStockRequests));

        page.Find("[data-testid=below-minimum-only]").Click();

        page.WaitForAssertion(() => Assert.True(StockApi.ListStockRequests.Last().BelowMinimumOnly));
        page.WaitForAssertion(() => Assert.Contains(Texts.Warehouse.NoStockForFilter.En, page.Find("[data-testid=stock-empty]").TextContent));
    }

    [Fact]
    public void The_flags_for_the_Director_are_listed_under_the_stock()
    {
        SignInWith(Permissions.WarehouseRead, Permissions.AuditAlertsRead);
        StockApi.OnListFlags = _ => Calls.Ok(new ListFlagsResponse
        {
            Flags =
            {
                new WarehouseFlag
                {
                    Id = "f-1", Kind = FlagKind.LargeWriteOff, MovementId = "m-9", ActorName = "Oleg Sidorov", Amount = "150000.00",
                    Description = "Write-off 9 of 150000.00", OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                },
            },
        });

        var page = Render<WarehouseStockPage>();

        page.WaitForAssertion(() => Assert.Equal("Oleg Sidorov", page.Find("[data-testid=flag-actor]").TextContent));
        Assert.Equal(Texts.Warehouse.LargeWriteOff.En, page.Find("[data-testid=flag-kind]").TextContent.Trim());
        Assert.Equal("warehouse/movements/m-9", page.Find("[data-testid=flag-movement]").GetAttribute("href"));
    }

    [Fact]
    public void Storekeepers_do_not_see_the_flags()
    {
        SignInWith(Permissions.WarehouseRead, Permissions.WarehouseWrite);

        var page = Render<WarehouseStockPage>();

        page.WaitForAssertion(() => Assert.Single(StockApi.ListStockRequests));
        Assert.Empty(page.FindAll("[data-testid=flag-actor]"));
        Assert.Empty(StockApi.ListFlagsRequests);
    }

    [Fact]
    public void Without_warehouse_read_the_warehouse_is_neither_in_the_menu_nor_open()
    {
        SignInWith(Permissions.ClientsRead);
        Navigation.NavigateTo("warehouse");

        Interactive();
        var routes = Render<Routes>();

        Assert.Empty(routes.FindAll("[data-testid=nav-warehouse]"));
        Assert.NotNull(routes.Find("[data-testid=not-allowed]"));
        Assert.Empty(StockApi.ListStockRequests);

        Navigation.NavigateTo("warehouse/products/p-1");
        routes.WaitForAssertion(() => Assert.NotNull(routes.Find("[data-testid=not-allowed]")));
        Assert.Empty(routes.FindAll("[data-testid=product-title]"));
    }

    [Fact]
    public void With_warehouse_read_the_menu_leads_to_the_stock()
    {
        Navigation.NavigateTo("warehouse");

        Interactive();
        var routes = Render<Routes>();

        Assert.Equal("warehouse", routes.Find("[data-testid=nav-warehouse]").GetAttribute("href"));
        routes.WaitForAssertion(() => Assert.NotNull(routes.Find("[data-testid=stock-grid]")));
        Assert.Empty(routes.FindAll("[data-testid=warehouse-section-new-movement]"));
    }

    private static StockLevel Level(string productId, string sku, string name, string onHand, string reserved, string available, string minimum, bool below) => new()
    {
        ProductId = productId,
        Sku = sku,
        ProductName = name,
        WarehouseId = "w-main",
        OnHand = onHand,
        Reserved = reserved,
        Available = available,
        MinimumQuantity = minimum,
        BelowMinimum = below,
    };
}
