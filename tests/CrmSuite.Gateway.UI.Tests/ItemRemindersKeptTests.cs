using Bunit;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Radzen;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>UpdateItem replaces every field, reminders too: dragging an item or saving its form must send the reminders it has.</summary>
public sealed class ItemRemindersKeptTests : UiTest
{
    // Wednesday, 4 March 2026, 08:00 UTC: the week shown is 1-7 March.
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 8, 0, 0, TimeSpan.Zero);

    public ItemRemindersKeptTests()
    {
        JSInterop.Setup<Radzen.Blazor.Rendering.Rect>(_ => true).SetResult(new Radzen.Blazor.Rendering.Rect { Width = 1200, Height = 700 });
        UseManualClock().SetUtcNow(Now);
        SignInWith(Permissions.SchedulingRead, Permissions.SchedulingWrite, Permissions.ClientsRead);
        var meeting = FakeSchedulingClient.Event("m-1", ItemKind.Meeting, "Kick-off with Alfa", "2026-03-03T12:00", "2026-03-03T13:00");
        meeting.ReminderMinutesBefore.AddRange([15, 1440]);
        SchedulingApi.Stored.Add(meeting);
    }

    [Fact]
    public async Task Dragging_a_meeting_to_another_day_keeps_its_reminders()
    {
        var page = Render<CalendarPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=calendar-item]")));
        var scheduler = page.FindComponent<RadzenScheduler<CalendarEntry>>();
        var entry = scheduler.Instance.Data!.Single();

        await page.InvokeAsync(() => scheduler.Instance.AppointmentMove.InvokeAsync(new SchedulerAppointmentMoveEventArgs
        {
            Appointment = new AppointmentData { Start = entry.Start, End = entry.End, Data = entry, Text = entry.Title },
            SlotDate = new DateTime(2026, 3, 5, 12, 0, 0),
        }));

        var sent = Assert.Single(SchedulingApi.UpdateRequests);
        Assert.Equal("2026-03-05T12:00", sent.Start);
        Assert.Equal([15, 1440], sent.ReminderMinutesBefore);
    }

    [Fact]
    public void Saving_the_edit_form_keeps_the_reminders_it_shows()
    {
        var form = Render<ItemForm>(p => p.Add(f => f.Item, SchedulingApi.Stored.Single().Clone()));

        Assert.Contains("1 day before", form.Find("[data-testid=item-reminders-input]").TextContent, StringComparison.Ordinal);
        form.Find("[data-testid=item-title-input]").Change("Kick-off with Alfa LLC");
        form.Find("[data-testid=save-item]").Click();

        form.WaitForAssertion(() => Assert.Single(SchedulingApi.UpdateRequests));
        Assert.Equal([15, 1440], SchedulingApi.UpdateRequests.Single().ReminderMinutesBefore);
    }
}
