using Bunit;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Gateway.UI.Warehouse;
using CrmSuite.Warehouse.Contracts;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class WarehousePriceListTests : UiTest
{
    private static PriceList Retail() => new()
    {
        Id = "pl-1", Name = "Розница", Currency = "RUB", ValidFrom = "2026-11-01", Version = "1",
        Items =
        {
            new PriceListItem
            {
                ProductId = "p-1", Sku = "KETTLE-1", ProductName = "Чайник", BasePrice = "1990.00",
                GroupPrices = { new GroupPrice { ClientGroup = "wholesale", Price = "1700.00" } },
            },
        },
    };

    [Fact]
    public void The_price_lists_show_their_prices_and_export_the_selected_one()
    {
        SignInWith(Permissions.WarehouseRead);
        CatalogApi.PriceLists.Add(Retail());

        var page = Render<PriceListsPage>();

        page.WaitForAssertion(() => Assert.Equal("1990.00", page.Find("[data-testid=price-list-base-price]").TextContent));
        Assert.Contains("wholesale: 1700.00", page.Find("[data-testid=price-list-item]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=new-price-list]"));

        page.Find("[data-testid=price-list-export-csv]").Click();

        page.WaitForAssertion(() => Assert.Equal(("pl-1", "csv"), (CatalogApi.ExportRequests.Single().Id, CatalogApi.ExportRequests.Single().Format)));
        var download = Assert.Single(JSInterop.Invocations, i => i.Identifier == "downloadText");
        Assert.Equal("text/csv; charset=utf-8", download.Arguments[2]);
    }

    [Fact]
    public void No_price_lists_show_an_empty_state()
    {
        SignInWith(Permissions.WarehouseRead);

        var page = Render<PriceListsPage>();

        page.WaitForElement("[data-testid=price-lists-empty]");
        Assert.Empty(page.FindAll("[data-testid=price-list-detail]"));
    }

    [Fact]
    public void A_new_price_list_sends_the_product_found_by_its_SKU()
    {
        SignInWith(Permissions.WarehouseRead, Permissions.WarehouseCatalog);
        CatalogApi.OnListProducts = _ => Calls.Ok(new ListProductsResponse { Products = { new Product { Id = "p-1", Sku = "KETTLE-1", Name = "Чайник" } } });

        var dialog = Render<PriceListDialog>();
        dialog.Find("[data-testid=price-list-name-input]").Change("Опт");
        dialog.Find("[data-testid=price-list-sku-input]").Change("kettle-1");
        dialog.Find("[data-testid=price-list-price-input]").Change("1700");
        dialog.Find("[data-testid=price-list-save]").Click();

        dialog.WaitForAssertion(() => Assert.Single(CatalogApi.CreatePriceListRequests));
        var sent = CatalogApi.CreatePriceListRequests.Single();
        Assert.Equal(("Опт", "RUB"), (sent.Name, sent.Currency));
        Assert.Equal(("p-1", "1700"), (sent.Items.Single().ProductId, sent.Items.Single().BasePrice));
    }
}
