using Bunit;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Microsoft.Extensions.Time.Testing;
using Radzen;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The calendar: the week's items on their days, planning from a free slot, and moves the service checks.</summary>
public sealed class CalendarTests : UiTest
{
    // Wednesday, 4 March 2026, 08:00 UTC: the week shown is 1-7 March (Sunday first, as the invariant culture has it).
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock;

    public CalendarTests()
    {
        // The scheduler measures itself through JS; a browser would answer with its box.
        JSInterop.Setup<Radzen.Blazor.Rendering.Rect>(_ => true).SetResult(new Radzen.Blazor.Rendering.Rect { Width = 1200, Height = 700 });
        clock = UseManualClock();
        clock.SetUtcNow(Now);
        SignInWith(Permissions.SchedulingRead, Permissions.SchedulingWrite, Permissions.ClientsRead);
        SchedulingApi.Stored.AddRange(
        [
            FakeSchedulingClient.Event("m-1", ItemKind.Meeting, "Kick-off with Alfa", "2026-03-02T10:00", "2026-03-02T11:00"),
            FakeSchedulingClient.Event("c-1", ItemKind.Call, "Call Northwind back", "2026-03-05T15:00", "2026-03-05T15:30"),
            FakeSchedulingClient.DueTask("t-1", "Send the offer", "2026-03-03T09:00"),
            OtherPersons(FakeSchedulingClient.Event("m-9", ItemKind.Meeting, "A colleague's own meeting", "2026-03-02T12:00", "2026-03-02T13:00")),
        ]);
    }

    [Fact]
    public void The_week_shows_the_persons_items_by_title_on_their_days_and_an_overdue_task_stands_out()
    {
        var page = Render<CalendarPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=calendar-item]").Count));
        Assert.Equal(
            [("2026-03-02", "Kick-off with Alfa"), ("2026-03-03", "Send the offer"), ("2026-03-05", "Call Northwind back")],
            page.FindAll("[data-testid=calendar-item]").Select(i => (i.GetAttribute("data-date")!, i.QuerySelector("[data-testid=calendar-item-title]")!.TextContent))
                .OrderBy(i => i.Item1));
        var overdue = Assert.Single(page.FindAll("[data-testid=calendar-overdue]"));
        Assert.Contains("Send the offer", overdue.ParentElement!.TextContent);
        var request = Assert.Single(CalendarViewApi.Requests);
        Assert.True(request.From.ToDateTimeOffset() <= new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.True(request.To.ToDateTimeOffset() >= new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Opened_at_a_date_from_My_work_the_calendar_shows_that_day()
    {
        Navigation.NavigateTo("calendar?date=2026-03-05");

        var page = Render<CalendarPage>();

        page.WaitForAssertion(() => Assert.Equal(["Call Northwind back"], page.FindAll("[data-testid=calendar-item-title]").Select(t => t.TextContent)));
        Assert.Contains("rz-state-active", page.FindAll(".rz-scheduler-nav-views button")[0].ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_move_the_service_refuses_snaps_back_and_says_why_above_the_calendar()
    {
        SchedulingApi.OnUpdate = _ => Calls.Fail<Item>(Calls.Invalid(("end", "An event lasts at most 31 days.")));
        var page = Render<CalendarPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=calendar-item]").Count));

        await DropAsync(page, "m-1", new DateTime(2026, 3, 4, 14, 0, 0));

        page.WaitForAssertion(() => Assert.Contains("An event lasts at most 31 days.", page.Find("[data-testid=calendar-error]").TextContent));
        Assert.Contains(Texts.Errors.InvalidInput.En, page.Find("[data-testid=calendar-error]").TextContent);
        Assert.Contains("Kick-off with Alfa", page.Find("[data-testid=calendar-refused-item]").TextContent);
        var sent = Assert.Single(SchedulingApi.UpdateRequests);
        Assert.Equal(("m-1", "2026-03-04T14:00", "2026-03-04T15:00", "1"), (sent.Id, sent.Start, sent.End, sent.Version));
        Assert.Equal("2026-03-02", DayOf(page, "Kick-off with Alfa"));
    }

    [Fact]
    public async Task A_move_refused_for_the_items_state_shows_the_services_reason()
    {
        SchedulingApi.OnUpdate = _ => Calls.Fail<Item>(Calls.Error(Grpc.Core.StatusCode.FailedPrecondition, "The item is cancelled; reopen it first."));
        var page = Render<CalendarPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=calendar-item]").Count));

        await DropAsync(page, "m-1", new DateTime(2026, 3, 4, 14, 0, 0));

        page.WaitForAssertion(() => Assert.Equal("The item is cancelled; reopen it first.", page.Find("[data-testid=calendar-error-reason]").TextContent));
        Assert.Contains(Texts.Errors.FailedPrecondition.En, page.Find("[data-testid=calendar-error]").TextContent);
    }

    [Fact]
    public async Task A_move_the_service_accepts_shows_the_item_on_its_new_day()
    {
        var page = Render<CalendarPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=calendar-item]").Count));

        await DropAsync(page, "t-1", new DateTime(2026, 3, 6, 11, 0, 0));

        page.WaitForAssertion(() => Assert.Equal("2026-03-06", DayOf(page, "Send the offer")));
        var sent = Assert.Single(SchedulingApi.UpdateRequests);
        Assert.Equal(("2026-03-06T11:00", ""), (sent.Start, sent.End));
        Assert.Empty(page.FindAll("[data-testid=calendar-error]"));
    }

    [Fact]
    public async Task Planning_from_a_free_slot_sends_the_slots_local_times_in_the_persons_zone_and_shows_the_new_meeting()
    {
        JSInterop.SetupModule("./_content/CrmSuite.Gateway.UI/crm-ui.js").Setup<string?>("timeZone").SetResult("Europe/Berlin");
        var dialogs = Render<RadzenDialog>();
        var page = Render<CalendarPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=calendar-item]").Count));
        var scheduler = page.FindComponent<RadzenScheduler<CalendarEntry>>();

        var slot = page.InvokeAsync(() => scheduler.Instance.SlotSelect.InvokeAsync(
            new SchedulerSlotSelectEventArgs { Start = new DateTime(2026, 3, 5, 14, 0, 0), End = new DateTime(2026, 3, 5, 14, 30, 0) }));
        dialogs.WaitForElement("[data-testid=item-title-input]").Change("Demo for Alfa");
        dialogs.Find("[data-testid=save-item]").Click();
        await slot;

        var sent = Assert.Single(SchedulingApi.CreateRequests);
        Assert.Equal((ItemKind.Meeting, "Demo for Alfa", "2026-03-05T14:00", "2026-03-05T14:30", "Europe/Berlin", false),
            (sent.Kind, sent.Title, sent.Start, sent.End, sent.TimeZone, sent.AllDay));
        page.WaitForAssertion(() => Assert.Equal("2026-03-05", DayOf(page, "Demo for Alfa")));
    }

    [Fact]
    public void In_Russian_the_calendar_its_views_filter_and_overdue_mark_speak_Russian()
    {
        UseCulture("ru-RU");
        var page = Render<CalendarPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=calendar-item]").Count));
        Assert.Equal("Календарь", page.Find("h1").TextContent);
        var views = page.FindAll(".rz-scheduler-nav-views button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Collection(views, v => Assert.EndsWith("День", v), v => Assert.EndsWith("Неделя", v), v => Assert.EndsWith("Месяц", v));
        Assert.Contains("Сегодня", page.Find(".rz-scheduler-nav").TextContent);
        Assert.Contains("Мой", page.Find("[data-testid=calendar-whose]").TextContent);
        Assert.Equal("Просрочено:", page.Find("[data-testid=calendar-overdue]").TextContent);
    }

    [Fact]
    public void Everyone_I_see_adds_a_colleagues_own_meeting_that_mine_leaves_out()
    {
        var page = Render<CalendarPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=calendar-item]").Count));
        Assert.DoesNotContain("A colleague's own meeting", page.Markup, StringComparison.Ordinal);

        var filter = page.FindComponent<RadzenDropDown<string>>();
        page.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync("*"));

        page.WaitForAssertion(() => Assert.Equal("2026-03-02", DayOf(page, "A colleague's own meeting")));
    }

    [Fact]
    public async Task An_item_opens_with_its_details_by_name_and_completing_it_asks_for_the_result_it_requires()
    {
        var call = SchedulingApi.Stored.Single(i => i.Id == "c-1");
        call.ResultRequired = true;
        call.CompanyId = "co-1";
        call.AssigneeUserId = "user-2";
        CompaniesApi.OnGet = _ => Calls.Ok(new CrmSuite.Clients.Contracts.Company { Id = "co-1", Name = "Northwind" });
        AdministrationApi.People.People.Add(new CrmSuite.Identity.Contracts.Person { Id = "user-2", DisplayName = "Boris Orlov" });
        var dialogs = Render<RadzenDialog>();
        var page = Render<CalendarPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=calendar-item]").Count));
        var scheduler = page.FindComponent<RadzenScheduler<CalendarEntry>>();
        var entry = scheduler.Instance.Data!.Single(e => e.Item.Id == "c-1");

        var opened = page.InvokeAsync(() => scheduler.Instance.AppointmentSelect.InvokeAsync(
            new SchedulerAppointmentSelectEventArgs<CalendarEntry> { Start = entry.Start, End = entry.End, Data = entry }));

        dialogs.WaitForAssertion(() => Assert.Equal("Northwind", dialogs.Find("[data-testid=item-details-company]").TextContent.Trim()));
        Assert.Equal("Call Northwind back", dialogs.Find("[data-testid=item-details-title]").TextContent);
        Assert.Equal("Call", dialogs.Find("[data-testid=item-details-kind]").TextContent);
        Assert.Equal("Boris Orlov", dialogs.Find("[data-testid=item-details-assignee]").TextContent);
        Assert.DoesNotContain("co-1", dialogs.Find("[data-testid=item-details]").TextContent, StringComparison.Ordinal);
        Assert.Equal("clients/co-1", dialogs.Find("[data-testid=item-details-company] a").GetAttribute("href"));
        dialogs.Find("[data-testid=complete-item]").Click();
        dialogs.WaitForElement("[data-testid=complete-confirm]").Click();
        dialogs.WaitForAssertion(() => Assert.Equal("Required: write down what came of it.", dialogs.Find("[data-testid=field-error-result]").TextContent));
        dialogs.Find("[data-testid=item-result-input]").Change("They order 40 kettles");
        dialogs.Find("[data-testid=complete-confirm]").Click();
        await opened;

        Assert.Equal(["", "They order 40 kettles"], SchedulingApi.CompleteRequests.Select(r => r.Result));
        Assert.Empty(dialogs.FindAll("[data-testid=item-details]"));
        Assert.Equal(ItemStatus.Done, SchedulingApi.Stored.Single(i => i.Id == "c-1").Status);
    }

    /// <summary>What the scheduler raises when the person drops an item onto a slot (the drag itself is the browser's).</summary>
    private static Task DropAsync(IRenderedComponent<CalendarPage> page, string itemId, DateTime slot)
    {
        var scheduler = page.FindComponent<RadzenScheduler<CalendarEntry>>();
        var entry = scheduler.Instance.Data!.Single(e => e.Item.Id == itemId);
        return page.InvokeAsync(() => scheduler.Instance.AppointmentMove.InvokeAsync(new SchedulerAppointmentMoveEventArgs
        {
            Appointment = new AppointmentData { Start = entry.Start, End = entry.End, Data = entry, Text = entry.Title },
            SlotDate = slot,
        }));
    }

    private static string DayOf(IRenderedComponent<CalendarPage> page, string title) =>
        page.FindAll("[data-testid=calendar-item]").Single(i => i.QuerySelector("[data-testid=calendar-item-title]")!.TextContent == title).GetAttribute("data-date")!;

    private static Item OtherPersons(Item item)
    {
        item.OwnerUserId = "user-2";
        item.OwnerName = "Boris Orlov";
        return item;
    }
}
