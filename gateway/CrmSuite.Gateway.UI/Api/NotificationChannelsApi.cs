using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Scheduling.Contracts;
using NotificationChannelsClient = CrmSuite.Scheduling.Contracts.NotificationChannels.NotificationChannelsClient;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// A person's own reminder channels (e-mail, SMS) and the reminders that could not be delivered to
/// them (the scheduling service). Each call answers its result, or <c>null</c> with the reason in
/// <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class NotificationChannelsApi(NotificationChannelsClient channels)
{
    public Task<NotificationSettings?> GetMySettingsAsync(ErrorState errors) =>
        ServiceCall.RunAsync(channels.GetMyNotificationSettingsAsync(new GetMyNotificationSettingsRequest()), errors, default);

    public Task<NotificationSettings?> UpdateMySettingsAsync(bool email, bool sms, string mobileNumber, ErrorState errors) =>
        ServiceCall.RunAsync(channels.UpdateMyNotificationSettingsAsync(new UpdateMyNotificationSettingsRequest
        {
            EmailEnabled = email, SmsEnabled = sms, MobileNumber = mobileNumber.Trim(),
        }), errors, default);

    public Task<ListFailedDeliveriesResponse?> ListMyFailedAsync(ErrorState errors) =>
        ServiceCall.RunAsync(channels.ListMyFailedDeliveriesAsync(new ListFailedDeliveriesRequest { PageSize = 50 }), errors, default);
}
