using CrmSuite.Scheduling.Api.Channels;
using CrmSuite.Scheduling.Api.Channels.Email;
using CrmSuite.Scheduling.Api.Reminders;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// How reminder e-mails use their SMTP connections (bench/scheduling-reminders: 10,000 at one
/// minute): a replica keeps its connections open and sends message after message on them, replaces
/// one the server closed while it was idle without making the reminder wait for a retry, and works
/// on several batches at once without sending anything twice. Counted by a real SMTP server.
/// </summary>
public sealed class EmailConnectionTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    /// <summary>People with an address, each reminded <paramref name="offsets"/> times of one meeting due now: one e-mail per person and offset.</summary>
    private async Task<string> QueueEmailsAsync(WebApplicationFactory<Program> host, string prefix, int people, int offsets)
    {
        var ids = Enumerable.Range(1, people).Select(n => $"{prefix}-{n:00}").ToList();
        foreach (var person in ids)
        {
            await PersonEvents.AnnounceAsync(host.CreateClient(), person, "Сотрудник " + person, person + "@example.com");
        }
        var meeting = await api.MeetingAsync(People.Anna, "2026-03-01T13:10", "2026-03-01T14:00", r =>
        {
            r.ParticipantUserIds.AddRange(ids);
            r.ReminderMinutesBefore.AddRange(Enumerable.Range(15, offsets));
        });
        var reminders = host.Services.GetRequiredService<ReminderDispatcher>();
        while (await reminders.DispatchBatchAsync(Ct) > 0)
        {
        }
        return meeting.Id;
    }

    private Task<long> EmailsAsync(string itemId, DeliveryState state) =>
        api.ScalarAsync("SELECT count(*) FROM reminder_deliveries WHERE item_id = @p0 AND channel = 'email' AND target <> 'anna@example.com' AND status = @p1",
            Guid.Parse(itemId), (short)state);

    [Fact]
    public async Task Fifty_reminder_emails_arrive_over_no_more_connections_than_sends_in_flight()
    {
        api.Clock.Now = TestClock.Start;
        await using var smtp = TestSmtpServer.Start();
        await using var host = api.StartWith(smtp.Settings(("Scheduling:Channels:Parallelism", "4"), ("Scheduling:Channels:BatchSize", "10")));
        var meeting = await QueueEmailsAsync(host, "pool", people: 5, offsets: 10);

        var dispatcher = host.Services.GetRequiredService<ChannelDispatcher>();
        while (await dispatcher.DispatchBatchAsync(Ct) > 0)
        {
        }

        Assert.Equal(50, await EmailsAsync(meeting, DeliveryState.Sent));
        var received = smtp.Messages.Where(m => m.To.Mailboxes.Single().Address.StartsWith("pool-", StringComparison.Ordinal)).Select(m => m.MessageId).ToList();
        Assert.Equal((50, 50), (received.Count, received.Distinct().Count()));
        // Five batches of ten, four sends at a time: the connections stay open from message to
        // message and from batch to batch (at most the four in flight), not one per e-mail.
        Assert.InRange(smtp.Sessions, 1, 4);
    }

    [Fact]
    public async Task A_pooled_connection_the_server_closed_while_idle_is_replaced_and_the_reminder_goes_at_once()
    {
        api.Clock.Now = TestClock.Start;
        // The server ends a session that is idle for half a second, as real servers do after theirs (Postfix: 5 minutes).
        await using var smtp = TestSmtpServer.Start(idleTimeout: TimeSpan.FromMilliseconds(500));
        await using var host = api.StartWith(smtp.Settings(("Scheduling:Channels:Parallelism", "1")));
        var dispatcher = host.Services.GetRequiredService<ChannelDispatcher>();
        var first = await QueueEmailsAsync(host, "idle-a", people: 1, offsets: 1);
        while (await dispatcher.DispatchBatchAsync(Ct) > 0)
        {
        }
        Assert.Equal(1, await EmailsAsync(first, DeliveryState.Sent));
        // The connection now sits in the replica's pool until the server drops it.
        for (var waited = 0; smtp.SessionsEnded < smtp.Sessions && waited < 200; waited++)
        {
            await Task.Delay(50, Ct);
        }
        Assert.Equal(smtp.Sessions, smtp.SessionsEnded);

        var second = await QueueEmailsAsync(host, "idle-b", people: 1, offsets: 1);
        Assert.Equal(1, await dispatcher.DispatchBatchAsync(Ct));

        // Sent in the same claim on a new connection: not left pending for a retry 30 s later.
        Assert.Equal(1, await EmailsAsync(second, DeliveryState.Sent));
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM reminder_deliveries WHERE item_id = @p0 AND last_error IS NOT NULL", Guid.Parse(second)));
        Assert.Single(smtp.Messages, m => m.To.Mailboxes.Single().Address == "idle-b-01@example.com");
    }

    [Fact]
    public async Task Several_batch_loops_in_one_replica_send_every_email_exactly_once()
    {
        api.Clock.Now = TestClock.Start;
        await using var smtp = TestSmtpServer.Start();
        await using var host = api.StartWith(smtp.Settings());
        var meeting = await QueueEmailsAsync(host, "loops", people: 6, offsets: 10);
        var queued = await EmailsAsync(meeting, DeliveryState.Pending);

        // The replica's own background dispatcher with three batch loops of five, woken at once.
        var email = host.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        using var channel = new EmailChannel(Options.Create(email), NullLogger<EmailChannel>.Instance);
        using var replica = ActivatorUtilities.CreateInstance<ChannelDispatcher>(host.Services,
            Options.Create(new ChannelOptions { DispatcherEnabled = true, Workers = 3, BatchSize = 5, Parallelism = 2, PollInterval = TimeSpan.FromMinutes(10) }),
            new IReminderChannel[] { channel });
        await replica.StartAsync(Ct);
        replica.Wake();
        for (var waited = 0; await EmailsAsync(meeting, DeliveryState.Pending) > 0 && waited < 600; waited++)
        {
            await Task.Delay(50, Ct);
        }
        await replica.StopAsync(Ct);

        var received = smtp.Messages.Where(m => m.To.Mailboxes.Single().Address.StartsWith("loops-", StringComparison.Ordinal)).Select(m => m.MessageId).ToList();
        Assert.Equal(60, queued);
        Assert.Equal(60, await EmailsAsync(meeting, DeliveryState.Sent));
        Assert.Equal((60, 60), (received.Count, received.Distinct().Count()));
    }
}
