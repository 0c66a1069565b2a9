using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Deals;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Warehouse.Contracts;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The deal card's Products section: products picked by name, prices from the price list, the lines saved and the deal's total.</summary>
public sealed class DealProductsTests : UiTest
{
    public DealProductsTests()
    {
        SignInWith(Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.WarehouseRead);
        CatalogApi.OnListProducts = _ => Calls.Ok(new ListProductsResponse
        {
            Products =
            {
                new Product { Id = "p-kettle", Sku = "KT-1", Name = "Kettle", Unit = "pcs", VatKind = "standard" },
                new Product { Id = "p-tea", Sku = "TEA-5", Name = "Green tea", Unit = "kg", VatKind = "reduced" },
            },
        });
        CatalogApi.Prices["p-kettle"] = "1500.00";
        DealsApi.Stored.Add(new Deal { Id = "d-1", Title = "Kettles", CompanyId = "c-1", CompanyName = "Alfa LLC", Currency = "RUB", Amount = "1.00", Version = "5" });
    }

    [Fact]
    public void Two_products_picked_by_name_are_saved_with_their_price_list_price_and_the_deal_shows_their_total()
    {
        var form = Render<DealDialog>(p => p.Add(d => d.Deal, DealsApi.Stored[0].Clone()));
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=deal-products-empty]")));
        Assert.Contains(Texts.DealLines.Empty.En, form.Find("[data-testid=deal-products-empty]").TextContent, StringComparison.Ordinal);

        Pick(form, "KT-1 · Kettle");
        form.WaitForAssertion(() => Assert.Single(form.FindAll("[data-testid=deal-line]")));
        Assert.Equal("1500.00", form.Find("[data-testid=deal-line-price]").GetAttribute("value"));
        form.Find("[data-testid=deal-line-quantity]").Change("2");
        Pick(form, "TEA-5 · Green tea");
        form.WaitForAssertion(() => Assert.Equal(2, form.FindAll("[data-testid=deal-line]").Count));
        // The tea has no price-list price: the person is told to type it, where the price goes.
        Assert.Equal("", form.FindAll("[data-testid=deal-line-price]")[1].GetAttribute("value"));
        Assert.Equal(Texts.DealLines.NoPrice.En, form.Find("[data-testid=deal-line-no-price]").TextContent);
        form.FindAll("[data-testid=deal-line-price]")[1].Change("200");
        form.FindAll("[data-testid=deal-line-discount]")[1].Change("10");
        // VAT kinds by name, never their codes.
        Assert.Equal(["Standard (22% from 2026)", "Reduced 10%"], form.FindAll("[data-testid=deal-line-vat] .rz-dropdown-label").Select(l => l.TextContent.Trim()));
        Assert.Equal(["3,000.00", "180.00"], form.FindAll("[data-testid=deal-line-amount]").Select(c => c.TextContent));
        form.Find("[data-testid=deal-lines-save]").Click();

        form.WaitForAssertion(() => Assert.Single(DealLinesApi.SetRequests));
        var request = DealLinesApi.SetRequests[0];
        Assert.Equal(("d-1", "1", false), (request.DealId, request.Version, request.PricesIncludeVat));
        Assert.Equal([("p-kettle", "Kettle", "KT-1", "pcs", "2", "1500.00", "", "standard"), ("p-tea", "Green tea", "TEA-5", "kg", "1", "200", "10", "reduced")],
            request.Lines.Select(l => (l.ProductId, l.Name, l.Sku, l.Unit, l.Quantity, l.UnitPrice, l.DiscountPercent, l.VatKind)));
        form.WaitForAssertion(() => Assert.Equal("3,879.60 RUB", form.Find("[data-testid=deal-lines-total]").TextContent));
        // The deal's amount is the lines' total now, changed only through them; the form keeps the new version.
        var amount = form.Find("[data-testid=deal-amount-input]");
        Assert.Equal("3879.60", amount.GetAttribute("value"));
        Assert.True(amount.HasAttribute("readonly"));
        Assert.Equal(Texts.DealLines.AmountFromLines.En, form.Find("[data-testid=deal-amount-from-lines]").TextContent);
        form.Find("[data-testid=save-deal]").Click();
        form.WaitForAssertion(() => Assert.Single(DealsApi.UpdateRequests));
        Assert.Equal(("2", "3879.60"), (DealsApi.UpdateRequests[0].Version, DealsApi.UpdateRequests[0].Amount));
    }

    [Fact]
    public void A_line_the_service_refuses_shows_the_reason_under_its_field_and_the_lines_stay_as_typed()
    {
        DealLinesApi.Stored["d-1"] = new DealLineSet
        {
            DealId = "d-1", Currency = "RUB", Version = "5", Net = "3000.00", Vat = "660.00", Total = "3660.00",
            Lines = { new DealLine { ProductId = "p-kettle", Name = "Kettle", Sku = "KT-1", Unit = "pcs", Quantity = "2", UnitPrice = "1500.00", DiscountPercent = "0", VatKind = "standard", Position = 1 } },
        };
        DealLinesApi.OnSet = _ => Calls.Fail<DealLineSet>(Calls.Invalid(("lines[0].quantity", "Must be more than 0.")));
        var form = Render<DealDialog>(p => p.Add(d => d.Deal, DealsApi.Stored[0].Clone()));
        form.WaitForAssertion(() => Assert.Single(form.FindAll("[data-testid=deal-line]")));
        Assert.Equal("3,660.00 RUB", form.Find("[data-testid=deal-lines-total]").TextContent);
        Assert.Equal("", form.Find("[data-testid=deal-line-discount]").GetAttribute("value"));

        form.Find("[data-testid=deal-line-quantity]").Change("0");
        form.Find("[data-testid=deal-lines-save]").Click();

        form.WaitForAssertion(() => Assert.Equal("Must be more than 0.", form.Find("[data-testid=field-error-lines\\[0\\]\\.quantity]").TextContent));
        Assert.Equal("0", form.Find("[data-testid=deal-line-quantity]").GetAttribute("value"));
        Assert.NotNull(form.Find("[data-testid=deal-lines-unsaved]"));
        Assert.Equal("5", DealLinesApi.SetRequests.Single().Version);
    }

    [Fact]
    public void A_change_of_a_deals_products_reads_on_the_company_timeline_by_name_with_the_deal_title()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(new Company { Id = "c-1", Name = "Alfa LLC", Version = "v1" });
        CompaniesApi.OnListChanges = _ => Calls.Ok(new ListCompanyChangesResponse
        {
            Changes =
            {
                new CompanyChange
                {
                    Id = "ch-1", Action = "deal.lines_changed", Subject = "Kettles", UserId = "user-1", At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                    Changes =
                    {
                        new FieldChange { Field = "lines", After = "Kettle (KT-1) · 2 pcs × 1500.00 · 22% = 3660.00" },
                        new FieldChange { Field = "amount", Before = "1.00 RUB", After = "3660.00 RUB" },
                    },
                },
            },
        });

        var timeline = Render<CrmSuite.Gateway.UI.Clients.CompanyTimeline>(p => p.Add(t => t.CompanyId, "c-1"));

        timeline.WaitForAssertion(() => Assert.Equal("Deal products changed", timeline.Find("[data-testid=timeline-action]").TextContent));
        Assert.Equal("«Kettles»", timeline.Find("[data-testid=timeline-subject]").TextContent);
        Assert.Equal(["Products", "Amount"], timeline.FindAll("[data-testid=timeline-change] td:first-child").Select(c => c.TextContent));
    }

    private static void Pick(IRenderedComponent<DealDialog> form, string label)
    {
        form.Find("[data-testid=deal-product-picker]").Click();
        form.WaitForAssertion(() => form.FindAll("[data-testid=deal-product-picker] .rz-dropdown-item").Single(i => i.TextContent.Trim() == label).Click());
    }
}
