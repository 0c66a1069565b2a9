using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Clients;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Google.Protobuf.WellKnownTypes;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The company timeline as a person reads it: names, not the values the service stores.</summary>
public sealed class CompanyTimelineValuesTests : UiTest
{
    public CompanyTimelineValuesTests()
    {
        SignInWith(Permissions.ClientsRead);
        AdministrationApi.People.People.Add(new CrmSuite.Identity.Contracts.Person { Id = "5f0c1d2e-0000-4000-8000-000000000009", DisplayName = "Olga Smirnova" });
        AdministrationApi.People.Teams.Add(new CrmSuite.Identity.Contracts.TeamName { Id = "team-north", Name = "North" });
        CompaniesApi.OnGet = _ => Calls.Ok(new Company { Id = "c-1", Name = "Alfa LLC", Version = "v1" });
    }

    [Fact]
    public void Managers_teams_roles_yes_no_primary_marks_and_empty_values_read_as_words_in_english()
    {
        CompaniesApi.OnListChanges = _ => Calls.Ok(Changes(
            Change("company.assigned", ("owner_user_id", "user-1", "5f0c1d2e-0000-4000-8000-000000000009"), ("team_id", "", "team-north")),
            Change("contact.updated", ("role", "", "decision_maker"), ("archived", "false", "true"), ("phones", "work: +74955005550 *\nmobile: +79161234567", ""))));

        var timeline = Render<CompanyTimeline>(p => p.Add(t => t.CompanyId, "c-1"));

        timeline.WaitForAssertion(() => Assert.Equal(2, timeline.FindAll("[data-testid=timeline-row]").Count));
        Assert.Equal(("Anna Petrova", "Olga Smirnova"), Values(timeline, "owner_user_id"));
        Assert.Equal(("not set", "North"), Values(timeline, "team_id"));
        Assert.Equal(("not set", "Decision maker"), Values(timeline, "role"));
        Assert.Equal(("No", "Yes"), Values(timeline, "archived"));
        Assert.Equal(("Work: +74955005550 (primary)Mobile: +79161234567", "not set"), Values(timeline, "phones"));
        var shown = timeline.Find("[data-testid=timeline]").TextContent;
        Assert.DoesNotContain("5f0c1d2e", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("decision_maker", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(" *", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_values_read_in_russian()
    {
        UseCulture("ru-RU");
        CompaniesApi.OnListChanges = _ => Calls.Ok(Changes(
            Change("contact.updated", ("role", "accountant", "decision_maker"), ("archived", "true", "false"), ("emails", "", "billing: buh@alfa.ru *"))));

        var timeline = Render<CompanyTimeline>(p => p.Add(t => t.CompanyId, "c-1"));

        timeline.WaitForAssertion(() => Assert.Single(timeline.FindAll("[data-testid=timeline-row]")));
        Assert.Equal(("Бухгалтер", "ЛПР"), Values(timeline, "role"));
        Assert.Equal(("Да", "Нет"), Values(timeline, "archived"));
        Assert.Equal(("не указано", "Для счетов: buh@alfa.ru (основной)"), Values(timeline, "emails"));
    }

    [Fact]
    public void A_yes_no_custom_field_reads_yes_or_no()
    {
        var section = new CustomSection
        {
            Id = "s-1", NameEn = "Sales", NameRu = "Продажи",
            Fields = { new CustomField { Id = "f-vip", SectionId = "s-1", NameEn = "VIP", NameRu = "VIP", Type = CustomFieldType.YesNo } },
        };
        CompaniesApi.OnListChanges = _ => Calls.Ok(Changes(Change("company.custom_fields_changed", ("custom:f-vip", "false", "true"))));

        var timeline = Render<CompanyTimeline>(p => p.Add(t => t.CompanyId, "c-1").Add(t => t.Sections, [section]));

        timeline.WaitForAssertion(() => Assert.Equal(("No", "Yes"), Values(timeline, "custom:f-vip")));
    }

    private static (string Before, string After) Values(IRenderedComponent<CompanyTimeline> timeline, string field)
    {
        var row = timeline.Find($"[data-testid=timeline-change][data-field='{field}']");
        return (row.QuerySelector("[data-testid=timeline-before]")!.TextContent.Trim(), row.QuerySelector("[data-testid=timeline-after]")!.TextContent.Trim());
    }

    private static ListCompanyChangesResponse Changes(params CompanyChange[] changes) => new() { Changes = { changes } };

    private static CompanyChange Change(string action, params (string Field, string Before, string After)[] fields) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Action = action,
        UserName = "Boris",
        At = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
        Changes = { fields.Select(f => new FieldChange { Field = f.Field, Before = f.Before, After = f.After }) },
    };
}
