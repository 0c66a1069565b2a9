using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// Reminders of every occurrence of a series, planned ahead and rolled forward; an edit does not
/// send again what was delivered for the same occurrence and offset, a move re-arms it.
/// </summary>
public sealed class SeriesReminderTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private Task<int> DispatchAsync() => api.Services.GetRequiredService<ReminderDispatcher>().DispatchBatchAsync(Ct);

    private Task<int> TopUpAsync() => api.Services.GetRequiredService<ReminderHorizon>().TopUpAsync(Ct);

    private async Task<List<string>> PendingAsync(string itemId)
    {
        var rows = new List<string>();
        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT to_char(due_at AT TIME ZONE 'UTC', 'MM-DD\"T\"HH24:MI'), due_at_once FROM reminders WHERE item_id = @item AND status = 1 ORDER BY due_at, user_id", connection);
        command.Parameters.AddWithValue("item", Guid.Parse(itemId));
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetString(0) + (reader.GetBoolean(1) ? " at once" : string.Empty));
        }
        return rows;
    }

    private Task<long> NotifiedAsync(string itemId) => api.ScalarAsync("SELECT count(*) FROM notifications WHERE item_id = @p0", Guid.Parse(itemId));

    private async Task InTimeAsync(DateTimeOffset at, Func<Task> test)
    {
        var start = api.Clock.Now;
        api.Clock.Now = at;
        try
        {
            await test();
        }
        finally
        {
            api.Clock.Now = start;
        }
    }

    private static UpdateItemRequest Edit(Item item, string start, string end, string title) => new()
    {
        Id = item.Id, Version = item.Version, Title = title, Start = start, End = end, TimeZone = item.TimeZone, Recurrence = item.Recurrence,
        ReminderMinutesBefore = { item.ReminderMinutesBefore },
    };

    [Fact]
    public async Task Editing_a_meeting_after_its_reminder_was_delivered_does_not_send_it_again_but_moving_it_re_arms_it()
    {
        // 15:00 in Berlin on 1 March is 14:00 UTC; reminded an hour before, at 13:00 UTC.
        var meeting = await api.MeetingAsync(People.Oleg, "2026-03-01T15:00", "2026-03-01T16:00", r => r.ReminderMinutesBefore.Add(60));
        await InTimeAsync(new DateTimeOffset(2026, 3, 1, 13, 5, 0, TimeSpan.Zero), async () =>
        {
            await DispatchAsync();
            Assert.Equal(1, await NotifiedAsync(meeting.Id));

            var renamed = await api.As(People.Oleg).Items.UpdateItemAsync(Edit(meeting, "2026-03-01T15:00", "2026-03-01T16:00", "Встреча с директором"), cancellationToken: Ct);
            await DispatchAsync();
            Assert.Empty(await PendingAsync(meeting.Id));
            Assert.Equal(1, await NotifiedAsync(meeting.Id));

            await api.As(People.Oleg).Items.UpdateItemAsync(Edit(renamed, "2026-03-01T17:00", "2026-03-01T18:00", renamed.Title), cancellationToken: Ct);
            Assert.Equal(["03-01T15:00"], await PendingAsync(meeting.Id));
        });
    }

    [Fact]
    public async Task A_reminder_whose_time_has_passed_is_due_at_once_and_marked_so_while_the_meeting_has_not_started_and_none_once_it_has()
    {
        // The clock stands at 1 March 2026, 12:00 UTC (13:00 in Berlin).
        var soon = await api.MeetingAsync(People.Oleg, "2026-03-01T13:30", "2026-03-01T14:30", r => r.ReminderMinutesBefore.Add(60));
        var started = await api.MeetingAsync(People.Oleg, "2026-03-01T12:30", "2026-03-01T14:30", r => r.ReminderMinutesBefore.Add(60));

        Assert.Equal(["03-01T12:00 at once"], await PendingAsync(soon.Id));
        Assert.Empty(await PendingAsync(started.Id));
    }

    [Fact]
    public async Task Every_occurrence_of_a_daily_call_within_the_next_week_has_its_reminder_planned_not_only_the_next_one()
    {
        // Daily 10:00 in Berlin (09:00 UTC) from 2 March; reminded an hour before.
        var call = await api.MeetingAsync(People.Oleg, "2026-03-02T10:00", "2026-03-02T10:15", r =>
        {
            r.Kind = ItemKind.Call;
            r.Recurrence = "FREQ=DAILY";
            r.ReminderMinutesBefore.Add(60);
        });

        Assert.Equal(["03-02T08:00", "03-03T08:00", "03-04T08:00", "03-05T08:00", "03-06T08:00", "03-07T08:00", "03-08T08:00"], await PendingAsync(call.Id));
    }

    [Fact]
    public async Task A_weekly_meetings_next_occurrence_is_planned_once_the_current_one_has_passed_and_each_is_delivered_once()
    {
        // Mondays 09:00 in Berlin (08:00 UTC) from 2 March; reminded 15 minutes before.
        var meeting = await api.MeetingAsync(People.Oleg, "2026-03-02T09:00", "2026-03-02T10:00", r =>
        {
            r.Recurrence = "FREQ=WEEKLY;BYDAY=MO";
            r.ReminderMinutesBefore.Add(15);
        });
        Assert.Equal(["03-02T07:45"], await PendingAsync(meeting.Id));

        await InTimeAsync(new DateTimeOffset(2026, 3, 2, 7, 50, 0, TimeSpan.Zero), async () =>
        {
            await DispatchAsync();
            await TopUpAsync();
            await TopUpAsync();
            Assert.Equal(["03-09T07:45"], await PendingAsync(meeting.Id));
        });
        await InTimeAsync(new DateTimeOffset(2026, 3, 9, 7, 50, 0, TimeSpan.Zero), async () =>
        {
            await DispatchAsync();
            await TopUpAsync();
            Assert.Equal(["03-16T07:45"], await PendingAsync(meeting.Id));
            Assert.Equal(2, await NotifiedAsync(meeting.Id));
        });
    }
}
