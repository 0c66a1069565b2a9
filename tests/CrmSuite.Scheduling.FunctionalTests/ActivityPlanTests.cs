using System.Net;
using System.Net.Http.Json;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Grpc.Core;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>Plans: a named list of activities applied to a company or a deal in one step.</summary>
public sealed class ActivityPlanTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private ActivityPlans.ActivityPlansClient Plans(TestUser user) => new(api.Grpc(user));

    private async Task<string> TypeAsync(string code) =>
        (await new ActivityTypes.ActivityTypesClient(api.Grpc(People.Anna)).ListActivityTypesAsync(new ListActivityTypesRequest(), cancellationToken: Ct)).Types_.Single(t => t.Code == code).Id;

    /// <summary>Call on day 0 (the manager), meeting on day 3 (the manager), e-mail on day 5 (whoever applies it).</summary>
    private async Task<Contracts.ActivityPlan> OnboardingAsync() =>
        await Plans(Configurers.Director).CreateActivityPlanAsync(new ActivityPlanInput
        {
            Name = "Новый клиент " + Guid.NewGuid().ToString("N")[..6],
            Steps =
            {
                new PlanStep { ActivityTypeId = await TypeAsync("call"), Title = "Знакомство", DayOffset = 0, Assignee = PlanAssignee.Manager },
                new PlanStep { ActivityTypeId = await TypeAsync("meeting"), DayOffset = 3, Assignee = PlanAssignee.Manager },
                new PlanStep { ActivityTypeId = await TypeAsync("email"), Title = "Отправить договор", DayOffset = 5, Assignee = PlanAssignee.Caller },
            },
        }, cancellationToken: Ct);

    [Fact]
    public async Task Applying_a_plan_to_a_deal_plans_every_step_linked_to_it_for_the_right_people_with_reminders()
    {
        var plan = await OnboardingAsync();
        var (company, _, deal) = await api.ClientAsync(TestUser.ManagerAnna);

        // The team head applies it: the manager's steps go to the deal's manager, the rest to the head.
        var applied = await Plans(People.HeadOfNorth).ApplyActivityPlanAsync(new ApplyActivityPlanRequest
        {
            Id = plan.Id, DealId = deal, StartDate = "2026-03-06", TimeZone = "Europe/Moscow", TimeOfDay = "10:30",
        }, cancellationToken: Ct);

        // 6 March 2026 is a Friday: day 3 is Monday the 9th, day 5 Wednesday the 11th.
        Assert.Equal(["Знакомство", "Встреча", "Отправить договор"], applied.Items.Select(i => i.Title));
        Assert.Equal(["2026-03-06T10:30", "2026-03-09T10:30", "2026-03-11T10:30"], applied.Items.Select(i => i.Start));
        Assert.Equal(["manager-anna", "manager-anna", "head-north"], applied.Items.Select(i => i.AssigneeUserId));
        Assert.All(applied.Items, i => Assert.Equal((company, deal), (i.CompanyId, i.DealId)));
        Assert.Equal("2026-03-09T11:30", applied.Items[1].End);
        // The call type reminds 15 minutes before: the one who planned it and the one who makes it.
        Assert.Equal(2, await api.ScalarAsync("SELECT count(*) FROM reminders WHERE item_id = @p0::uuid AND minutes_before = 15", applied.Items[0].Id));
        Assert.Single(await api.AuditAsync("scheduling.activity-plan.applied", plan.Id));
    }

    [Fact]
    public async Task Weekends_are_skipped_when_asked_a_step_on_Saturday_or_Sunday_moving_to_Monday()
    {
        var plan = await Plans(Configurers.Director).CreateActivityPlanAsync(new ActivityPlanInput
        {
            Name = "Выходные " + Guid.NewGuid().ToString("N")[..6],
            Steps =
            {
                new PlanStep { ActivityTypeId = await TypeAsync("task"), Title = "Суббота", DayOffset = 1 },
                new PlanStep { ActivityTypeId = await TypeAsync("task"), Title = "Воскресенье", DayOffset = 2 },
            },
        }, cancellationToken: Ct);
        var (company, _, _) = await api.ClientAsync(TestUser.ManagerAnna);

        var request = new ApplyActivityPlanRequest { Id = plan.Id, CompanyId = company, StartDate = "2026-03-06", TimeZone = "Europe/Moscow" };
        var asIs = await Plans(People.Anna).ApplyActivityPlanAsync(request, cancellationToken: Ct);
        request.SkipWeekends = true;
        var skipping = await Plans(People.Anna).ApplyActivityPlanAsync(request, cancellationToken: Ct);

        Assert.Equal(["2026-03-07T09:00", "2026-03-08T09:00"], asIs.Items.Select(i => i.Start));
        Assert.Equal(["2026-03-09T09:00", "2026-03-09T09:00"], skipping.Items.Select(i => i.Start));
    }

    [Fact]
    public async Task A_plan_applied_to_a_company_the_caller_cannot_see_is_refused_naming_it_and_plans_nothing()
    {
        var plan = await OnboardingAsync();
        var (olegs, _, _) = await api.ClientAsync(TestUser.ManagerOleg);
        var items = await api.ScalarAsync("SELECT count(*) FROM items");

        var response = await api.As(People.Anna).Http.PostAsJsonAsync($"/v1/activity-plans/{plan.Id}:apply", new { companyId = olegs, timeZone = "Europe/Moscow" }, Json, Ct);
        var neither = await api.As(People.Anna).Http.PostAsJsonAsync($"/v1/activity-plans/{plan.Id}:apply", new { timeZone = "Europe/Moscow" }, Json, Ct);

        Assert.Equal(["companyId"], await BadFieldsAsync(response));
        Assert.Equal(["companyId"], await BadFieldsAsync(neither));
        Assert.Equal(items, await api.ScalarAsync("SELECT count(*) FROM items"));
    }

    [Fact]
    public async Task A_bad_plan_is_a_400_naming_each_step_field_and_a_manager_may_not_make_plans()
    {
        var response = await api.As(Configurers.Director).Http.PostAsJsonAsync("/v1/activity-plans", new
        {
            name = "", steps = new object[] { new { activityTypeId = Guid.NewGuid().ToString(), dayOffset = -1 }, new { activityTypeId = "" } },
        }, Json, Ct);
        var refused = await Assert.ThrowsAsync<RpcException>(() => Plans(People.Anna).CreateActivityPlanAsync(new ActivityPlanInput { Name = "x" }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(["name", "steps[0].activityTypeId", "steps[0].dayOffset", "steps[1].activityTypeId"], (await BadFieldsAsync(response)).Order());
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task A_plan_is_changed_with_its_version_archived_and_then_no_longer_listed_or_applied()
    {
        var plans = Plans(Configurers.Director);
        var plan = await OnboardingAsync();
        var changed = await plans.UpdateActivityPlanAsync(new ActivityPlanInput { Id = plan.Id, Version = plan.Version, Name = "Переименован", Steps = { plan.Steps[0] } }, cancellationToken: Ct);
        var archived = await plans.ArchiveActivityPlanAsync(new ArchiveActivityPlanRequest { Id = plan.Id, Version = changed.Version }, cancellationToken: Ct);
        var (company, _, _) = await api.ClientAsync(TestUser.ManagerAnna);

        var apply = await api.As(People.Anna).Http.PostAsJsonAsync($"/v1/activity-plans/{plan.Id}:apply", new { companyId = company, timeZone = "Europe/Moscow" }, Json, Ct);

        Assert.Equal(("Переименован", 1, true), (changed.Name, changed.Steps.Count, archived.Archived));
        Assert.DoesNotContain((await plans.ListActivityPlansAsync(new ListActivityPlansRequest(), cancellationToken: Ct)).Plans, p => p.Id == plan.Id);
        Assert.Equal(HttpStatusCode.NotFound, apply.StatusCode);
        Assert.Single(await api.AuditAsync("scheduling.activity-plan.updated", plan.Id));
    }
}
