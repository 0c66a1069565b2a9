using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Channels;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer.Protocol;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// Reminders beyond the bell: the in-app delivery queues one delivery per enabled channel and
/// target in its transaction; the channel dispatcher sends e-mail to a real SMTP server and SMS to
/// a provider's HTTP API on loopback Kestrel, retries with backoff, and a delivery given up is
/// shown to the person and to administrators.
/// </summary>
public sealed class ChannelDeliveryTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    /// <summary>An administrator: users.manage lists everyone's failed deliveries.</summary>
    private static readonly TestUser Administrator = new("admin-1", "Администратор", ClientVisibility.All, [Permissions.UsersManage, Permissions.SchedulingRead], [], []);

    /// <summary>A meeting 10 minutes from now (12:10 UTC is 13:10 in Berlin) with a 15-minute reminder: due at once.</summary>
    private Task<Item> MeetingDueNowAsync(TestUser owner, string? participant = null) =>
        api.MeetingAsync(owner, "2026-03-01T13:10", "2026-03-01T14:00", r =>
        {
            r.ReminderMinutesBefore.Add(15);
            r.Place = "Офис на Тверской, переговорная 2";
            r.OnlineLink = "https://meet.example.com/abc-defg";
            if (participant is not null)
            {
                r.ParticipantUserIds.Add(participant);
            }
        });

    private static async Task DispatchAsync(WebApplicationFactory<Program> host)
    {
        await host.Services.GetRequiredService<ReminderDispatcher>().DispatchBatchAsync(Ct);
        await host.Services.GetRequiredService<ChannelDispatcher>().DispatchBatchAsync(Ct);
    }

    private Task<long> DeliveriesAsync(string itemId, string channel, DeliveryState state) =>
        api.ScalarAsync("SELECT count(*) FROM reminder_deliveries WHERE item_id = @p0 AND channel = @p1 AND status = @p2", Guid.Parse(itemId), channel, (short)state);

    [Fact]
    public async Task A_reminder_arrives_by_email_once_in_each_persons_language_with_time_place_and_link()
    {
        api.Clock.Now = TestClock.Start;
        await using var smtp = TestSmtpServer.Start();
        await using var host = api.StartWith(smtp.Settings());
        await PersonEvents.AnnounceAsync(host.CreateClient(), People.Anna.Id, "Anna Smirnova", "anna@example.com", "en");
        await PersonEvents.AnnounceAsync(host.CreateClient(), People.Boris.Id, "Борис Орлов", "boris@example.com", "ru");
        var meeting = await MeetingDueNowAsync(People.Anna, participant: People.Boris.Id);

        await DispatchAsync(host);
        await DispatchAsync(host);

        var mails = smtp.Messages.Where(m => (m.Subject ?? "").Contains(meeting.Title, StringComparison.Ordinal)).ToList();
        Assert.Equal(["anna@example.com", "boris@example.com"], mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        var english = mails.Single(m => m.To.Mailboxes.Single().Address == "anna@example.com");
        var russian = mails.Single(m => m.To.Mailboxes.Single().Address == "boris@example.com");
        Assert.Equal($"Reminder: {meeting.Title} — 1 March 2026, 13:10 (Europe/Berlin)", english.Subject);
        Assert.Equal($"Напоминание: {meeting.Title} — 1 марта 2026, 13:10 (Europe/Berlin)", russian.Subject);
        Assert.Contains("Hello, Anna Smirnova!", english.TextBody);
        Assert.Contains($"Meeting: {meeting.Title}", english.TextBody);
        Assert.Contains("Where: Офис на Тверской, переговорная 2", english.TextBody);
        Assert.Contains("Online: https://meet.example.com/abc-defg", english.TextBody);
        Assert.Contains($"Open in CrmSuite: https://crm.example.com/calendar?item={meeting.Id}", english.TextBody);
        Assert.Contains("Здравствуйте, Борис Орлов!", russian.TextBody);
        Assert.Contains("Когда: 1 марта 2026, 13:10 (Europe/Berlin)", russian.TextBody);
        Assert.Contains("Где: Офис на Тверской, переговорная 2", russian.TextBody);
        Assert.Equal("crm@example.com", english.From.Mailboxes.Single().Address);
        // The Message-ID is the delivery's id: a retry of the same delivery is recognisably the same mail.
        var deliveryId = await api.ScalarAsync("SELECT count(*) FROM reminder_deliveries WHERE item_id = @p0 AND replace(id::text, '-', '') || '@crmsuite.reminders' = @p1",
            Guid.Parse(meeting.Id), english.MessageId ?? "");
        Assert.Equal(1, deliveryId);
        Assert.Equal(2, await DeliveriesAsync(meeting.Id, "email", DeliveryState.Sent));
    }

    [Fact]
    public async Task A_mail_server_that_keeps_refusing_is_retried_with_backoff_then_the_person_and_administrators_see_the_failure()
    {
        api.Clock.Now = TestClock.Start;
        await using var smtp = TestSmtpServer.Start();
        smtp.Refuse = (SmtpReplyCode)451;
        await using var host = api.StartWith(smtp.Settings(("Scheduling:Channels:MaxAttempts", "3"), ("Scheduling:Channels:FirstRetryDelay", "00:00:30")));
        await PersonEvents.AnnounceAsync(host.CreateClient(), People.Oleg.Id, "Олег Петров", "oleg@example.com", "ru");
        var meeting = await MeetingDueNowAsync(People.Oleg);
        var channels = host.Services.GetRequiredService<ChannelDispatcher>();

        await DispatchAsync(host);
        var afterFirst = (smtp.Offered, await DeliveriesAsync(meeting.Id, "email", DeliveryState.Pending));
        // Not before the backoff: 30 s after the first attempt, then 60 s after the second.
        api.Clock.Now += TimeSpan.FromSeconds(29);
        var tooEarly = await channels.DispatchBatchAsync(Ct);
        api.Clock.Now += TimeSpan.FromSeconds(1);
        await channels.DispatchBatchAsync(Ct);
        api.Clock.Now += TimeSpan.FromSeconds(59);
        var tooEarlyAgain = await channels.DispatchBatchAsync(Ct);
        api.Clock.Now += TimeSpan.FromSeconds(1);
        await channels.DispatchBatchAsync(Ct);
        api.Clock.Now += TimeSpan.FromHours(1);
        var afterGivingUp = await channels.DispatchBatchAsync(Ct);

        Assert.Equal((1, 1L), afterFirst);
        Assert.Equal((0, 0, 0), (tooEarly, tooEarlyAgain, afterGivingUp));
        Assert.Equal(3, smtp.Offered);
        Assert.Empty(smtp.Messages);
        Assert.Equal(1, await DeliveriesAsync(meeting.Id, "email", DeliveryState.Failed));

        // The person's bell says which reminder, by which channel, and why.
        var bell = (await api.As(People.Oleg).Notifications.ListNotificationsAsync(new ListNotificationsRequest(), cancellationToken: Ct)).Notifications;
        var failure = Assert.Single(bell, n => n.Title.StartsWith("Напоминание о «", StringComparison.Ordinal));
        Assert.Contains($"«{meeting.Title}» не удалось отправить по электронной почте", failure.Title);
        Assert.Contains("451", failure.Title);
        Assert.Equal(meeting.Id, failure.ItemId);

        var mine = (await api.As(People.Oleg).Http.GetFromJsonAsync<JsonElement>("/v1/me/reminder-deliveries:failed", Json, Ct)).GetProperty("deliveries");
        var listed = Assert.Single(mine.EnumerateArray());
        Assert.Equal(("email", "oleg@example.com", 3, meeting.Title), (listed.GetProperty("channel").GetString(), listed.GetProperty("target").GetString(),
            listed.GetProperty("attempts").GetInt32(), listed.GetProperty("itemTitle").GetString()));
        var all = (await api.As(Administrator).Http.GetFromJsonAsync<JsonElement>("/v1/reminder-deliveries:failed", Json, Ct)).GetProperty("deliveries");
        Assert.Contains(all.EnumerateArray(), d => d.GetProperty("itemId").GetString() == meeting.Id
            && d.GetProperty("userName").GetString() == "Олег Петров" && d.GetProperty("reason").GetString()!.Contains("451", StringComparison.Ordinal));
        using var refused = await api.As(People.Oleg).Http.GetAsync("/v1/reminder-deliveries:failed", Ct);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Single(await api.AuditAsync("scheduling.reminder-delivery.failed", listed.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task An_sms_goes_to_the_provider_as_configured_and_a_provider_error_is_retried_after_the_backoff_and_sent_once()
    {
        api.Clock.Now = TestClock.Start;
        await using var provider = await TestSmsProvider.StartAsync();
        provider.Answers.Enqueue(500);
        await using var host = api.StartWith(
            ("Scheduling:Sms:Provider", "http"),
            ("Scheduling:Sms:UrlTemplate", provider.Address + "send?to={phone}"),
            ("Scheduling:Sms:Method", "POST"),
            ("Scheduling:Sms:BodyTemplate", """{"to":"{phone_digits}","text":"{text}"}"""),
            ("Scheduling:Sms:UserName", "crm"),
            ("Scheduling:Sms:Password", "sms-secret"));
        await PersonEvents.AnnounceAsync(host.CreateClient(), People.HeadOfNorth.Id, "Руководитель Севера", null, "ru");
        using var settings = await api.As(People.HeadOfNorth).Http.PutAsJsonAsync("/v1/me/notification-settings",
            new { emailEnabled = true, smsEnabled = true, mobileNumber = "8 903 100-00-01" }, Json, Ct);
        settings.EnsureSuccessStatusCode();
        var meeting = await MeetingDueNowAsync(People.HeadOfNorth);
        var channels = host.Services.GetRequiredService<ChannelDispatcher>();

        await DispatchAsync(host);
        var afterError = await DeliveriesAsync(meeting.Id, "sms", DeliveryState.Pending);
        api.Clock.Now += TimeSpan.FromSeconds(30);
        await channels.DispatchBatchAsync(Ct);
        api.Clock.Now += TimeSpan.FromHours(1);
        await DispatchAsync(host);

        Assert.Equal(1, afterError);
        Assert.Equal(1, await DeliveriesAsync(meeting.Id, "sms", DeliveryState.Sent));
        var requests = provider.Requests.ToList();
        Assert.Equal([500, 200], requests.Select(r => r.Answered));
        Assert.All(requests, r =>
        {
            Assert.Equal(("POST", "/send?to=%2B79031000001"), (r.Method, r.PathAndQuery));
            Assert.Equal("Basic " + Convert.ToBase64String("crm:sms-secret"u8.ToArray()), r.Authorization);
            var body = JsonDocument.Parse(r.Body).RootElement;
            Assert.Equal("79031000001", body.GetProperty("to").GetString());
            Assert.Equal($"Напоминание: {meeting.Title}, 1 марта 2026, 13:10 (Europe/Berlin), Офис на Тверской, переговорная 2", body.GetProperty("text").GetString());
        });
        // No e-mail address known and no SMTP server configured: nothing queued for e-mail.
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM reminder_deliveries WHERE item_id = @p0 AND channel = 'email'", Guid.Parse(meeting.Id)));
    }
}
