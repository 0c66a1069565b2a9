using Bunit;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Radzen;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>Moving one occurrence of a recurring meeting: the calendar asks what the move applies to and sends the choice with the occurrence.</summary>
public sealed class CalendarSeriesTests : UiTest
{
    // Wednesday, 4 March 2026, 08:00 UTC: the week shown is 1-7 March.
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 8, 0, 0, TimeSpan.Zero);

    public CalendarSeriesTests()
    {
        JSInterop.Setup<Radzen.Blazor.Rendering.Rect>(_ => true).SetResult(new Radzen.Blazor.Rendering.Rect { Width = 1200, Height = 700 });
        UseManualClock().SetUtcNow(Now);
        SignInWith(Permissions.SchedulingRead, Permissions.SchedulingWrite, Permissions.ClientsRead);
        // Standup on Mondays and Thursdays at 10:00, as the service lists it for the week.
        var standup = FakeSchedulingClient.Event("s-1", ItemKind.Meeting, "Standup", "2026-02-02T10:00", "2026-02-02T10:15");
        standup.Recurrence = "FREQ=WEEKLY;BYDAY=MO,TH";
        standup.ReminderMinutesBefore.Add(15);
        standup.EndsAt = FakeSchedulingClient.Event("x", ItemKind.Meeting, "x", "2026-12-31T10:00", "2026-12-31T10:15").EndsAt;
        foreach (var day in new[] { "2026-03-02", "2026-03-05" })
        {
            var occurrence = FakeSchedulingClient.Event("x", ItemKind.Meeting, "Standup", $"{day}T10:00", $"{day}T10:15");
            standup.Occurrences.Add(new Occurrence
            {
                Start = occurrence.Start, End = occurrence.End, StartsAt = occurrence.StartsAt, EndsAt = occurrence.EndsAt, OriginalStart = occurrence.Start, Title = "Standup",
            });
        }
        SchedulingApi.Stored.Add(standup);
        SchedulingApi.Stored.Add(FakeSchedulingClient.Event("m-1", ItemKind.Meeting, "Kick-off with Alfa", "2026-03-03T12:00", "2026-03-03T13:00"));
    }

    private static Task DropAsync(IRenderedComponent<CalendarPage> page, string itemId, int day, DateTime slot)
    {
        var scheduler = page.FindComponent<RadzenScheduler<CalendarEntry>>();
        var entry = scheduler.Instance.Data!.Single(e => e.Item.Id == itemId && e.Start.Day == day);
        return page.InvokeAsync(() => scheduler.Instance.AppointmentMove.InvokeAsync(new SchedulerAppointmentMoveEventArgs
        {
            Appointment = new AppointmentData { Start = entry.Start, End = entry.End, Data = entry, Text = entry.Title },
            SlotDate = slot,
        }));
    }

    [Theory]
    [InlineData("series-scope-this", SeriesScope.ThisOccurrence)]
    [InlineData("series-scope-following", SeriesScope.ThisAndFollowing)]
    [InlineData("series-scope-all", SeriesScope.WholeSeries)]
    public async Task Dragging_one_occurrence_asks_what_the_move_applies_to_and_sends_the_choice_with_that_occurrence(string button, SeriesScope scope)
    {
        var dialogs = Render<RadzenDialog>();
        var page = Render<CalendarPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=calendar-item]").Count));

        var dropped = DropAsync(page, "s-1", 5, new DateTime(2026, 3, 6, 14, 0, 0));

        dialogs.WaitForAssertion(() => Assert.Equal(["Only this occurrence", "This and following", "The whole series"],
            dialogs.FindAll("[data-testid=series-scope-dialog] .rz-button-text").Take(3).Select(b => b.TextContent.Trim())));
        Assert.Contains("“Standup” repeats.", dialogs.Find("[data-testid=series-scope-dialog]").TextContent);
        dialogs.Find($"[data-testid={button}]").Click();
        await dropped;

        var sent = Assert.Single(SchedulingApi.UpdateRequests);
        Assert.Equal(("s-1", scope, "2026-03-05T10:00", "2026-03-06T14:00", "2026-03-06T14:15"), (sent.Id, sent.Scope, sent.OccurrenceStart, sent.Start, sent.End));
        Assert.Equal([15], sent.ReminderMinutesBefore);
    }

    [Fact]
    public async Task Closing_the_question_moves_nothing_and_a_single_meeting_is_moved_without_asking()
    {
        var dialogs = Render<RadzenDialog>();
        var page = Render<CalendarPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=calendar-item]").Count));

        var dropped = DropAsync(page, "s-1", 2, new DateTime(2026, 3, 2, 16, 0, 0));
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=series-scope-cancel]").Click());
        await dropped;
        await DropAsync(page, "m-1", 3, new DateTime(2026, 3, 4, 12, 0, 0));

        var sent = Assert.Single(SchedulingApi.UpdateRequests);
        Assert.Equal(("m-1", SeriesScope.Unspecified, ""), (sent.Id, sent.Scope, sent.OccurrenceStart));
        Assert.Empty(dialogs.FindAll("[data-testid=series-scope-dialog]"));
        Assert.Empty(page.FindAll("[data-testid=calendar-error]"));
    }
}
