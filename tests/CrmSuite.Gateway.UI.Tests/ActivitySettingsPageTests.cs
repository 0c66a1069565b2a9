using Bunit;
using CrmSuite.Gateway.UI.Activities;
using CrmSuite.Gateway.UI.Layout;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The activity types and plans settings page: what is listed, a type and a plan created (a refusal shown at its field), archiving.</summary>
public sealed class ActivitySettingsPageTests : UiTest
{
    private readonly FakeActivityTypesClient types = new();
    private readonly FakeActivityPlansClient plans;

    public ActivitySettingsPageTests()
    {
        plans = new FakeActivityPlansClient(SchedulingApi);
        Services.AddSingleton<ActivityTypes.ActivityTypesClient>(types);
        Services.AddSingleton<ActivityPlans.ActivityPlansClient>(plans);
        SignInWith(Permissions.ClientsConfigure, Permissions.SchedulingRead);
        types.Stored.AddRange([
            FakeActivityTypesClient.Type("t-call", "Звонок", "Call", ItemKind.Call, "call", 15, 15),
            FakeActivityTypesClient.Type("t-demo", "Демонстрация", "Demo", ItemKind.Meeting, minutes: 90, reminders: [60, 1440]),
        ]);
        types.Stored[1].NextTypeId = "t-call";
        types.Stored[1].NextInDays = 2;
    }

    [Fact]
    public void Types_are_listed_with_their_names_kind_and_defaults_and_plans_with_their_steps_by_name()
    {
        var old = FakeActivityTypesClient.Type("t-old", "Факс", "Fax", ItemKind.Task);
        old.Archived = true;
        types.Stored.Add(old);
        plans.Stored.Add(FakeActivityPlansClient.Plan("p-1", "New client", ("t-call", "Welcome call", 0), ("t-old", "", 3)));

        var page = Render<ActivitySettingsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=activity-type-row]").Count));
        Assert.Equal(["Звонок", "Демонстрация"], page.FindAll("[data-testid=activity-type-name-ru-cell]").Select(c => c.TextContent));
        Assert.Equal(["Call", "Demo"], page.FindAll("[data-testid=activity-type-name-en-cell]").Select(c => c.TextContent));
        var demo = page.FindAll("[data-testid=activity-type-row]")[1];
        Assert.Contains("Meeting · 90 min", demo.QuerySelector("[data-testid=activity-type-kind-cell]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 h before, 1 days before", demo.QuerySelector("[data-testid=activity-type-defaults-cell]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("next: Call in 2 days", demo.QuerySelector("[data-testid=activity-type-next-cell]")!.TextContent, StringComparison.Ordinal);
        // A built-in type is edited but never archived.
        Assert.Single(page.FindAll("[data-testid=archive-activity-type]"));
        Assert.DoesNotContain("t-call", page.Markup, StringComparison.Ordinal);

        page.WaitForAssertion(() => Assert.Equal("New client", page.Find("[data-testid=activity-plan-name-cell]").TextContent));
        var steps = page.FindAll("[data-testid=activity-plan-step-row]").Select(s => s.TextContent).ToList();
        Assert.Contains("Welcome call", steps[0], StringComparison.Ordinal);
        Assert.Contains("The person applying the plan", steps[0], StringComparison.Ordinal);
        Assert.Contains("day 3", steps[1], StringComparison.Ordinal);
        Assert.Contains("Fax", steps[1], StringComparison.Ordinal);
    }

    [Fact]
    public void With_nothing_yet_the_page_says_so_in_russian()
    {
        UseCulture("ru-RU");
        types.Stored.Clear();

        var page = Render<ActivitySettingsPage>();

        page.WaitForAssertion(() => Assert.Contains(Texts.Activities.NoTypes.Ru, page.Find("[data-testid=activity-types-empty]").TextContent));
        page.WaitForAssertion(() => Assert.Contains(Texts.Activities.NoPlans.Ru, page.Find("[data-testid=activity-plans-empty]").TextContent));
    }

    [Fact]
    public void A_new_type_the_service_refuses_shows_the_reason_at_its_field_and_a_corrected_one_is_listed()
    {
        types.OnSave = _ => Calls.Fail<ActivityType>(Calls.Invalid(("name_en", "At most 100 characters.")));
        var page = Render<ActivitySettingsPage>();
        page.WaitForElement("[data-testid=activity-type-row]");

        page.Find("[data-testid=add-activity-type]").Click();
        page.Find("input[data-testid=activity-type-name-ru]").Change("Выезд на объект");
        page.Find("input[data-testid=activity-type-name-en]").Change("Site visit");
        page.Find("[data-testid=save-activity-type]").Click();

        page.WaitForAssertion(() => Assert.Contains("At most 100 characters.", page.Find("[data-testid=field-error-name_en]").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, page.FindAll("[data-testid=activity-type-row]").Count);
        var sent = Assert.Single(types.Saves);
        Assert.Equal(("", "Выезд на объект", "Site visit", ItemKind.Task), (sent.Id, sent.NameRu, sent.NameEn, sent.Kind));

        types.OnSave = null;
        page.Find("[data-testid=save-activity-type]").Click();

        page.WaitForAssertion(() => Assert.Contains("Site visit", page.FindAll("[data-testid=activity-type-name-en-cell]").Select(c => c.TextContent)));
        Assert.Empty(page.FindAll("[data-testid=activity-type-form]"));
    }

    [Fact]
    public void A_built_in_type_is_edited_with_its_version_and_keeps_its_kind()
    {
        var page = Render<ActivitySettingsPage>();
        page.WaitForElement("[data-testid=activity-type-row]");

        page.FindAll("[data-testid=edit-activity-type]")[0].Click();
        Assert.NotNull(page.Find("[data-testid=activity-type-built-in]"));
        page.Find("input[data-testid=activity-type-name-en]").Change("Phone call");
        page.Find("[data-testid=save-activity-type]").Click();

        var sent = Assert.Single(types.Saves);
        Assert.Equal(("t-call", "1", "Phone call", ItemKind.Call, 15), (sent.Id, sent.Version, sent.NameEn, sent.Kind, sent.DefaultDurationMinutes));
        Assert.Equal([15], sent.DefaultReminderMinutesBefore);
        page.WaitForAssertion(() => Assert.Contains("Phone call", page.FindAll("[data-testid=activity-type-name-en-cell]").Select(c => c.TextContent)));
    }

    [Fact]
    public void A_type_is_archived_after_the_person_confirms_and_leaves_the_list()
    {
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();
        var page = Render<ActivitySettingsPage>();
        page.WaitForElement("[data-testid=archive-activity-type]");

        page.Find("[data-testid=archive-activity-type]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Archive “Demo”?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Archive").Click();

        var sent = Assert.Single(types.Archives);
        Assert.Equal(("t-demo", "1"), (sent.Id, sent.Version));
        page.WaitForAssertion(() => Assert.Equal(["Call"], page.FindAll("[data-testid=activity-type-name-en-cell]").Select(c => c.TextContent)));
    }

    [Fact]
    public void A_new_plan_with_two_steps_is_sent_in_order_a_refused_day_shows_at_its_step_and_the_saved_plan_is_listed()
    {
        plans.OnSave = _ => Calls.Fail<ActivityPlan>(Calls.Invalid(("steps[1].day_offset", "Days after the start: 0 to 366.")));
        var page = Render<ActivitySettingsPage>();
        page.WaitForElement("[data-testid=activity-plans-empty]");

        page.Find("[data-testid=add-activity-plan]").Click();
        page.Find("input[data-testid=activity-plan-name]").Change("New client");
        page.Find("[data-testid=add-activity-plan-step]").Click();
        var titles = page.FindAll("input[data-testid=activity-plan-step-title]");
        titles[0].Change("Welcome call");
        page.FindAll("input[data-testid=activity-plan-step-title]")[1].Change("Demo at their office");
        page.Find("[data-testid=save-activity-plan]").Click();

        page.WaitForAssertion(() => Assert.Contains("0 to 366", page.Find("[data-testid='field-error-steps[1].day_offset']").TextContent, StringComparison.Ordinal));
        var sent = Assert.Single(plans.Saves);
        Assert.Equal("New client", sent.Name);
        Assert.Equal([("t-call", "Welcome call", 0), ("t-call", "Demo at their office", 1)], sent.Steps.Select(s => (s.ActivityTypeId, s.Title, s.DayOffset)));

        plans.OnSave = null;
        page.Find("[data-testid=save-activity-plan]").Click();

        page.WaitForAssertion(() => Assert.Equal("New client", page.Find("[data-testid=activity-plan-name-cell]").TextContent));
        Assert.Equal(2, page.FindAll("[data-testid=activity-plan-step-row]").Count);
        Assert.Empty(page.FindAll("[data-testid=activity-plans-empty]"));
    }

    [Fact]
    public void A_plan_is_archived_after_the_person_confirms()
    {
        plans.Stored.Add(FakeActivityPlansClient.Plan("p-1", "New client", ("t-call", "Welcome call", 0)));
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();
        var page = Render<ActivitySettingsPage>();
        page.WaitForElement("[data-testid=archive-activity-plan]");

        page.Find("[data-testid=archive-activity-plan]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Archive").Click());

        Assert.Equal(("p-1", "1"), (plans.Archives.Single().Id, plans.Archives.Single().Version));
        page.WaitForElement("[data-testid=activity-plans-empty]");
    }

    [Fact]
    public void The_settings_link_is_shown_only_to_people_who_may_configure()
    {
        var nav = Render<NavMenu>();
        Assert.Equal("settings/activities", nav.Find("[data-testid=nav-activity-settings]").GetAttribute("href"));

        SignInWith(Permissions.ClientsRead, Permissions.SchedulingRead, Permissions.SchedulingWrite);
        var without = Render<NavMenu>();
        Assert.Empty(without.FindAll("[data-testid=nav-activity-settings]"));
    }
}
