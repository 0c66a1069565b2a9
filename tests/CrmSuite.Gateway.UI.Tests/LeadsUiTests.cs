using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Leads;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class LeadsUiTests : UiTest
{
    private FakeLeadsClient LeadsApi { get; } = new();

    public LeadsUiTests()
    {
        Services.AddSingleton<CrmSuite.Clients.Contracts.Leads.LeadsClient>(LeadsApi);
        SignInWith(Permissions.ClientsRead, Permissions.ClientsWrite);
    }

    [Fact]
    public void New_lead_opens_a_form_whose_saved_lead_opens_its_card()
    {
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();
        var page = Render<LeadsList>();

        page.WaitForElement("[data-testid=new-lead]").Click();
        dialogs.WaitForElement("[data-testid=new-lead-person]").Change("Ирина Кузнецова");
        dialogs.Find("[data-testid=new-lead-company]").Change("ООО «Выставка»");
        dialogs.Find("[data-testid=new-lead-phone]").Change("+79161234567");
        dialogs.Find("[data-testid=new-lead-tags]").Change("выставка, опт");
        dialogs.Find("[data-testid=save-new-lead]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/leads/lead-new", Navigation.Uri, StringComparison.Ordinal));
        var request = LeadsApi.CreateRequests.Single();
        Assert.Equal(("Ирина Кузнецова", "ООО «Выставка»", "+79161234567"), (request.PersonName, request.CompanyName, request.Phone));
        Assert.Equal(["выставка", "опт"], request.Tags);
    }

    [Fact]
    public void A_refused_new_lead_shows_the_message_at_the_bad_field_and_brings_it_into_view()
    {
        LeadsApi.OnCreate = _ => Calls.Fail<Lead>(Calls.Invalid(("email", "Not an email address.")));
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();
        var page = Render<LeadsList>();
        page.WaitForElement("[data-testid=new-lead]").Click();
        dialogs.WaitForElement("[data-testid=new-lead-email]").Change("ivan@");

        dialogs.Find("[data-testid=save-new-lead]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("Not an email address.", dialogs.Find("[data-testid=field-error-email]").TextContent));
        // The message sits under the e-mail field, not only in the summary at the top of the form...
        Assert.NotNull(dialogs.Find("[data-testid=field-error-email]").ParentElement!.QuerySelector("[data-testid=new-lead-email]"));
        // ...and the form scrolls to it and puts the cursor in that field.
        dialogs.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == "revealFirstFieldError"));
        Assert.DoesNotContain("/leads/", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void New_lead_is_offered_only_to_those_who_may_write()
    {
        SignInWith(Permissions.ClientsRead);

        var page = Render<LeadsList>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=leads-grid]")));
        Assert.Empty(page.FindAll("[data-testid=new-lead]"));
    }

    [Fact]
    public void The_list_shows_each_lead_with_its_status_badge_and_a_phone_lead_by_its_number()
    {
        LeadsApi.OnList = _ => Calls.Ok(new ListLeadsResponse
        {
            Leads =
            {
                new Lead { Id = "1", PersonName = "Мария", Status = LeadStatus.New, Source = LeadSource.WebForm },
                new Lead { Id = "2", Phone = "+79031234567", Status = LeadStatus.Converted, Source = LeadSource.PhoneCall },
            },
        });

        var page = Render<LeadsList>();

        page.WaitForAssertion(() => Assert.Equal(["Мария", "+79031234567"], page.FindAll("[data-testid=lead-link]").Select(a => a.TextContent)));
        Assert.Equal(["New", "Converted"], page.FindAll("[data-testid=lead-status]").Select(b => b.TextContent.Trim()));
        Assert.Contains("Unassigned", page.Find("[data-testid=leads-grid]").TextContent);
    }

    [Fact]
    public void An_empty_base_explains_where_leads_come_from_and_a_search_that_finds_nothing_says_so()
    {
        var page = Render<LeadsList>();
        page.WaitForAssertion(() => Assert.Contains("No leads yet", page.Find("[data-testid=leads-empty]").TextContent));

        page.Find("[data-testid=leads-search]").Input("nobody");

        page.WaitForAssertion(() => Assert.Contains("Nothing matches", page.Find("[data-testid=leads-empty]").TextContent), Typing);
        Assert.Equal("nobody", LeadsApi.ListRequests.Last().Query);
    }

    [Fact]
    public void Only_mine_asks_the_server_for_the_signed_in_users_leads_from_the_first_page()
    {
        LeadsApi.OnList = _ => Calls.Ok(new ListLeadsResponse { Leads = { new Lead { Id = "1", PersonName = "A" } }, NextPageToken = "t2" });
        var page = Render<LeadsList>();
        page.WaitForAssertion(() => Assert.Single(LeadsApi.ListRequests));

        page.Find("[data-testid=leads-only-mine]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, LeadsApi.ListRequests.Count));
        Assert.Equal("user-1", LeadsApi.ListRequests.Last().OwnerUserId);
        Assert.Equal("", LeadsApi.ListRequests.Last().PageToken);
    }

    [Fact]
    public void The_convert_dialog_offers_the_duplicates_and_attaches_to_the_chosen_company()
    {
        LeadsApi.OnDuplicates = _ => Calls.Ok(new FindLeadDuplicatesResponse
        {
            Candidates = { new LeadDuplicateCandidate { CompanyId = "c-1", CompanyName = "ООО Ромашка", MatchedOn = { "inn" } } },
            HiddenMatches = 1,
        });

        var dialog = Render<ConvertLeadDialog>(p => p.Add(d => d.Lead, new Lead { Id = "lead-1", PersonName = "Мария", Version = "7" }));

        dialog.WaitForAssertion(() => Assert.Contains("ООО Ромашка", dialog.Find("[data-testid=duplicate-candidate]").TextContent));
        Assert.Contains("inn", dialog.Find("[data-testid=duplicate-candidate]").TextContent);
        Assert.Contains("1", dialog.Find("[data-testid=hidden-duplicates]").TextContent);
        dialog.Find("[data-testid=confirm-convert]").Click();

        dialog.WaitForAssertion(() => Assert.Single(LeadsApi.ConvertRequests));
        var request = LeadsApi.ConvertRequests.Single();
        Assert.Equal("c-1", request.ExistingCompanyId);
        Assert.False(request.CreateDespiteDuplicates);
        Assert.Equal("7", request.Version);
        // A lead is a sales opportunity: converting opens its deal unless the person unticks it.
        Assert.True(request.OpenDeal);
        Assert.NotNull(dialog.Find("[data-testid=open-deal]"));
    }

    [Fact]
    public void Choosing_to_create_a_new_company_sends_its_name_and_says_it_was_asked_for()
    {
        LeadsApi.OnDuplicates = _ => Calls.Ok(new FindLeadDuplicatesResponse { Candidates = { new LeadDuplicateCandidate { CompanyId = "c-1", CompanyName = "Twin" } } });
        var dialog = Render<ConvertLeadDialog>(p => p.Add(d => d.Lead, new Lead { Id = "lead-1", PersonName = "Мария", CompanyName = "Мария и Ко" }));
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=create-new-choice] input"));

        dialog.Find("[data-testid=create-new-choice] input").Change(true);
        dialog.Find("[data-testid=new-company-name]").Change("Мария и Ко (филиал)");
        dialog.Find("[data-testid=confirm-convert]").Click();

        dialog.WaitForAssertion(() => Assert.Single(LeadsApi.ConvertRequests));
        var request = LeadsApi.ConvertRequests.Single();
        Assert.Equal("", request.ExistingCompanyId);
        Assert.True(request.CreateDespiteDuplicates);
        Assert.Equal("Мария и Ко (филиал)", request.CompanyName);
    }

    [Fact]
    public void A_refused_conversion_is_shown_in_the_dialog()
    {
        LeadsApi.OnConvert = _ => Calls.Fail<ConvertLeadResponse>(Calls.Refused("id", "This lead is already converted."));
        var dialog = Render<ConvertLeadDialog>(p => p.Add(d => d.Lead, new Lead { Id = "lead-1", PersonName = "Мария" }));
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=no-duplicates]"));

        dialog.Find("[data-testid=confirm-convert]").Click();

        dialog.WaitForAssertion(() => Assert.Contains("already converted", dialog.Markup));
    }

    [Fact]
    public void An_assignment_rule_names_its_managers_and_team_by_name_and_a_chosen_manager_is_saved_by_id()
    {
        SignInWith(Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.ClientsConfigure);
        AdministrationApi.People.People.Add(new CrmSuite.Identity.Contracts.Person { Id = "u-anna", DisplayName = "Anna Petrova" });
        AdministrationApi.People.People.Add(new CrmSuite.Identity.Contracts.Person { Id = "u-oleg", DisplayName = "Oleg Sidorov" });
        AdministrationApi.People.Teams.Add(new CrmSuite.Identity.Contracts.TeamName { Id = "team-south", Name = "South" });
        LeadsApi.Rules = new AssignmentRules
        {
            Rules = { new AssignmentRule { Id = "r-1", Name = "Web leads", Source = LeadSource.WebForm, ManagerUserIds = { "u-anna" }, TeamId = "team-south" } },
        };
        var page = Render<CrmSuite.Gateway.UI.Leads.AssignmentRulesPage>();

        var managers = page.WaitForElement("[data-testid=rule-managers]");
        Assert.Contains("Anna Petrova", managers.TextContent);
        Assert.Contains("South", page.Find("[data-testid=rule-team]").TextContent);
        managers.Click();
        page.WaitForAssertion(() => page.FindAll(".rz-multiselect-item").Single(i => i.TextContent.Contains("Oleg Sidorov", StringComparison.Ordinal)).Click());
        page.Find("[data-testid=save-rules]").Click();

        page.WaitForAssertion(() => Assert.Single(LeadsApi.SaveRulesRequests));
        var rule = LeadsApi.SaveRulesRequests.Single().Rules.Single();
        Assert.Equal(["u-anna", "u-oleg"], rule.ManagerUserIds);
        Assert.Equal(("team-south", "r-1"), (rule.TeamId, rule.Id));
    }
}
