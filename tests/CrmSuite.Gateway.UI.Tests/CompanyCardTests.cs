using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Clients;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Warehouse.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class CompanyCardTests : UiTest
{
    private static readonly Company Alfa = new()
    {
        Id = "c-1",
        Name = "Alfa LLC",
        Inn = "7707083893",
        Email = "info@alfa.ru",
        Phone = "+74951234567",
        Version = "v1",
    };

    public CompanyCardTests() => SignInWith(Permissions.ClientsRead, Permissions.ClientsWrite);

    [Fact]
    public void The_card_shows_the_company_details()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa.Clone());

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForAssertion(() => Assert.Equal("Alfa LLC", card.Find("[data-testid=company-name]").TextContent));
        Assert.Equal("7707083893", card.Find("[data-testid=company-inn]").TextContent);
        Assert.Equal("info@alfa.ru", card.Find("[data-testid=company-email]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=company-archived]"));
    }

    [Fact]
    public void The_server_field_violations_show_under_the_right_fields()
    {
        CompaniesApi.OnCreate = _ => Calls.Fail<Company>(Calls.Invalid(
            ("inn", "INN must have 10 or 12 digits."),
            ("email", "Not an email address.")));
        var card = Render<CompanyCard>();

        card.Find("[data-testid=company-name-input]").Change("Alfa LLC");
        card.Find("[data-testid=company-inn-input]").Change("123");
        card.Find("[data-testid=save-company]").Click();

        card.WaitForAssertion(() =>
            Assert.Equal("INN must have 10 or 12 digits.", card.Find("[data-testid=field-error-inn]").TextContent));
        Assert.Equal("Not an email address.", card.Find("[data-testid=field-error-email]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=field-error-name]"));
        Assert.Empty(card.FindAll("[data-testid=field-error-phone]"));
        Assert.Contains(Texts.Errors.InvalidInput.En, card.Find("[data-testid=error]").TextContent);
    }

    [Fact]
    public void A_created_company_opens_its_card()
    {
        var card = Render<CompanyCard>();

        card.Find("[data-testid=company-name-input]").Change("Alfa LLC");
        card.Find("[data-testid=save-company]").Click();

        card.WaitForAssertion(() => Assert.EndsWith("/clients/created", Navigation.Uri, StringComparison.Ordinal));
        Assert.Equal("Alfa LLC", card.Find("[data-testid=company-name]").TextContent);
    }

    [Fact]
    public void Saving_an_edit_sends_the_version_that_was_read()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa.Clone());
        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));
        card.WaitForElement("[data-testid=edit-company]").Click();

        card.WaitForElement("[data-testid=company-name-input]").Change("Alfa Group LLC");
        card.Find("[data-testid=save-company]").Click();

        card.WaitForAssertion(() => Assert.Equal("Alfa Group LLC", card.Find("[data-testid=company-name]").TextContent));
        var update = Assert.Single(CompaniesApi.UpdateRequests);
        Assert.Equal(("c-1", "v1", "Alfa Group LLC"), (update.Id, update.Version, update.Name));
    }

    [Fact]
    public void A_concurrent_change_is_explained_and_the_latest_version_is_loaded()
    {
        var reads = 0;
        CompaniesApi.OnGet = _ => Calls.Ok(++reads == 1 ? Alfa.Clone() : new Company(Alfa) { Name = "Alfa Renamed", Version = "v2" });
        CompaniesApi.OnUpdate = _ => Calls.Fail<Company>(Calls.Error(StatusCode.Aborted));
        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));
        card.WaitForElement("[data-testid=edit-company]").Click();

        card.WaitForElement("[data-testid=company-phone-input]").Change("+74950000000");
        card.Find("[data-testid=save-company]").Click();

        card.WaitForAssertion(() => Assert.NotNull(card.Find("[data-testid=concurrency-message]")));
        Assert.Equal("Alfa Renamed", card.Find("[data-testid=company-name]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=company-form]"));
    }

    [Fact]
    public void An_unknown_id_shows_not_found_or_no_access()
    {
        CompaniesApi.OnGet = _ => Calls.Fail<Company>(Calls.Error(StatusCode.NotFound));

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "no-such-company"));

        card.WaitForAssertion(() =>
            Assert.Contains(Texts.Errors.NotFound.En, card.Find("[data-testid=not-found]").TextContent));
        Assert.Empty(card.FindAll("[data-testid=company-tabs]"));
    }

    [Fact]
    public void A_refused_read_says_the_user_is_not_allowed()
    {
        CompaniesApi.OnGet = _ => Calls.Fail<Company>(Calls.Error(StatusCode.PermissionDenied));

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForAssertion(() =>
            Assert.Contains(Texts.Errors.NotAllowed.En, card.Find("[data-testid=not-allowed]").TextContent));
    }

    [Fact]
    public void Modules_without_the_persons_permission_show_an_empty_state_not_an_error()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa.Clone());

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForElement("[data-testid=company-tabs]");
        // Documents are installed: without their permission the tab says so instead of failing.
        Assert.NotNull(card.Find("[data-testid=documents-no-access]"));
        // The calendar is installed: without its permission the tasks tab says so instead of failing.
        Assert.NotNull(card.Find("[data-testid=tasks-no-access]"));
        // Deals are installed: a company without deals says so.
        card.WaitForElement("[data-testid=deals-empty]");
        // The warehouse is installed: without its permission the tab says so instead of failing.
        Assert.NotNull(card.Find("[data-testid=shipments-no-access]"));

        Assert.Empty(card.FindAll("[data-testid=error]"));
    }

    [Fact]
    public void The_shipments_tab_lists_what_the_warehouse_shipped_to_this_company()
    {
        SignInWith(Permissions.ClientsRead, Permissions.WarehouseRead);
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa.Clone());
        ListMovementsRequest? asked = null;
        MovementsApi.OnList = request =>
        {
            asked = request;
            return Calls.Ok(new ListMovementsResponse
            {
                Movements =
                {
                    new Movement
                    {
                        Id = "m-1", Number = 42, Type = MovementType.Shipment, Status = MovementStatus.Posted, CompanyId = "c-1",
                        WarehouseId = "w-1", PostedBy = "keeper-1",
                        Lines = { new MovementLine { ProductId = "p-1", Sku = "KETTLE-1", Quantity = "3" } },
                    },
                },
            });
        };

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForAssertion(() => Assert.Equal("42", card.Find("[data-testid=shipment-number]").TextContent));
        Assert.Equal("KETTLE-1 × 3", card.Find("[data-testid=shipment-lines]").TextContent);
        Assert.Equal("c-1", asked!.CompanyId);
        Assert.Equal(MovementType.Shipment, asked.Type);
    }

    [Fact]
    public void A_company_with_no_shipments_shows_an_empty_state()
    {
        SignInWith(Permissions.ClientsRead, Permissions.WarehouseRead);
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa.Clone());
        MovementsApi.OnList = _ => Calls.Ok(new ListMovementsResponse());

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForElement("[data-testid=shipments-empty]");
        Assert.Empty(card.FindAll("[data-testid=shipment-row]"));
    }

    [Fact]
    public void A_new_contact_shows_the_server_field_violations_next_to_its_fields()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa.Clone());
        CompaniesApi.OnCreateContact = _ => Calls.Fail<Contact>(Calls.Invalid(("full_name", "Full name is required.")));
        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));
        card.WaitForElement("[data-testid=add-contact]").Click();

        card.Find("[data-testid=save-contact]").Click();

        card.WaitForAssertion(() =>
            Assert.Equal("Full name is required.", card.Find("[data-testid=contact-field-error-full_name]").TextContent));
    }

    [Fact]
    public void An_archived_company_is_marked_and_offers_restore_instead_of_edits()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(new Company(Alfa) { Archived = true });

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForElement("[data-testid=company-archived]");
        Assert.NotNull(card.Find("[data-testid=restore-company]"));
        Assert.Empty(card.FindAll("[data-testid=edit-company]"));
        Assert.Empty(card.FindAll("[data-testid=add-contact]"));
    }

    [Fact]
    public void Readers_without_write_permission_cannot_edit_or_create()
    {
        SignInWith(Permissions.ClientsRead);
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa.Clone());

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));
        card.WaitForElement("[data-testid=company-name]");
        Assert.Empty(card.FindAll("[data-testid=edit-company]"));
        Assert.Empty(card.FindAll("[data-testid=add-contact]"));

        var create = Render<CompanyCard>();
        Assert.NotNull(create.Find("[data-testid=not-allowed]"));
        Assert.Empty(create.FindAll("[data-testid=save-company]"));
    }
    [Fact]
    public async Task The_tasks_tab_lists_what_is_planned_and_what_was_done_with_results_and_plans_a_call_for_the_company()
    {
        SignInWith(Permissions.ClientsRead, Permissions.SchedulingRead, Permissions.SchedulingWrite);
        var now = DateTimeOffset.UtcNow;
        string Local(TimeSpan offset) => (now + offset).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var held = FakeSchedulingClient.Event("m-held", CrmSuite.Scheduling.Contracts.ItemKind.Meeting, "Kick-off with Alfa", Local(TimeSpan.FromDays(-3)), Local(TimeSpan.FromDays(-3) + TimeSpan.FromHours(1)));
        held.CompanyId = "c-1";
        held.Status = CrmSuite.Scheduling.Contracts.ItemStatus.Done;
        held.Result = "They want a pilot in April";
        var call = FakeSchedulingClient.Event("c-next", CrmSuite.Scheduling.Contracts.ItemKind.Call, "Call about the pilot", Local(TimeSpan.FromDays(2)), Local(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(30)));
        call.CompanyId = "c-1";
        var elsewhere = FakeSchedulingClient.Event("m-else", CrmSuite.Scheduling.Contracts.ItemKind.Meeting, "Another company's meeting", Local(TimeSpan.FromDays(1)), Local(TimeSpan.FromDays(1) + TimeSpan.FromHours(1)));
        elsewhere.CompanyId = "c-2";
        SchedulingApi.Stored.AddRange([held, call, elsewhere]);
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa.Clone());
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForAssertion(() => Assert.Equal(["Call about the pilot"], card.FindAll("[data-testid=company-item-planned] a").Select(a => a.TextContent)));
        Assert.Equal(["Kick-off with Alfa"], card.FindAll("[data-testid=company-item-done] a").Select(a => a.TextContent));
        Assert.Contains("They want a pilot in April", card.Find("[data-testid=company-item-result]").TextContent);
        Assert.DoesNotContain("Another company's meeting", card.Markup, StringComparison.Ordinal);
        // The service is asked for this company's items, not for a time range filtered here.
        Assert.All(SchedulingApi.ListRequests, r => Assert.Equal(("c-1", (Google.Protobuf.WellKnownTypes.Timestamp?)null), (r.CompanyId, r.From)));

        card.Find("[data-testid=plan-call]").Click();
        Assert.Equal(Alfa.Name, dialogs.WaitForElement("[data-testid=item-company]").GetAttribute("value"));
        dialogs.Find("[data-testid=item-title-input]").Change("Call back about the price");
        await card.InvokeAsync(() => dialogs.Find("[data-testid=save-item]").Click());

        var sent = Assert.Single(SchedulingApi.CreateRequests);
        Assert.Equal((CrmSuite.Scheduling.Contracts.ItemKind.Call, "c-1", "Call back about the price"), (sent.Kind, sent.CompanyId, sent.Title));
        card.WaitForAssertion(() => Assert.Contains("Call back about the price", card.FindAll("[data-testid=company-item-planned] a").Select(a => a.TextContent)));
    }
}
