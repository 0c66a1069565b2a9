using Bunit;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>"Apply a plan" on a company's or deal's Tasks: the plan's days shown before applying, one click plans them, a refusal stays in the dialog.</summary>
public sealed class ApplyPlanDialogTests : UiTest
{
    private readonly FakeActivityTypesClient types = new();
    private readonly FakeActivityPlansClient plans;

    public ApplyPlanDialogTests()
    {
        plans = new FakeActivityPlansClient(SchedulingApi);
        Services.AddSingleton<ActivityTypes.ActivityTypesClient>(types);
        Services.AddSingleton<ActivityPlans.ActivityPlansClient>(plans);
        // Friday 6 March 2026 in the browser's zone (UTC here): a step a day later falls on a Saturday.
        UseManualClock().SetUtcNow(new DateTimeOffset(2026, 3, 6, 10, 0, 0, TimeSpan.Zero));
        SignInWith(Permissions.ClientsRead, Permissions.SchedulingRead, Permissions.SchedulingWrite);
        types.Stored.AddRange([
            FakeActivityTypesClient.Type("t-call", "Звонок", "Call", ItemKind.Call, "call", 15),
            FakeActivityTypesClient.Type("t-task", "Задача", "Task", ItemKind.Task, "task"),
        ]);
        plans.Stored.AddRange([
            FakeActivityPlansClient.Plan("p-new", "New client", ("t-call", "Welcome call", 0), ("t-task", "Send the price list", 1)),
            FakeActivityPlansClient.Plan("p-lost", "Win back", ("t-call", "", 7)),
        ]);
    }

    [Fact]
    public void On_a_company_the_dialog_shows_each_steps_day_and_applying_lists_the_new_tasks()
    {
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();
        var tasks = Render<CompanyItems>(p => p.Add(c => c.CompanyId, "c-1").Add(c => c.CompanyName, "Alfa LLC"));
        tasks.WaitForElement("[data-testid=company-items-empty]");

        tasks.Find("[data-testid=open-apply-plan]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("[data-testid=apply-plan-step]").Count));
        Assert.Equal(["New client", "Win back"], dialogs.FindAll(".rz-dropdown-item").Select(i => i.TextContent.Trim()));
        Assert.DoesNotContain("p-new", dialogs.Find("[data-testid=apply-plan-form]").TextContent, StringComparison.Ordinal);
        var steps = dialogs.FindAll("[data-testid=apply-plan-step]").Select(s => s.TextContent).ToList();
        Assert.Contains("Friday, March 6, 2026", steps[0], StringComparison.Ordinal);
        Assert.Contains("Welcome call", steps[0], StringComparison.Ordinal);
        // Saturday moves to Monday: weekends are skipped unless the person says otherwise.
        Assert.Contains("Monday, March 9, 2026", steps[1], StringComparison.Ordinal);
        Assert.Contains("Send the price list", steps[1], StringComparison.Ordinal);

        dialogs.Find("[data-testid=apply-plan]").Click();

        var sent = Assert.Single(plans.Applied);
        Assert.Equal(("p-new", "c-1", "", "2026-03-06", "09:00", "UTC", true),
            (sent.Id, sent.CompanyId, sent.DealId, sent.StartDate, sent.TimeOfDay, sent.TimeZone, sent.SkipWeekends));
        tasks.WaitForAssertion(() => Assert.Equal(["Welcome call", "Send the price list"],
            tasks.FindAll("[data-testid=company-item-planned] a").Select(a => a.TextContent)));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=apply-plan-form]")));
    }

    [Fact]
    public void On_a_deal_the_person_cannot_see_the_refusal_is_shown_in_the_dialog_and_nothing_is_listed()
    {
        plans.OnApply = _ => Calls.Fail<ApplyActivityPlanResponse>(Calls.Invalid(("deal_id", "Deal not found.")));
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();
        var tasks = Render<CompanyItems>(p => p.Add(c => c.DealId, "d-9").Add(c => c.CompanyId, "c-1").Add(c => c.CompanyName, "Alfa LLC"));
        tasks.WaitForElement("[data-testid=company-items-empty]");

        tasks.Find("[data-testid=open-apply-plan]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".rz-dropdown-item").Single(i => i.TextContent.Trim() == "Win back").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("day", dialogs.Find("[data-testid=apply-plan-step]").TextContent, StringComparison.Ordinal));
        dialogs.Find("[data-testid=apply-plan]").Click();

        var sent = Assert.Single(plans.Applied);
        Assert.Equal(("p-lost", "", "d-9"), (sent.Id, sent.CompanyId, sent.DealId));
        dialogs.WaitForAssertion(() => Assert.Contains("Deal not found.", dialogs.Find("[data-testid=apply-plan-error]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(dialogs.Find("[data-testid=apply-plan-form]"));
        Assert.NotNull(tasks.Find("[data-testid=company-items-empty]"));
    }

    [Fact]
    public void Without_plans_the_dialog_says_who_makes_them_and_a_lead_gets_no_plan_action()
    {
        plans.Stored.Clear();
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();
        var tasks = Render<CompanyItems>(p => p.Add(c => c.CompanyId, "c-1").Add(c => c.CompanyName, "Alfa LLC"));

        tasks.WaitForElement("[data-testid=open-apply-plan]").Click();

        dialogs.WaitForElement("[data-testid=apply-plan-empty]");
        Assert.True(dialogs.Find("[data-testid=apply-plan]").HasAttribute("disabled"));

        var lead = Render<CompanyItems>(p => p.Add(c => c.LeadId, "l-1"));
        lead.WaitForElement("[data-testid=plan-call]");
        Assert.Empty(lead.FindAll("[data-testid=open-apply-plan]"));
    }
}
