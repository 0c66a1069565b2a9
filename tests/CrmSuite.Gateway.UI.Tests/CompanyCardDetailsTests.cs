using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Clients;
using CrmSuite.Gateway.UI.CustomFields;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Google.Protobuf.WellKnownTypes;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The company card's requisites, custom section tabs and timeline; the custom fields settings.</summary>
public sealed class CompanyCardDetailsTests : UiTest
{
    private static readonly CustomSection Logistics = new()
    {
        Id = "s-1",
        NameRu = "Логистика",
        NameEn = "Logistics",
        Fields =
        {
            new CustomField { Id = "f-dock", SectionId = "s-1", NameRu = "Склад", NameEn = "Dock", Type = CustomFieldType.Text, Required = true },
            new CustomField { Id = "f-tier", SectionId = "s-1", NameRu = "Уровень", NameEn = "Tier", Type = CustomFieldType.Choice, Options = { "Gold", "Silver" } },
        },
    };

    private static Company Alfa() => new()
    {
        Id = "c-1",
        Name = "Alfa LLC",
        Inn = "7707083893",
        Version = "v1",
        OwnerUserId = "user-1",
        Details = new CompanyDetails
        {
            Kpp = "773601001",
            Bank = new BankDetails { Bik = "044525225" },
            Phones = { new ContactPoint { Kind = "work", Value = "+74955005550", Primary = true }, new ContactPoint { Kind = "mobile", Value = "+79161234567" } },
            Tags = { "vip", "opt" },
        },
        CustomValues = { ["f-dock"] = "North" },
    };

    public CompanyCardDetailsTests() => SignInWith(Permissions.ClientsRead, Permissions.ClientsWrite);

    [Fact]
    public void The_card_shows_requisites_every_phone_and_the_tags()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa());

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForAssertion(() => Assert.Equal("773601001", card.Find("[data-testid=company-kpp]").TextContent));
        Assert.Equal("044525225", card.Find("[data-testid=company-bik]").TextContent);
        Assert.Equal(2, card.FindAll("[data-testid=company-phones] [data-testid=company-contact-point]").Count);
        Assert.Equal(["vip", "opt"], card.FindAll("[data-testid=company-tag]").Select(t => t.TextContent.Trim()));
        Assert.NotNull(card.Find("[data-testid=company-no-addresses]"));
    }

    [Fact]
    public void A_custom_section_is_a_tab_whose_values_are_edited_in_place_and_saved_with_the_version_read()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa());
        CustomFieldsApi.Schema = new CustomFieldSchema { Sections = { Logistics } };

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForAssertion(() => Assert.Contains("Logistics", card.Find("[data-testid=tab-custom-s-1]").TextContent));
        Assert.Equal("North", card.Find("[data-testid=custom-value-f-dock]").TextContent);
        Assert.Equal(Texts.CustomFields.Empty.En, card.Find("[data-testid=custom-value-f-tier]").TextContent);

        card.Find("[data-testid=edit-custom]").Click();
        card.WaitForElement("[data-testid=custom-input-f-dock]").Change("South");
        card.Find("[data-testid=save-custom]").Click();

        card.WaitForAssertion(() => Assert.Equal("South", card.Find("[data-testid=custom-value-f-dock]").TextContent));
        var request = Assert.Single(CustomFieldsApi.SetValuesRequests);
        Assert.Equal("s-1", request.SectionId);
        Assert.Equal("v1", request.Version);
        Assert.Equal("South", request.Values["f-dock"]);
    }

    [Fact]
    public void A_refused_custom_value_shows_its_message_under_the_field_and_stays_in_edit_mode()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa());
        CustomFieldsApi.Schema = new CustomFieldSchema { Sections = { Logistics } };
        CustomFieldsApi.OnSetValues = _ => Calls.Fail<Company>(Calls.Invalid(("values.f-dock", "Required: Dock.")));
        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));
        card.WaitForElement("[data-testid=edit-custom]").Click();

        card.WaitForElement("[data-testid=custom-input-f-dock]").Change("");
        card.Find("[data-testid=save-custom]").Click();

        card.WaitForAssertion(() => Assert.Equal("Required: Dock.", card.Find("[data-testid=field-error-values\\.f-dock]").TextContent));
        Assert.NotNull(card.Find("[data-testid=save-custom]"));
    }

    [Fact]
    public void The_timeline_tab_lists_who_changed_what_with_before_and_after_and_custom_field_names()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa());
        CustomFieldsApi.Schema = new CustomFieldSchema { Sections = { Logistics } };
        CompaniesApi.OnListChanges = _ => Calls.Ok(new ListCompanyChangesResponse
        {
            Changes =
            {
                new CompanyChange
                {
                    Id = "ch-2", Action = "company.custom_fields_changed", UserName = "Anna Petrova", At = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
                    Changes = { new FieldChange { Field = "custom:f-dock", Before = "North", After = "South" } },
                },
                new CompanyChange
                {
                    Id = "ch-1", Action = "company.updated", UserName = "Boris", At = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
                    Changes = { new FieldChange { Field = "kpp", Before = "", After = "773601001" } },
                },
            },
        });

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForAssertion(() => Assert.Equal(2, card.FindAll("[data-testid=timeline-row]").Count));
        var rows = card.FindAll("[data-testid=timeline-row]");
        Assert.Contains(Texts.Timeline.Actions.Single(a => a.Item1 == "company.custom_fields_changed").Item2.En, rows[0].TextContent);
        Assert.Contains("Anna Petrova", rows[0].TextContent);
        Assert.Contains("Dock", rows[0].QuerySelector("[data-testid=timeline-change]")!.TextContent);
        Assert.Equal("South", rows[0].QuerySelector("[data-testid=timeline-after]")!.TextContent);
        Assert.Contains(Texts.Requisites.Kpp.En, rows[1].TextContent);
        Assert.Empty(card.FindAll("[data-testid=timeline-empty]"));
    }

    [Fact]
    public void A_call_on_the_timeline_says_who_it_was_with_its_number_and_how_long_it_took()
    {
        UseCulture("ru-RU");
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa());
        CompaniesApi.OnListChanges = _ => Calls.Ok(new ListCompanyChangesResponse
        {
            Changes =
            {
                new CompanyChange
                {
                    Id = "call-1", Action = "call.inbound", Subject = "Пётр Сидоров", UserName = "АТС офиса", At = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
                    Changes = { new FieldChange { Field = "call.number", After = "+79161234567" }, new FieldChange { Field = "call.duration", After = "1:35" } },
                },
            },
        });

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        var row = card.WaitForElement("[data-testid=timeline-row]");
        Assert.Equal("Входящий звонок", row.QuerySelector("[data-testid=timeline-action]")!.TextContent);
        Assert.Equal("«Пётр Сидоров»", row.QuerySelector("[data-testid=timeline-subject]")!.TextContent);
        Assert.Contains("АТС офиса", row.TextContent);
        var fields = row.QuerySelectorAll("[data-testid=timeline-change]");
        Assert.Equal(["Номер", "Длительность"], fields.Select(f => f.QuerySelector("td")!.TextContent));
        Assert.Equal(["+79161234567", "1:35"], fields.Select(f => f.QuerySelector("[data-testid=timeline-after]")!.TextContent));
    }

    [Fact]
    public void A_director_reassigns_a_company_by_picking_a_colleague_by_name_and_the_team_comes_along()
    {
        SignInWith(Permissions.ClientsRead, Permissions.ClientsWrite);
        AdministrationApi.People.People.Add(new CrmSuite.Identity.Contracts.Person { Id = "user-1", DisplayName = "Anna Petrova", TeamIds = { "team-north" } });
        AdministrationApi.People.People.Add(new CrmSuite.Identity.Contracts.Person { Id = "u-oleg", DisplayName = "Oleg Sidorov", TeamIds = { "team-south" } });
        AdministrationApi.People.Teams.Add(new CrmSuite.Identity.Contracts.TeamName { Id = "team-north", Name = "North" });
        AdministrationApi.People.Teams.Add(new CrmSuite.Identity.Contracts.TeamName { Id = "team-south", Name = "South" });
        CompaniesApi.OnGet = _ => Calls.Ok(new Company(Alfa()) { OwnerUserId = "user-1", TeamId = "team-north" });
        CompaniesApi.Assigned = Alfa();
        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));
        card.WaitForAssertion(() => Assert.Equal("North", card.Find("[data-testid=company-team]").TextContent));

        card.Find("[data-testid=reassign-company]").Click();
        var owner = card.WaitForElement("[data-testid=reassign-owner-input]");
        Assert.Contains("Anna Petrova", owner.TextContent);
        owner.Click();
        card.WaitForAssertion(() => card.FindAll(".rz-dropdown-item").Single(i => i.TextContent.Contains("Oleg Sidorov", StringComparison.Ordinal)).Click());
        card.WaitForAssertion(() => Assert.Contains("South", card.Find("[data-testid=reassign-team-input]").TextContent));
        card.Find("[data-testid=save-reassign]").Click();

        card.WaitForAssertion(() => Assert.Equal(("c-1", "u-oleg", "team-south"),
            (CompaniesApi.AssignRequests.Single().Id, CompaniesApi.AssignRequests.Single().OwnerUserId, CompaniesApi.AssignRequests.Single().TeamId)));
        card.WaitForAssertion(() => Assert.Equal("Oleg Sidorov", card.Find("[data-testid=company-owner]").TextContent));
        Assert.Equal("South", card.Find("[data-testid=company-team]").TextContent);
    }

    [Fact]
    public void Rows_from_a_merged_card_say_which_card_they_come_from_and_link_to_it()
    {
        UseCulture("ru-RU");
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa());
        CompaniesApi.OnListChanges = _ => Calls.Ok(new ListCompanyChangesResponse
        {
            Changes =
            {
                new CompanyChange
                {
                    Id = "merge-1", Action = "company.merged", Subject = "Альфа (старая карточка)", UserName = "Ирина", At = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddDays(2)),
                    Changes = { new FieldChange { Field = "email", After = "old@alfa.ru" } },
                },
                new CompanyChange
                {
                    Id = "created-old", Action = "company.created", UserName = "Олег", At = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddDays(1)),
                    MergedCompanyId = "c-old", MergedCompanyName = "Альфа (старая карточка)",
                    Changes = { new FieldChange { Field = "name", After = "Альфа (старая карточка)" } },
                },
            },
        });

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForAssertion(() => Assert.Equal(2, card.FindAll("[data-testid=timeline-row]").Count));
        var rows = card.FindAll("[data-testid=timeline-row]");
        Assert.Equal("Присоединена карточка", rows[0].QuerySelector("[data-testid=timeline-action]")!.TextContent);
        Assert.Equal("«Альфа (старая карточка)»", rows[0].QuerySelector("[data-testid=timeline-subject]")!.TextContent);
        Assert.Null(rows[0].QuerySelector("[data-testid=timeline-merged-from]"));
        var from = rows[1].QuerySelector("[data-testid=timeline-merged-from]")!;
        Assert.Equal("из карточки «Альфа (старая карточка)», присоединённой к этой", from.TextContent);
        Assert.Equal("clients/c-old", from.GetAttribute("href"));
    }

    [Fact]
    public void A_company_without_changes_shows_the_empty_timeline()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(Alfa());

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForElement("[data-testid=timeline-empty]");
    }

    [Fact]
    public void Creating_a_company_sends_requisites_every_filled_phone_and_the_tags_and_shows_list_errors_by_row()
    {
        CompaniesApi.OnCreate = _ => Calls.Fail<Company>(Calls.Invalid(("details.kpp", "KPP must be 9 characters."), ("details.phones[1].value", "Phone number is not valid.")));
        var card = Render<CompanyCard>();

        card.Find("[data-testid=company-name-input]").Change("Beta LLC");
        card.Find("[data-testid=company-kpp-input]").Change("7736");
        card.Find("[data-testid=company-phone-input]").Change("+74955005550");
        card.Find("[data-testid=company-phone-add]").Click();
        card.WaitForElement("[data-testid=company-phone-input-1]").Change("12");
        card.Find("[data-testid=company-tags-input]").Change("vip, opt");
        card.Find("[data-testid=save-company]").Click();

        card.WaitForAssertion(() => Assert.Equal("KPP must be 9 characters.", card.Find("[data-testid=field-error-details\\.kpp]").TextContent));
        Assert.Equal("Phone number is not valid.", card.Find("[data-testid=field-error-details\\.phones\\[1\\]\\.value]").TextContent);
        var request = Assert.Single(CompaniesApi.CreateRequests);
        Assert.Equal("7736", request.Details.Kpp);
        Assert.Equal(["+74955005550", "12"], request.Details.Phones.Select(p => p.Value));
        Assert.True(request.Details.Phones[0].Primary);
        Assert.Equal(["vip", "opt"], request.Details.Tags);
        Assert.Empty(request.Details.Emails);
    }

    [Fact]
    public void The_field_editor_creates_a_choice_field_with_its_options_in_the_section()
    {
        SignInWith(Permissions.ClientsRead, Permissions.ClientsConfigure);
        CustomFieldsApi.Schema = new CustomFieldSchema { Sections = { new CustomSection { Id = "s-9", NameRu = "Пусто", NameEn = "Empty" } } };
        var page = Render<CustomFieldsSettingsPage>();

        page.WaitForElement("[data-testid=section-no-fields]");
        page.Find("[data-testid=add-field]").Click();
        page.WaitForElement("[data-testid=field-name-ru-input]").Change("Уровень");
        page.Find("[data-testid=field-name-en-input]").Change("Tier");
        page.FindComponent<CustomFieldForm>().Instance.Draft.Type = CustomFieldType.Choice;
        page.FindComponent<CustomFieldForm>().Render();
        page.Find("[data-testid=field-options-input]").Change("Gold\nSilver\n");
        page.Find("[data-testid=save-field]").Click();

        page.WaitForAssertion(() => Assert.Single(CustomFieldsApi.CreateFieldRequests));
        var request = CustomFieldsApi.CreateFieldRequests[0];
        Assert.Equal("s-9", request.SectionId);
        Assert.Equal(CustomFieldType.Choice, request.Type);
        Assert.Equal(["Gold", "Silver"], request.Options);
    }

    [Fact]
    public void Without_custom_sections_the_settings_page_shows_the_empty_state()
    {
        SignInWith(Permissions.ClientsRead, Permissions.ClientsConfigure);

        var page = Render<CustomFieldsSettingsPage>();

        page.WaitForElement("[data-testid=sections-empty]");
        Assert.NotNull(page.Find("[data-testid=add-section]"));
    }
}
