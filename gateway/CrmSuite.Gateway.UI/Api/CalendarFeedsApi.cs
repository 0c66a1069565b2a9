using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Scheduling.Contracts;
using FeedsClient = CrmSuite.Scheduling.Contracts.CalendarFeeds.CalendarFeedsClient;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>The person's own calendar feed (an ICS address for Outlook, Google Calendar, Thunderbird): see, make or replace, revoke.</summary>
public sealed class CalendarFeedsApi(FeedsClient feeds)
{
    public Task<FeedStatus?> GetAsync(ErrorState errors) =>
        ServiceCall.RunAsync(feeds.GetFeedAsync(new GetFeedRequest()), errors, default);

    /// <summary>A new address (the old one, if any, stops working at once); shown only in this answer.</summary>
    public Task<CreatedFeed?> CreateAsync(ErrorState errors) =>
        ServiceCall.RunAsync(feeds.CreateFeedAsync(new CreateFeedRequest()), errors, default);

    public Task<FeedStatus?> RevokeAsync(ErrorState errors) =>
        ServiceCall.RunAsync(feeds.RevokeFeedAsync(new RevokeFeedRequest()), errors, default);
}
