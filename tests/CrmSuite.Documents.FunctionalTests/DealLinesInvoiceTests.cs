using CrmSuite.Documents.Contracts;
using ClientsContracts = CrmSuite.Clients.Contracts;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>
/// "Create invoice" from a deal with product lines: the invoice has the deal's lines (name, unit,
/// quantity, price after discount, VAT kind) and totals what the deal does, to the kopeck.
/// </summary>
public sealed class DealLinesInvoiceTests(DocumentsApi api) : IClassFixture<DocumentsApi>
{
    private static CancellationToken Ct => DocumentsApi.Ct;

    [Fact]
    public async Task An_invoice_from_a_deal_with_three_lines_has_those_lines_their_VAT_and_the_deals_total()
    {
        var organisation = await api.OrganisationAsync();
        var company = await api.BuyerAsync(DocumentStories.Seller);
        var deal = await api.DealAsync(DocumentStories.Seller, company.Id, "1.00");
        var kettle = await api.PricedProductAsync("Чайник электрический", "1999.99");
        var set = await new ClientsContracts.DealLines.DealLinesClient(api.Clients(DocumentStories.Seller)).SetDealLinesAsync(new ClientsContracts.SetDealLinesRequest
        {
            DealId = deal.Id,
            Lines =
            {
                new ClientsContracts.DealLine
                {
                    ProductId = kettle.Id, Name = kettle.Name, Sku = kettle.Sku, Unit = kettle.Unit, Quantity = "3", UnitPrice = "1999.99", DiscountPercent = "10",
                    VatKind = "standard",
                },
                new ClientsContracts.DealLine { Name = "Чай листовой", Unit = "кг", Quantity = "2.5", UnitPrice = "333.33", VatKind = "reduced" },
                new ClientsContracts.DealLine { Name = "Доставка", Unit = "усл", Quantity = "1", UnitPrice = "1500", VatKind = "none" },
            },
        }, cancellationToken: Ct);

        var invoice = await api.Documents(DocumentStories.Seller).CreateDocumentFromDealAsync(new CreateDocumentFromDealRequest
        {
            DealId = deal.Id, OrganisationId = organisation.Id, Date = "2026-03-01",
        }, cancellationToken: Ct);

        Assert.Equal(["Чайник электрический", "Чай листовой", "Доставка"], invoice.Lines.Select(l => l.Name));
        Assert.Equal([kettle.Id, "", ""], invoice.Lines.Select(l => l.ProductId));
        Assert.Equal([kettle.Sku, "", ""], invoice.Lines.Select(l => l.Sku));
        Assert.Equal(["шт", "кг", "усл"], invoice.Lines.Select(l => l.Unit));
        Assert.Equal(["3", "2.5", "1"], invoice.Lines.Select(l => l.Quantity));
        // 1999.99 less 10 % is 1799.99 (to kopecks); 2.5 × 333.33 = 833.325 is 833.33.
        Assert.Equal(["1799.99", "333.33", "1500.00"], invoice.Lines.Select(l => l.Price));
        Assert.Equal(["5399.97", "833.33", "1500.00"], invoice.Lines.Select(l => l.Amount));
        Assert.Equal(["22 %", "10 %", "Без НДС"], invoice.Lines.Select(l => l.VatLabel));
        Assert.Equal(["1187.99", "83.33", "0.00"], invoice.Lines.Select(l => l.VatAmount));
        Assert.Equal(["6587.96", "916.66", "1500.00"], invoice.Lines.Select(l => l.Total));
        Assert.Equal(("7733.30", "1271.32", "9004.62"), (invoice.Net, invoice.Vat, invoice.Total));
        Assert.False(invoice.PricesIncludeVat);
        // The deal's amount is its lines' total: the invoice asks for exactly that.
        var read = await new ClientsContracts.Deals.DealsClient(api.Clients(DocumentStories.Seller))
            .GetDealAsync(new ClientsContracts.GetDealRequest { Id = deal.Id }, cancellationToken: Ct);
        Assert.Equal((set.Total, set.Total), (read.Amount, invoice.Total));
        Assert.StartsWith("Девять тысяч четыре рубля 62 копейки", invoice.TotalInWords);
    }

    [Fact]
    public async Task A_deal_whose_prices_include_VAT_gives_an_invoice_with_VAT_included_and_the_same_total()
    {
        var organisation = await api.OrganisationAsync();
        var company = await api.BuyerAsync(DocumentStories.Seller);
        var deal = await api.DealAsync(DocumentStories.Seller, company.Id, "1.00");
        await new ClientsContracts.DealLines.DealLinesClient(api.Clients(DocumentStories.Seller)).SetDealLinesAsync(new ClientsContracts.SetDealLinesRequest
        {
            DealId = deal.Id, PricesIncludeVat = true,
            Lines = { new ClientsContracts.DealLine { Name = "Монтаж", Unit = "усл", Quantity = "1", UnitPrice = "12200", VatKind = "standard" } },
        }, cancellationToken: Ct);

        var invoice = await api.Documents(DocumentStories.Seller).CreateDocumentFromDealAsync(new CreateDocumentFromDealRequest
        {
            DealId = deal.Id, OrganisationId = organisation.Id, Date = "2026-03-01",
        }, cancellationToken: Ct);

        Assert.True(invoice.PricesIncludeVat);
        Assert.Equal(("10000.00", "2200.00", "12200.00"), (invoice.Net, invoice.Vat, invoice.Total));
    }
}
