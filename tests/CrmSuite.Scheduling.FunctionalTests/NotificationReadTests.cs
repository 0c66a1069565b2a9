using System.Net.Http.Json;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>The bell's unread count goes down when the person reads: by id or "all up to now", only their own.</summary>
public sealed class NotificationReadTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private async Task<int> UnreadAsync(TestUserCaller caller) =>
        (await caller.Notifications.ListNotificationsAsync(new ListNotificationsRequest { UnreadOnly = true }, cancellationToken: Ct)).Notifications.Count;

    private sealed record TestUserCaller(Notifications.NotificationsClient Notifications);

    /// <summary>A meeting of Anna's with Boris today, whose day-before reminder is past: both are notified at once.</summary>
    private async Task RemindedAsync()
    {
        await api.MeetingAsync(People.Anna, "2026-03-01T15:00", "2026-03-01T16:00", r =>
        {
            r.ParticipantUserIds.Add("manager-boris");
            r.ReminderMinutesBefore.Add(1440);
        });
        await api.Services.GetRequiredService<ReminderDispatcher>().DispatchBatchAsync(Ct);
    }

    [Fact]
    public async Task Reading_by_id_or_all_up_to_now_clears_the_callers_unread_count_and_never_anothers()
    {
        var anna = new TestUserCaller(api.As(People.Anna).Notifications);
        var boris = new TestUserCaller(api.As(People.Boris).Notifications);
        await RemindedAsync();
        await RemindedAsync();
        Assert.Equal((2, 2), (await UnreadAsync(anna), await UnreadAsync(boris)));
        var annas = (await anna.Notifications.ListNotificationsAsync(new ListNotificationsRequest(), cancellationToken: Ct)).Notifications;

        // Boris cannot read Anna's notification for her.
        var foreign = await boris.Notifications.MarkNotificationsReadAsync(new MarkNotificationsReadRequest { Ids = { annas[0].Id } }, cancellationToken: Ct);
        var own = await anna.Notifications.MarkNotificationsReadAsync(new MarkNotificationsReadRequest { Ids = { annas[0].Id } }, cancellationToken: Ct);

        Assert.Equal((0, 1), (foreign.Marked, own.Marked));
        Assert.Equal((1, 2), (await UnreadAsync(anna), await UnreadAsync(boris)));
        var read = (await anna.Notifications.ListNotificationsAsync(new ListNotificationsRequest(), cancellationToken: Ct)).Notifications.Single(n => n.Id == annas[0].Id);
        Assert.NotNull(read.ReadAt);

        var all = await boris.Notifications.MarkNotificationsReadAsync(new MarkNotificationsReadRequest { AllUpTo = Timestamp.FromDateTimeOffset(api.Clock.Now) }, cancellationToken: Ct);

        Assert.Equal(2, all.Marked);
        Assert.Equal((1, 0), (await UnreadAsync(anna), await UnreadAsync(boris)));
    }

    [Fact]
    public async Task Marking_with_neither_ids_nor_a_time_or_a_bad_id_is_400_naming_the_field()
    {
        var neither = await api.As(People.Anna).Http.PostAsJsonAsync("/v1/notifications:markRead", new { }, Json, Ct);
        var badId = await api.As(People.Anna).Http.PostAsJsonAsync("/v1/notifications:markRead", new { ids = new[] { "not-an-id" } }, Json, Ct);

        Assert.Equal(["ids"], await BadFieldsAsync(neither));
        Assert.Equal(["ids[0]"], await BadFieldsAsync(badId));
    }
}
