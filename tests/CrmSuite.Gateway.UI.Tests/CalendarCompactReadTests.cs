using Bunit;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Radzen;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>
/// The calendar and the team timeline draw from the calendar's compact read (CalendarView), not
/// from whole items; the whole item is read when one is moved, so a move keeps what the compact
/// read leaves out (description, checklist, links, reminders).
/// </summary>
public sealed class CalendarCompactReadTests : UiTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 8, 0, 0, TimeSpan.Zero);

    public CalendarCompactReadTests()
    {
        JSInterop.Setup<Radzen.Blazor.Rendering.Rect>(_ => true).SetResult(new Radzen.Blazor.Rendering.Rect { Width = 1200, Height = 700 });
        UseManualClock().SetUtcNow(Now);
        SignInWith(Permissions.SchedulingRead, Permissions.SchedulingWrite, Permissions.ClientsRead);
        var meeting = FakeSchedulingClient.Event("m-1", ItemKind.Meeting, "Kick-off with Alfa", "2026-03-02T10:00", "2026-03-02T11:00");
        meeting.Description = "Agenda: prices, delivery";
        meeting.CompanyId = "c-alfa";
        meeting.Checklist.Add(new ChecklistEntry { Text = "Bring the contract" });
        meeting.ReminderMinutesBefore.Add(15);
        SchedulingApi.Stored.Add(meeting);
    }

    [Fact]
    public async Task The_week_is_read_compactly_and_a_moved_meeting_keeps_its_description_checklist_company_and_reminders()
    {
        var page = Render<CalendarPage>();
        page.WaitForAssertion(() => Assert.Equal(["Kick-off with Alfa"], page.FindAll("[data-testid=calendar-item-title]").Select(t => t.TextContent)));
        Assert.Single(CalendarViewApi.Requests);
        Assert.Empty(SchedulingApi.ListRequests);

        var scheduler = page.FindComponent<RadzenScheduler<CalendarEntry>>();
        var entry = scheduler.Instance.Data!.Single();
        await page.InvokeAsync(() => scheduler.Instance.AppointmentMove.InvokeAsync(new SchedulerAppointmentMoveEventArgs
        {
            Appointment = new AppointmentData { Start = entry.Start, End = entry.End, Data = entry, Text = entry.Title },
            SlotDate = new DateTime(2026, 3, 4, 14, 0, 0),
        }));

        page.WaitForAssertion(() => Assert.Single(SchedulingApi.UpdateRequests));
        var sent = SchedulingApi.UpdateRequests.Single();
        Assert.Equal(("2026-03-04T14:00", "2026-03-04T15:00"), (sent.Start, sent.End));
        Assert.Equal(("Agenda: prices, delivery", "c-alfa", "Bring the contract", 15), (sent.Description, sent.CompanyId, sent.Checklist.Single().Text, sent.ReminderMinutesBefore.Single()));
    }

    [Fact]
    public void The_team_timeline_reads_its_three_weeks_compactly()
    {
        var page = Render<TeamTimeline>();

        page.WaitForAssertion(() => Assert.Single(CalendarViewApi.Requests));
        Assert.Empty(SchedulingApi.ListRequests);
    }
}
