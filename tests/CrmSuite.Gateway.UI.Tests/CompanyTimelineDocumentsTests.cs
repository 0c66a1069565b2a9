using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Clients;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Google.Protobuf.WellKnownTypes;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>A document's rows on the company timeline: what happened, to which document (a link to its page), how much, to whom, why.</summary>
public sealed class CompanyTimelineDocumentsTests : UiTest
{
    private const string DocumentId = "0197a0b1-0000-7000-8000-000000000001";

    public CompanyTimelineDocumentsTests()
    {
        SignInWith(Permissions.ClientsRead);
        CompaniesApi.OnGet = _ => Calls.Ok(new Company { Id = "c-1", Name = "Alfa LLC", Version = "v1" });
        CompaniesApi.OnListChanges = _ => Calls.Ok(new ListCompanyChangesResponse
        {
            Changes =
            {
                Row("document.annulled", detail: "Клиент отказался"),
                Row("document.paid", amount: "12000.00"),
                Row("document.sent", detail: "buyer@example.com"),
                Row("document.issued", amount: "12000.00"),
            },
        });
    }

    [Fact]
    public void Each_row_names_the_invoice_links_to_its_page_and_says_the_amount_address_or_reason_in_russian()
    {
        UseCulture("ru-RU");

        var timeline = Render<CompanyTimeline>(p => p.Add(t => t.CompanyId, "c-1"));

        timeline.WaitForAssertion(() => Assert.Equal(4, timeline.FindAll("[data-testid=timeline-row]").Count));
        Assert.Equal(["Аннулирован документ", "Оплачен счёт", "Отправлен документ", "Выставлен документ"],
            timeline.FindAll("[data-testid=timeline-action]").Select(a => a.TextContent));
        var links = timeline.FindAll("[data-testid=timeline-document]");
        Assert.All(links, link => Assert.Equal(("Счёт на оплату СЧ-2026-000001", $"documents/{DocumentId}"), (link.TextContent, link.GetAttribute("href"))));
        Assert.Equal(["12 000,00 RUB", "12 000,00 RUB"], timeline.FindAll("[data-testid=timeline-document-amount]").Select(a => a.TextContent.Replace('\u00a0', ' ')));
        Assert.Equal(["причина: Клиент отказался", "на buyer@example.com"], timeline.FindAll("[data-testid=timeline-document-detail]").Select(d => d.TextContent));
        Assert.Equal("Анна Бухгалтер", timeline.FindAll("[data-testid=timeline-user]")[0].TextContent.Trim());
        Assert.DoesNotContain(DocumentId, timeline.Find("[data-testid=timeline]").TextContent, StringComparison.Ordinal);
        Assert.Empty(timeline.FindAll("[data-testid=timeline-changes]"));
    }

    [Fact]
    public void The_same_rows_read_in_english()
    {
        var timeline = Render<CompanyTimeline>(p => p.Add(t => t.CompanyId, "c-1"));

        timeline.WaitForAssertion(() => Assert.Equal(4, timeline.FindAll("[data-testid=timeline-row]").Count));
        Assert.Equal(["Document annulled", "Invoice paid", "Document sent", "Document issued"],
            timeline.FindAll("[data-testid=timeline-action]").Select(a => a.TextContent));
        Assert.Equal("Invoice СЧ-2026-000001", timeline.FindAll("[data-testid=timeline-document]")[0].TextContent);
        Assert.Equal(["reason: Клиент отказался", "to buyer@example.com"], timeline.FindAll("[data-testid=timeline-document-detail]").Select(d => d.TextContent));
    }

    private static CompanyChange Row(string action, string amount = "", string detail = "") => new()
    {
        Id = Guid.NewGuid().ToString(),
        At = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero)),
        UserId = "user-anna",
        UserName = "Анна Бухгалтер",
        Action = action,
        Subject = "СЧ-2026-000001",
        DocumentId = DocumentId,
        DocumentType = "invoice",
        DocumentNumber = "СЧ-2026-000001",
        DocumentAmount = amount,
        DocumentCurrency = amount.Length > 0 ? "RUB" : "",
        DocumentDetail = detail,
    };
}
