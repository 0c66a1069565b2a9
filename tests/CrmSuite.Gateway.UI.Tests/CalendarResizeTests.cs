using Bunit;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Radzen;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>
/// Stretching a meeting's end in the week or day view (RadzenScheduler's AppointmentResize): the
/// service checks the new end; a refused one snaps back with the reason, as a refused move does.
/// </summary>
public sealed class CalendarResizeTests : UiTest
{
    public CalendarResizeTests()
    {
        JSInterop.Setup<Radzen.Blazor.Rendering.Rect>(_ => true).SetResult(new Radzen.Blazor.Rendering.Rect { Width = 1200, Height = 700 });
        UseManualClock().SetUtcNow(new DateTimeOffset(2026, 3, 4, 8, 0, 0, TimeSpan.Zero));
        SignInWith(Permissions.SchedulingRead, Permissions.SchedulingWrite, Permissions.ClientsRead);
        SchedulingApi.Stored.Add(FakeSchedulingClient.Event("m-1", ItemKind.Meeting, "Kick-off with Alfa", "2026-03-05T10:00", "2026-03-05T11:00"));
    }

    private async Task<IRenderedComponent<CalendarPage>> ResizeAsync(DateTime newEnd)
    {
        var page = Render<CalendarPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=calendar-item]")));
        var scheduler = page.FindComponent<RadzenScheduler<CalendarEntry>>();
        var entry = scheduler.Instance.Data!.Single();
        await page.InvokeAsync(() => scheduler.Instance.AppointmentResize.InvokeAsync(new SchedulerAppointmentResizeEventArgs
        {
            Appointment = new AppointmentData { Start = entry.Start, End = entry.End, Data = entry, Text = entry.Title },
            Start = entry.Start,
            End = newEnd,
        }));
        return page;
    }

    private static DateTime ShownEnd(IRenderedComponent<CalendarPage> page) =>
        page.FindComponent<RadzenScheduler<CalendarEntry>>().Instance.Data!.Single().End;

    [Fact]
    public async Task A_longer_meeting_the_service_accepts_keeps_its_start_and_ends_later()
    {
        var page = await ResizeAsync(new DateTime(2026, 3, 5, 12, 30, 0));

        page.WaitForAssertion(() => Assert.Equal(new DateTime(2026, 3, 5, 12, 30, 0), ShownEnd(page)));
        var sent = Assert.Single(SchedulingApi.UpdateRequests);
        Assert.Equal(("2026-03-05T10:00", "2026-03-05T12:30"), (sent.Start, sent.End));
    }

    [Fact]
    public async Task A_new_end_the_service_refuses_snaps_back_and_says_why_above_the_calendar()
    {
        SchedulingApi.OnUpdate = _ => Calls.Fail<Item>(Calls.Invalid(("end", "An event lasts at most 31 days.")));

        var page = await ResizeAsync(new DateTime(2026, 4, 20, 10, 0, 0));

        page.WaitForAssertion(() => Assert.Contains("An event lasts at most 31 days.", page.Find("[data-testid=calendar-error]").TextContent));
        Assert.Contains("Kick-off with Alfa", page.Find("[data-testid=calendar-refused-item]").TextContent);
        Assert.Equal(new DateTime(2026, 3, 5, 11, 0, 0), ShownEnd(page));
    }
}
