using CrmSuite.Scheduling.Api.Channels;
using CrmSuite.Scheduling.Api.Reminders;

namespace CrmSuite.Scheduling.UnitTests;

/// <summary>When the dispatchers look again: the in-app one at the next due time, the channel retries with a doubling backoff.</summary>
public sealed class ReminderTimingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_reminder_due_in_two_seconds_wakes_the_dispatcher_in_two_seconds_not_at_the_next_poll() =>
        Assert.Equal(TimeSpan.FromSeconds(2), ReminderDispatcher.Sleep(Now, Now.AddSeconds(2), Poll));

    [Fact]
    public void Nothing_due_soon_sleeps_one_poll_interval_and_a_reminder_held_by_another_replica_is_looked_at_again_shortly()
    {
        Assert.Equal(Poll, ReminderDispatcher.Sleep(Now, null, Poll));
        Assert.Equal(Poll, ReminderDispatcher.Sleep(Now, Now.AddMinutes(1), Poll));
        Assert.Equal(TimeSpan.FromMilliseconds(100), ReminderDispatcher.Sleep(Now, Now.AddSeconds(-3), Poll));
    }

    [Fact]
    public void Retries_wait_30_s_then_double_up_to_the_cap()
    {
        var options = new ChannelOptions { FirstRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(5) };

        Assert.Equal([30, 60, 120, 240, 300, 300], Enumerable.Range(1, 6).Select(a => (int)options.RetryDelay(a).TotalSeconds));
    }
}
