using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Google.Rpc;
using Grpc.Core;
using static CrmSuite.Clients.FunctionalTests.DealTestSupport;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// The product lines of a deal (deal_lines.proto): set as a whole, read back in order, the deal's
/// amount their total rounded per line to kopecks; bad lines named field by field with nothing
/// changed; seen only by whoever sees the deal; audited and on the company card's timeline.
/// </summary>
public sealed class DealLineTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DealLines.DealLinesClient Lines(ClientsApi api, TestUser user) => new(api.InvokerFor(user));

    /// <summary>
    /// Three lines, VAT on top (the standard rate is 22 % from 2026):
    /// kettles 3 × (1999.99 − 10 % = 1799.99) = 5399.97 + VAT 1187.99 = 6587.96;
    /// tea 2.5 kg × 333.33 = 833.325 → 833.33 + VAT 10 % 83.33 = 916.66; delivery 1 × 1500.00 without VAT.
    /// </summary>
    private static readonly DealLine[] ThreeLines =
    [
        new() { ProductId = "0190b0c0-0000-7000-8000-000000000001", Name = "Чайник электрический", Sku = "KT-1", Unit = "шт", Quantity = "3", UnitPrice = "1999.99", DiscountPercent = "10", VatKind = "standard" },
        new() { ProductId = "0190b0c0-0000-7000-8000-000000000002", Name = "Чай листовой", Sku = "TEA-5", Unit = "кг", Quantity = "2.5", UnitPrice = "333.33", VatKind = "reduced" },
        new() { Name = "Доставка", Unit = "усл", Quantity = "1", UnitPrice = "1500", VatKind = "none" },
    ];

    [Fact]
    public async Task Three_lines_are_read_back_in_order_and_the_deal_amount_is_their_total_rounded_per_line()
    {
        var (_, companies) = api.As(TestUser.ManagerAnna);
        var company = await companies.CreateCompanyAsync(new CreateCompanyRequest { Name = "Lines Buyer Ltd" }, cancellationToken: Ct);
        var deal = await api.CreateDealAsync(TestUser.ManagerAnna, company.Id, "Чайники и чай");

        var set = await Lines(api, TestUser.ManagerAnna).SetDealLinesAsync(new SetDealLinesRequest { DealId = deal.Id, Lines = { ThreeLines }, Version = deal.Version },
            cancellationToken: Ct);

        Assert.Equal(("7733.30", "1271.32", "9004.62", "RUB"), (set.Net, set.Vat, set.Total, set.Currency));
        Assert.Equal(["1799.99", "333.33", "1500.00"], set.Lines.Select(l => l.PriceAfterDiscount));
        Assert.Equal(["5399.97", "833.33", "1500.00"], set.Lines.Select(l => l.Amount));
        Assert.Equal(["1187.99", "83.33", "0.00"], set.Lines.Select(l => l.VatAmount));
        Assert.Equal(["22", "10", ""], set.Lines.Select(l => l.VatPercent));
        var read = await api.Deals(TestUser.ManagerAnna).GetDealAsync(new GetDealRequest { Id = deal.Id }, cancellationToken: Ct);
        Assert.Equal(("9004.62", 3, set.Version), (read.Amount, read.LineCount, read.Version));
        Assert.NotEqual(deal.Version, read.Version);

        // REST by transcoding: the same lines, in order, with the snapshots as sent.
        var (http, _) = api.As(TestUser.ManagerAnna);
        var json = await api.ReadJsonAsync(await http.GetAsync($"/v1/deals/{deal.Id}/lines", Ct));
        var lines = json.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["Чайник электрический", "Чай листовой", "Доставка"], lines.Select(l => l.GetProperty("name").GetString()));
        Assert.Equal([1, 2, 3], lines.Select(l => l.GetProperty("position").GetInt32()));
        Assert.Equal(("KT-1", "шт", "3", "1999.99", "10", "standard"), (lines[0].GetProperty("sku").GetString(), lines[0].GetProperty("unit").GetString(),
            lines[0].GetProperty("quantity").GetString(), lines[0].GetProperty("unitPrice").GetString(), lines[0].GetProperty("discountPercent").GetString(),
            lines[0].GetProperty("vatKind").GetString()));
        Assert.Equal(ThreeLines[0].ProductId, lines[0].GetProperty("productId").GetString());
        Assert.Equal("9004.62", json.GetProperty("total").GetString());

        // With lines, the amount is theirs: another amount is refused naming it, the same one is fine.
        var refused = await Assert.ThrowsAsync<RpcException>(() => api.Deals(TestUser.ManagerAnna).UpdateDealAsync(new UpdateDealRequest
        {
            Id = deal.Id, Title = deal.Title, Currency = "RUB", Amount = "10000", Version = read.Version,
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("amount", refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        var renamed = await api.Deals(TestUser.ManagerAnna).UpdateDealAsync(new UpdateDealRequest
        {
            Id = deal.Id, Title = "Чайники, чай и доставка", Currency = "RUB", Amount = read.Amount, Version = read.Version,
        }, cancellationToken: Ct);
        Assert.Equal("9004.62", renamed.Amount);
    }

    [Fact]
    public async Task Prices_that_include_VAT_take_it_out_and_the_deal_amount_is_the_sum_of_the_line_amounts()
    {
        var company = await api.CreateCompanyAsync("Retail Prices Ltd");
        var deal = await api.CreateDealAsync(TestUser.Director, company.Id, "Розница");

        var set = await Lines(api, TestUser.Director).SetDealLinesAsync(new SetDealLinesRequest
        {
            DealId = deal.Id, PricesIncludeVat = true, Lines = { ThreeLines },
        }, cancellationToken: Ct);

        // 5399.97 × 22/122 = 973.77; 833.33 × 10/110 = 75.76; the totals are the amounts.
        Assert.Equal(("7733.30", "1049.53", "6683.77"), (set.Total, set.Vat, set.Net));
        Assert.Equal("7733.30", (await api.Deals(TestUser.Director).GetDealAsync(new GetDealRequest { Id = deal.Id }, cancellationToken: Ct)).Amount);
    }

    [Fact]
    public async Task Bad_lines_are_named_field_by_field_and_neither_the_lines_nor_the_amount_change()
    {
        var (http, companies) = api.As(TestUser.ManagerAnna);
        var company = await companies.CreateCompanyAsync(new CreateCompanyRequest { Name = "Careless Input Ltd" }, cancellationToken: Ct);
        var deal = await api.CreateDealAsync(TestUser.ManagerAnna, company.Id, "Сделка с ошибками");
        var good = await Lines(api, TestUser.ManagerAnna).SetDealLinesAsync(new SetDealLinesRequest { DealId = deal.Id, Lines = { ThreeLines[0] } }, cancellationToken: Ct);
        var before = await api.CountAsync($"SELECT (SELECT count(*) FROM deal_lines) + (SELECT count(*) FROM outbox_messages) + (SELECT count(*) FROM company_changes)");

        var response = await http.PutAsJsonAsync($"/v1/deals/{deal.Id}/lines", new
        {
            version = good.Version,
            lines = new object[]
            {
                new { name = "Чайник", unit = "шт", quantity = "0", unitPrice = "100" },
                new { name = "Чай", quantity = "1", unitPrice = "-1", discountPercent = "150" },
                new { name = " ", quantity = "1", unitPrice = "10", vatKind = "vat20", productId = "not-a-uuid" },
                new { name = "Скидка", quantity = "1.2345", unitPrice = "10.999" },
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await api.ReadJsonAsync(response)).GetProperty("errors");
        Assert.Equal(
            ["lines[0].quantity", "lines[1].discountPercent", "lines[1].unitPrice", "lines[2].name", "lines[2].productId", "lines[2].vatKind",
             "lines[3].quantity", "lines[3].unitPrice"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("more than 0", errors.GetProperty("lines[0].quantity")[0].GetString());
        Assert.Contains("standard, reduced, zero, usn5, usn7, none", errors.GetProperty("lines[2].vatKind")[0].GetString());

        var tooMany = await Assert.ThrowsAsync<RpcException>(() => Lines(api, TestUser.ManagerAnna).SetDealLinesAsync(new SetDealLinesRequest
        {
            DealId = deal.Id, Lines = { Enumerable.Range(0, 201).Select(_ => ThreeLines[2]) },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("lines", tooMany.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);

        Assert.Equal(before, await api.CountAsync($"SELECT (SELECT count(*) FROM deal_lines) + (SELECT count(*) FROM outbox_messages) + (SELECT count(*) FROM company_changes)"));
        var read = await Lines(api, TestUser.ManagerAnna).GetDealLinesAsync(new GetDealLinesRequest { DealId = deal.Id }, cancellationToken: Ct);
        Assert.Equal(("Чайник электрический", "6587.96", good.Version), (read.Lines.Single().Name, read.Total, read.Version));
        Assert.Equal("6587.96", (await api.Deals(TestUser.ManagerAnna).GetDealAsync(new GetDealRequest { Id = deal.Id }, cancellationToken: Ct)).Amount);
    }

    [Fact]
    public async Task The_lines_of_a_deal_the_caller_cannot_see_are_not_found_and_stay_as_they_were()
    {
        var (_, companies) = api.As(TestUser.ManagerAnna);
        var company = await companies.CreateCompanyAsync(new CreateCompanyRequest { Name = "Anna's Lines Client" }, cancellationToken: Ct);
        var deal = await api.CreateDealAsync(TestUser.ManagerAnna, company.Id, "Anna's quoted deal");
        await Lines(api, TestUser.ManagerAnna).SetDealLinesAsync(new SetDealLinesRequest { DealId = deal.Id, Lines = { ThreeLines } }, cancellationToken: Ct);
        var (olegHttp, _) = api.As(TestUser.ManagerOleg);
        var oleg = Lines(api, TestUser.ManagerOleg);

        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            oleg.GetDealLinesAsync(new GetDealLinesRequest { DealId = deal.Id }, cancellationToken: Ct).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            oleg.SetDealLinesAsync(new SetDealLinesRequest { DealId = deal.Id, Lines = { ThreeLines[2] } }, cancellationToken: Ct).ResponseAsync)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await olegHttp.GetAsync($"/v1/deals/{deal.Id}/lines", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await olegHttp.PutAsJsonAsync($"/v1/deals/{deal.Id}/lines", new { lines = Array.Empty<object>() }, Ct)).StatusCode);

        var annas = await Lines(api, TestUser.ManagerAnna).GetDealLinesAsync(new GetDealLinesRequest { DealId = deal.Id }, cancellationToken: Ct);
        Assert.Equal((3, "9004.62"), (annas.Lines.Count, annas.Total));
        var (auditor, _) = api.As(TestUser.Auditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/v1/deals/{deal.Id}/lines", Ct)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_lines_is_audited_and_shows_on_the_company_card_timeline_with_the_amount_before_and_after()
    {
        var company = await api.CreateCompanyAsync("Timeline Lines Ltd");
        var deal = await api.CreateDealAsync(TestUser.Director, company.Id, "Поставка на склад", amount: "1000.00");

        await Lines(api, TestUser.Director).SetDealLinesAsync(new SetDealLinesRequest { DealId = deal.Id, Lines = { ThreeLines[0], ThreeLines[2] } }, cancellationToken: Ct);

        var audit = await api.OutboxAsync("audit");
        var changed = Assert.Single(audit, e => e.GetProperty("action").GetString() == "clients.deal.lines_changed" && e.GetProperty("entityId").GetString() == deal.Id);
        Assert.Equal(("deal", TestUser.Director.Id), (changed.GetProperty("entityType").GetString(), changed.GetProperty("actorId").GetString()));
        Assert.Equal(("1000.00 RUB", "8087.96 RUB"), (changed.GetProperty("before").GetProperty("amount").GetString(), changed.GetProperty("after").GetProperty("amount").GetString()));
        Assert.Equal(2, changed.GetProperty("details").GetProperty("lineCount").GetInt32());

        var timeline = await api.Grpc.ListCompanyChangesAsync(new ListCompanyChangesRequest { CompanyId = company.Id }, cancellationToken: Ct);
        var row = Assert.Single(timeline.Changes, c => c.Action == "deal.lines_changed");
        Assert.Equal("Поставка на склад", row.Subject);
        var amount = Assert.Single(row.Changes, c => c.Field == "amount");
        Assert.Equal(("1000.00 RUB", "8087.96 RUB"), (amount.Before, amount.After));
        var lines = Assert.Single(row.Changes, c => c.Field == "lines").After.Split('\n');
        Assert.Equal(["Чайник электрический (KT-1) · 3 шт × 1999.99 −10% · 22% = 6587.96", "Доставка · 1 усл × 1500.00 · — = 1500.00"], lines);
    }

    [Fact]
    public async Task A_change_based_on_a_stale_version_is_refused_and_an_empty_set_removes_the_lines_keeping_the_amount()
    {
        var company = await api.CreateCompanyAsync("Contested Lines Ltd");
        var deal = await api.CreateDealAsync(TestUser.Director, company.Id, "Спорная сделка");
        var lines = Lines(api, TestUser.Director);
        var first = await lines.SetDealLinesAsync(new SetDealLinesRequest { DealId = deal.Id, Lines = { ThreeLines[2] }, Version = deal.Version }, cancellationToken: Ct);

        var stale = await Assert.ThrowsAsync<RpcException>(() => lines.SetDealLinesAsync(
            new SetDealLinesRequest { DealId = deal.Id, Lines = { ThreeLines }, Version = deal.Version }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Single((await lines.GetDealLinesAsync(new GetDealLinesRequest { DealId = deal.Id }, cancellationToken: Ct)).Lines);

        var emptied = await lines.SetDealLinesAsync(new SetDealLinesRequest { DealId = deal.Id, Version = first.Version }, cancellationToken: Ct);
        Assert.Empty(emptied.Lines);
        var read = await api.Deals(TestUser.Director).GetDealAsync(new GetDealRequest { Id = deal.Id }, cancellationToken: Ct);
        Assert.Equal((0, "1500.00"), (read.LineCount, read.Amount));
        // Without lines the amount is the person's again.
        var edited = await api.Deals(TestUser.Director).UpdateDealAsync(new UpdateDealRequest
        {
            Id = deal.Id, Title = read.Title, Currency = "RUB", Amount = "2000", Version = read.Version,
        }, cancellationToken: Ct);
        Assert.Equal("2000.00", edited.Amount);
    }
}
