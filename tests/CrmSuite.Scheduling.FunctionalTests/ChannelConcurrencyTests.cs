using System.Net;
using System.Net.Sockets;
using CrmSuite.Scheduling.Api.Channels;
using CrmSuite.Scheduling.Api.Channels.Email;
using CrmSuite.Scheduling.Api.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// Exactly once per reminder and channel with several replicas: two channel dispatchers send the
/// same due e-mail deliveries at once, and a third is killed in the middle of its batch (its
/// deliveries leased, its sends cut off). Every mail arrives at the SMTP server, none twice
/// (counted by Message-ID, which is the delivery's id).
/// </summary>
public sealed class ChannelConcurrencyTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private const int Meetings = 10;
    private const int PeoplePerMeeting = 20;
    private const int Offsets = 10;
    private const int Due = Meetings * PeoplePerMeeting * Offsets;
    private const int KilledBatch = 150;

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private ChannelDispatcher Dispatcher(IServiceProvider services, EmailOptions email, int batchSize) =>
        ActivatorUtilities.CreateInstance<ChannelDispatcher>(services,
            Options.Create(new ChannelOptions { DispatcherEnabled = false, BatchSize = batchSize, Parallelism = 4, Lease = Lease }),
            new IReminderChannel[] { new EmailChannel(Options.Create(email), NullLogger<EmailChannel>.Instance) });

    private static async Task<int> DrainAsync(ChannelDispatcher dispatcher)
    {
        var total = 0;
        int claimed;
        while ((claimed = await dispatcher.DispatchBatchAsync(Ct)) > 0)
        {
            total += claimed;
        }
        return total;
    }

    [Fact]
    public async Task Two_channel_dispatchers_sending_at_once_and_one_killed_mid_batch_deliver_every_email_exactly_once()
    {
        api.Clock.Now = TestClock.Start;
        await using var smtp = TestSmtpServer.Start();
        await using var host = api.StartWith(smtp.Settings());
        var people = Enumerable.Range(1, PeoplePerMeeting - 1).Select(n => $"person-{n:00}").Prepend(People.Anna.Id).ToList();
        foreach (var person in people)
        {
            await PersonEvents.AnnounceAsync(host.CreateClient(), person, "Сотрудник " + person, person + "@example.com");
        }
        for (var m = 0; m < Meetings; m++)
        {
            await api.MeetingAsync(People.Anna, "2026-03-01T13:10", "2026-03-01T14:00", r =>
            {
                r.ParticipantUserIds.AddRange(people.Skip(1));
                r.ReminderMinutesBefore.AddRange(Enumerable.Range(15, Offsets));
            });
        }
        var reminders = host.Services.GetRequiredService<ReminderDispatcher>();
        while (await reminders.DispatchBatchAsync(Ct) > 0)
        {
        }
        var queued = await api.ScalarAsync("SELECT count(*) FROM reminder_deliveries WHERE channel = 'email' AND status = 1");

        // A third replica claims a batch and dies while sending: its SMTP server accepts the
        // connection and never answers, and the replica is cut off there (nothing is recorded).
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var silentEmail = new EmailOptions { Host = "127.0.0.1", Port = ((IPEndPoint)silent.LocalEndpoint).Port, From = "crm@example.com", Tls = MailKit.Security.SecureSocketOptions.None };
        using var kill = new CancellationTokenSource();
        var killed = Dispatcher(host.Services, silentEmail, KilledBatch).DispatchBatchAsync(kill.Token);
        while (await api.ScalarAsync("SELECT count(*) FROM reminder_deliveries WHERE attempts > 0") < KilledBatch)
        {
            await Task.Delay(20, Ct);
        }
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed);

        var email = host.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        var first = Dispatcher(host.Services, email, batchSize: 40);
        var second = Dispatcher(host.Services, email, batchSize: 40);
        var together = await Task.WhenAll(Task.Run(() => DrainAsync(first), Ct), Task.Run(() => DrainAsync(second), Ct));
        var whileLeased = await api.ScalarAsync("SELECT count(*) FROM reminder_deliveries WHERE status = 1");
        // The dead replica's lease runs out: its deliveries are the next claim's.
        api.Clock.Now += Lease + TimeSpan.FromSeconds(1);
        var afterLease = await DrainAsync(second);

        var received = smtp.Messages.Select(m => m.MessageId).ToList();
        var distinct = received.Distinct().Count();
        var duplicates = received.Count - distinct;
        var sent = await api.ScalarAsync("SELECT count(*) FROM reminder_deliveries WHERE status = 2");
        var lost = Due - distinct;
        CrmSuite.Testing.TestReport.Print(
            $"Reminders by e-mail, two dispatchers and one replica killed mid-lease: due {Due}, queued {queued}, delivered {distinct} (dispatcher A {together[0]}, B {together[1]}, after the killed replica's lease {afterLease}), duplicates {duplicates}, lost {lost}, marked sent {sent}");

        Assert.Equal(Due, queued);
        Assert.Equal(KilledBatch, whileLeased);
        Assert.Equal(KilledBatch, afterLease);
        Assert.Equal((0, 0), (duplicates, lost));
        Assert.Equal(Due, sent);
        Assert.Equal(Due, together[0] + together[1] + afterLease);
    }
}
