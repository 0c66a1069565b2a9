using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// Reminders in the due-time table: planned with the item, moved with it in the same change,
/// delivered to the in-app channel by the dispatcher, late ones marked late.
/// </summary>
public sealed class ReminderTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private Task<int> DispatchAsync() => api.Services.GetRequiredService<ReminderDispatcher>().DispatchBatchAsync(Ct);

    private async Task<List<string>> DueAsync(string itemId)
    {
        var rows = new List<string>();
        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT user_id, to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI') FROM reminders WHERE item_id = @item AND status = 1 ORDER BY due_at, user_id", connection);
        command.Parameters.AddWithValue("item", Guid.Parse(itemId));
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add($"{reader.GetString(0)} {reader.GetString(1)}Z");
        }
        return rows;
    }

    [Fact]
    public async Task A_meeting_reminds_the_owner_and_each_participant_at_each_offset()
    {
        var meeting = await api.MeetingAsync(People.Anna, "2026-03-10T09:00", "2026-03-10T10:00", r =>
        {
            r.ParticipantUserIds.Add("manager-boris");
            r.ReminderMinutesBefore.Add(15);
            r.ReminderMinutesBefore.Add(1440);
        });

        // 09:00 in Berlin on 10 March is 08:00 UTC.
        Assert.Equal(["manager-anna 2026-03-09T08:00Z", "manager-boris 2026-03-09T08:00Z", "manager-anna 2026-03-10T07:45Z", "manager-boris 2026-03-10T07:45Z"],
            await DueAsync(meeting.Id));
        Assert.Equal([15, 1440], meeting.ReminderMinutesBefore);
    }

    [Fact]
    public async Task Moving_a_meeting_closer_to_now_moves_its_reminder_and_one_already_past_is_delivered_at_once_not_lost()
    {
        // The clock stands at 1 March 2026, 12:00 UTC.
        var meeting = await api.MeetingAsync(People.Boris, "2026-03-10T09:00", "2026-03-10T10:00", r => r.ReminderMinutesBefore.Add(1440));
        Assert.Equal(["manager-boris 2026-03-09T08:00Z"], await DueAsync(meeting.Id));

        var moved = await api.As(People.Boris).Items.UpdateItemAsync(new UpdateItemRequest
        {
            Id = meeting.Id, Version = meeting.Version, Title = meeting.Title, Start = "2026-03-01T15:00", End = "2026-03-01T16:00", TimeZone = "Europe/Berlin",
            ReminderMinutesBefore = { 1440 },
        }, cancellationToken: Ct);

        Assert.Equal(["manager-boris 2026-03-01T12:00Z"], await DueAsync(moved.Id));
        Assert.True(await DispatchAsync() >= 1);
        var bell = await api.As(People.Boris).Notifications.ListNotificationsAsync(new ListNotificationsRequest { UnreadOnly = true }, cancellationToken: Ct);
        var toast = Assert.Single(bell.Notifications, n => n.ItemId == meeting.Id);
        Assert.Equal((meeting.Title, false), (toast.Title, toast.Late));
        Assert.Empty(await DueAsync(meeting.Id));
    }

    [Fact]
    public async Task A_reminder_that_came_due_while_the_service_was_down_is_delivered_late_and_marked_late()
    {
        var start = api.Clock.Now;
        try
        {
            // 15:00 in Berlin is 14:00 UTC; the reminder is due at 13:00 UTC.
            var meeting = await api.MeetingAsync(People.Oleg, "2026-03-01T15:00", "2026-03-01T16:00", r => r.ReminderMinutesBefore.Add(60));
            api.Clock.Now = start.AddMinutes(90);

            await DispatchAsync();

            var toast = Assert.Single((await api.As(People.Oleg).Notifications.ListNotificationsAsync(new ListNotificationsRequest(), cancellationToken: Ct)).Notifications,
                n => n.ItemId == meeting.Id);
            Assert.True(toast.Late);
            Assert.Equal(start.AddHours(1), toast.DueAt.ToDateTimeOffset());
        }
        finally
        {
            api.Clock.Now = start;
        }
    }

    [Fact]
    public async Task Completing_or_cancelling_drops_the_pending_reminders()
    {
        var call = await api.As(People.Anna).Items.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Call, Title = "Звонок с напоминанием", Start = "2026-03-05T10:00", End = "2026-03-05T10:15", TimeZone = "Europe/Moscow", ReminderMinutesBefore = { 30 },
        }, cancellationToken: Ct);
        var meeting = await api.MeetingAsync(People.Anna, edit: r => r.ReminderMinutesBefore.Add(30));
        Assert.Single(await DueAsync(call.Id));

        await api.As(People.Anna).Items.CompleteItemAsync(new CompleteItemRequest { Id = call.Id }, cancellationToken: Ct);
        await api.As(People.Anna).Items.UpdateItemAsync(new UpdateItemRequest
        {
            Id = meeting.Id, Title = meeting.Title, Start = meeting.Start, End = meeting.End, TimeZone = meeting.TimeZone, Status = ItemStatus.Cancelled, ReminderMinutesBefore = { 30 },
        }, cancellationToken: Ct);

        Assert.Empty(await DueAsync(call.Id));
        Assert.Empty(await DueAsync(meeting.Id));
    }
}
