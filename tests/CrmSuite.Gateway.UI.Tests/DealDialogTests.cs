using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Clients;
using CrmSuite.Gateway.UI.Deals;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Google.Protobuf.WellKnownTypes;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class DealDialogTests : UiTest
{
    public DealDialogTests() => SignInWith(Permissions.ClientsRead, Permissions.ClientsWrite);

    [Fact]
    public void A_new_deal_for_a_company_sends_its_fields_as_the_service_reads_them()
    {
        var form = Render<DealDialog>(p => p.Add(d => d.CompanyId, "c-1").Add(d => d.CompanyName, "Alfa LLC"));

        Assert.Equal("Alfa LLC", form.Find("[data-testid=deal-company]").GetAttribute("value"));
        form.Find("[data-testid=deal-title-input]").Change("Kettles");
        form.Find("[data-testid=deal-amount-input]").Change("150 000,5");
        form.Find("[data-testid=deal-currency-input]").Change("usd");
        form.Find("[data-testid=save-deal]").Click();

        form.WaitForAssertion(() => Assert.Single(DealsApi.CreateRequests));
        var request = DealsApi.CreateRequests[0];
        Assert.Equal(("Kettles", "c-1", "150000.5", "usd", false), (request.Title, request.CompanyId, request.Amount, request.Currency, request.HasProbability));
    }

    [Fact]
    public void The_service_field_violations_show_under_the_fields()
    {
        DealsApi.Stored.Add(new Deal { Id = "d-1", Title = "Kettles", CompanyId = "c-1", CompanyName = "Alfa LLC", Currency = "RUB", Amount = "1.00", Version = "1" });
        DealsApi.OnUpdate = _ => Calls.Fail<Deal>(Calls.Invalid(("currency", "'XYZ' is not an ISO 4217 currency code."), ("amount", "Must not be negative.")));
        var form = Render<DealDialog>(p => p.Add(d => d.Deal, DealsApi.Stored[0].Clone()));

        form.Find("[data-testid=deal-currency-input]").Change("XYZ");
        form.Find("[data-testid=deal-amount-input]").Change("-1");
        form.Find("[data-testid=save-deal]").Click();

        form.WaitForAssertion(() => Assert.Equal("'XYZ' is not an ISO 4217 currency code.", form.Find("[data-testid=field-error-currency]").TextContent));
        Assert.Equal("Must not be negative.", form.Find("[data-testid=field-error-amount]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=field-error-title]"));
        Assert.Equal(("XYZ", "-1"), (DealsApi.UpdateRequests.Single().Currency, DealsApi.UpdateRequests.Single().Amount));
    }

    [Fact]
    public void Editing_a_deal_shows_its_stage_history_and_sends_the_version_read()
    {
        DealsApi.Stored.Add(new Deal { Id = "d-1", Title = "Kettles", CompanyId = "c-1", CompanyName = "Alfa LLC", Currency = "RUB", Amount = "1.00", Version = "5" });
        DealsApi.OnHistory = request => Calls.Ok(new DealHistory
        {
            DealId = request.Id,
            Changes =
            {
                new DealStageChange { ToStageId = "s-new", ToStageName = "New", ChangedBy = "user-1", Amount = "1.00", Currency = "RUB", ChangedAt = Now() },
                new DealStageChange { FromStageId = "s-new", FromStageName = "New", ToStageId = "s-talks", ToStageName = "Negotiation", ChangedBy = "user-1", Amount = "1.00", Currency = "RUB", ChangedAt = Now() },
                // Moved by a business process step (the scheduling service's account) and by an integration: names, not ids.
                new DealStageChange { FromStageId = "s-talks", FromStageName = "Negotiation", ToStageId = "s-offer", ToStageName = "Offer", ChangedBy = "crmsuite-scheduling",
                    ChangedByName = "Business processes (Бизнес-процессы)", Amount = "1.00", Currency = "RUB", ChangedAt = Now() },
                new DealStageChange { FromStageId = "s-offer", FromStageName = "Offer", ToStageId = "s-talks", ToStageName = "Negotiation", ChangedBy = "erp-sync",
                    ChangedByName = "1C ERP", Amount = "1.00", Currency = "RUB", ChangedAt = Now() },
            },
        });
        var form = Render<DealDialog>(p => p.Add(d => d.Deal, DealsApi.Stored[0].Clone()));

        form.WaitForAssertion(() => Assert.Equal(4, form.FindAll("[data-testid=deal-history-row]").Count));
        Assert.Equal([Texts.Deals.HistoryStart.En, "New", "Negotiation", "Offer"], form.FindAll("[data-testid=history-from]").Select(c => c.TextContent));
        Assert.Equal(["New", "Negotiation", "Offer", "Negotiation"], form.FindAll("[data-testid=history-to]").Select(c => c.TextContent));
        form.WaitForAssertion(() => Assert.Equal(["Business processes", "1C ERP"], form.FindAll("[data-testid=history-by]").Skip(2).Select(c => c.TextContent)));

        form.Find("[data-testid=deal-title-input]").Change("Kettles x100");
        form.Find("[data-testid=save-deal]").Click();
        form.WaitForAssertion(() => Assert.Single(DealsApi.UpdateRequests));
        Assert.Equal(("d-1", "5", "Kettles x100"), (DealsApi.UpdateRequests[0].Id, DealsApi.UpdateRequests[0].Version, DealsApi.UpdateRequests[0].Title));
    }

    [Fact]
    public void The_company_card_deals_tab_lists_the_company_deals_and_creates_one_for_it()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(new Company { Id = "c-1", Name = "Alfa LLC", Version = "1" });
        DealsApi.Stored.Add(new Deal { Id = "d-1", Title = "Kettles", CompanyId = "c-1", StageName = "New", Currency = "RUB", Amount = "1.00", Version = "1" });
        DealsApi.Stored.Add(new Deal { Id = "d-2", Title = "Someone else's", CompanyId = "c-2", StageName = "New", Currency = "RUB", Amount = "1.00", Version = "1" });
        var dialogs = Render<RadzenDialog>();
        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForAssertion(() => Assert.Equal(["Kettles"], card.FindAll("[data-testid=deal-row-title]").Select(c => c.TextContent)));
        Assert.Equal("c-1", DealsApi.ListRequests[^1].CompanyId);
        card.Find("[data-testid=new-company-deal]").Click();
        dialogs.WaitForElement("[data-testid=deal-title-input]").Change("Toasters");
        dialogs.Find("[data-testid=save-deal]").Click();

        card.WaitForAssertion(() => Assert.Equal(2, card.FindAll("[data-testid=deal-row-title]").Count));
        Assert.Equal(("c-1", "Toasters"), (DealsApi.CreateRequests.Single().CompanyId, DealsApi.CreateRequests.Single().Title));
    }

    private static Timestamp Now() => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
}
