using Bunit;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Notifications;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The person's own reminder channels: e-mail and SMS switches, the mobile number, and the reminders that could not be delivered.</summary>
public sealed class NotificationSettingsPageTests : UiTest
{
    private readonly FakeNotificationChannelsClient channels = new();

    public NotificationSettingsPageTests()
    {
        Services.AddSingleton<NotificationChannels.NotificationChannelsClient>(channels);
        SignInWith(Permissions.SchedulingRead);
    }

    /// <summary>The page without the Web Push opt-in (tested on its own in <see cref="PushOptInTests"/>).</summary>
    private IRenderedComponent<NotificationSettingsPage> RenderAlone() =>
        Render<NotificationSettingsPage>(p => p.Add(x => x.WebPushOptIn, builder => builder.AddMarkupContent(0, "<div data-testid=\"web-push-opt-in\"></div>")));

    [Fact]
    public void Turning_on_sms_with_a_number_saves_it_and_shows_it_normalised()
    {
        channels.Settings = new NotificationSettings { EmailEnabled = true, EmailAvailable = true, EmailAddress = "anna@example.com" };
        var page = RenderAlone();
        page.WaitForAssertion(() => Assert.Contains("anna@example.com", page.Find("[data-testid=email-address]").TextContent));

        page.Find("[data-testid=channel-sms]").Click();
        page.Find("[data-testid=mobile-number]").Change("8 903 100-00-01");
        page.Find("[data-testid=save-notification-settings]").Click();

        var sent = Assert.Single(channels.Updates);
        Assert.Equal((true, true, "8 903 100-00-01"), (sent.EmailEnabled, sent.SmsEnabled, sent.MobileNumber));
        page.WaitForAssertion(() => Assert.Equal("+79031000001", page.Find("[data-testid=mobile-number]").GetAttribute("value")));
    }

    [Fact]
    public void A_bad_number_is_shown_beside_the_field_in_russian_and_an_unconfigured_mail_server_is_said_plainly()
    {
        UseCulture("ru-RU");
        channels.Settings = new NotificationSettings { EmailEnabled = true, EmailAvailable = false };
        channels.OnUpdate = _ => Calls.Fail<NotificationSettings>(Calls.Invalid(("mobile_number", "Not a mobile number; include the country code, e.g. +7 903 123-45-67.")));
        var page = RenderAlone();
        page.WaitForAssertion(() => Assert.Contains(Texts.Notifications.EmailUnavailable.Ru, page.Find("[data-testid=email-unavailable]").TextContent));

        page.Find("[data-testid=mobile-number]").Change("12ab");
        page.Find("[data-testid=save-notification-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("Not a mobile number", page.Markup));
        Assert.Contains(Texts.Notifications.Title.Ru, page.Markup);
    }

    [Fact]
    public void The_persons_failed_deliveries_are_listed_by_reminder_title_channel_and_reason_and_the_web_push_spot_is_there()
    {
        channels.Failed.Add(new FailedDelivery
        {
            Id = "d-1", ItemId = "m-1", ItemTitle = "Kick-off with Alfa", Channel = "email", Target = "anna@example.com", Attempts = 5,
            Reason = "the mail server answered 451: try later (after 5 attempts)", FailedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)),
        });

        var page = Render<NotificationSettingsPage>(p => p.Add(x => x.WebPushOptIn, builder => builder.AddMarkupContent(0, "<div data-testid=\"web-push-opt-in\"></div>")));

        page.WaitForAssertion(() => Assert.Equal("Kick-off with Alfa", page.Find("[data-testid=failed-item]").TextContent));
        Assert.Equal(Texts.Notifications.ChannelEmail.En, page.Find("[data-testid=failed-channel]").TextContent);
        Assert.Contains("451", page.Find("[data-testid=failed-reason]").TextContent);
        Assert.Single(page.FindAll("[data-testid=web-push-opt-in]"));
    }
}

/// <summary>The person's channels as the scheduling service answers them; an update is normalised like the service does for Russian numbers.</summary>
internal sealed class FakeNotificationChannelsClient : NotificationChannels.NotificationChannelsClient
{
    public NotificationSettings Settings { get; set; } = new();
    public List<UpdateMyNotificationSettingsRequest> Updates { get; } = [];
    public List<FailedDelivery> Failed { get; } = [];
    public Func<UpdateMyNotificationSettingsRequest, AsyncUnaryCall<NotificationSettings>>? OnUpdate { get; set; }

    public override AsyncUnaryCall<NotificationSettings> GetMyNotificationSettingsAsync(GetMyNotificationSettingsRequest request, CallOptions options) =>
        Calls.Ok(Settings.Clone());

    public override AsyncUnaryCall<NotificationSettings> UpdateMyNotificationSettingsAsync(UpdateMyNotificationSettingsRequest request, CallOptions options)
    {
        Updates.Add(request);
        if (OnUpdate is not null)
        {
            return OnUpdate(request);
        }
        var digits = new string([.. request.MobileNumber.Where(char.IsAsciiDigit)]);
        Settings.EmailEnabled = request.EmailEnabled;
        Settings.SmsEnabled = request.SmsEnabled;
        Settings.MobileNumber = digits.Length == 0 ? "" : "+7" + digits[^10..];
        return Calls.Ok(Settings.Clone());
    }

    public override AsyncUnaryCall<ListFailedDeliveriesResponse> ListMyFailedDeliveriesAsync(ListFailedDeliveriesRequest request, CallOptions options) =>
        Calls.Ok(new ListFailedDeliveriesResponse { Deliveries = { Failed } });
}
