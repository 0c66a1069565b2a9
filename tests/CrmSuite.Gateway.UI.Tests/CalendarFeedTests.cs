using Bunit;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The person's calendar address for Outlook, Google Calendar and Thunderbird: made and shown once with copy, replaced, turned off; ru/en.</summary>
public sealed class CalendarFeedTests : UiTest
{
    public CalendarFeedTests() => SignInWith(Permissions.SchedulingRead);

    [Fact]
    public void Without_an_address_the_person_creates_one_and_sees_it_whole_with_copy_and_how_to_subscribe()
    {
        var dialog = Render<CalendarFeedDialog>();
        dialog.WaitForElement("[data-testid=feed-none]");
        Assert.Equal(3, dialog.FindAll("[data-testid=feed-howto] li").Count);
        Assert.Contains("Outlook", dialog.Find("[data-testid=feed-howto]").TextContent, StringComparison.Ordinal);

        dialog.Find("[data-testid=feed-create] button, button[data-testid=feed-create]").Click();

        dialog.WaitForAssertion(() => Assert.Equal("http://localhost/api/scheduling/v1/feeds/token-1.ics", dialog.Find("[data-testid=feed-url]").TextContent));
        Assert.NotNull(dialog.Find("[data-testid=copy-feed-url]"));
        Assert.EndsWith("Address created: add it to your program.", dialog.Find("[data-testid=feed-message]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("works since", dialog.Find("[data-testid=feed-status]").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, FeedsApi.Created);
    }

    [Fact]
    public void An_address_already_made_is_not_shown_again_but_can_be_replaced_or_turned_off_in_russian()
    {
        UseCulture("ru");
        FeedsApi.Status = new FeedStatus { Active = true, CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)) };
        var dialog = Render<CalendarFeedDialog>();
        dialog.WaitForElement("[data-testid=feed-status]");
        Assert.Contains("Ни одна программа его ещё не читала", dialog.Find("[data-testid=feed-status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(dialog.FindAll("[data-testid=feed-url]"));

        dialog.Find("button[data-testid=feed-rotate]").Click();
        dialog.WaitForAssertion(() => Assert.EndsWith("token-1.ics", dialog.Find("[data-testid=feed-url]").TextContent, StringComparison.Ordinal));

        dialog.Find("button[data-testid=feed-revoke]").Click();

        dialog.WaitForAssertion(() => Assert.EndsWith("Адрес отключён: программы больше не получают ваш календарь.", dialog.Find("[data-testid=feed-message]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(dialog.FindAll("[data-testid=feed-url]"));
        Assert.NotNull(dialog.Find("button[data-testid=feed-create]"));
        Assert.Equal((1, 1), (FeedsApi.Created, FeedsApi.Revoked));
    }
}
