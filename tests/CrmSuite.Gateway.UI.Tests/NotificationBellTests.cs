using Bunit;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Layout;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The bell in the top bar: the live unread count, a toast for each new reminder, the latest to open and read, and a reconnect after the service restarts.</summary>
public sealed class NotificationBellTests : UiTest
{
    private readonly List<(System.Type Component, IDictionary<string, object?> Parameters)> _dialogs = [];

    public NotificationBellTests() => SignInWith(Permissions.SchedulingRead);

    private IRenderedComponent<NotificationBell> RenderBell()
    {
        var dialogs = Services.GetRequiredService<DialogService>();
        dialogs.OnOpen += (_, type, parameters, _) => _dialogs.Add((type, parameters));
        Interactive();
        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.Equal(1, LiveApi.Connections));
        return bell;
    }

    private IReadOnlyList<NotificationMessage> Toasts => [.. Services.GetRequiredService<NotificationService>().Messages];

    [Fact]
    public void A_reminder_delivered_while_the_page_is_open_shows_a_toast_at_once_and_the_count_goes_up()
    {
        var bell = RenderBell();
        LiveApi.Send(new NotificationEvent { Unread = 2 });
        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find("[data-testid=bell-count]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(Toasts);

        LiveApi.Send(new NotificationEvent { Notification = FakeNotificationsClient.Of("n-1", "Call Alfa back", "2026-03-04T10:00:00Z"), Unread = 3 });

        bell.WaitForAssertion(() => Assert.Equal("3", bell.Find("[data-testid=bell-count]").TextContent));
        var toast = Assert.Single(Toasts);
        Assert.Equal("Reminder", toast.Summary);
        Assert.StartsWith("“Call Alfa back” — ", toast.Detail, StringComparison.Ordinal);
        Assert.Equal("Notifications: 3 unread", bell.Find("[data-testid=bell-button]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task The_bell_lists_the_latest_by_title_and_time_and_a_click_marks_it_read_and_opens_the_item()
    {
        NotificationsApi.Stored.AddRange([
            FakeNotificationsClient.Of("n-old", "Weekly report", "2026-03-02T09:00:00Z", minutesAgo: 60),
            FakeNotificationsClient.Of("n-new", "Meeting with Northwind", "2026-03-04T10:00:00Z", minutesAgo: 1),
        ]);
        var bell = RenderBell();
        LiveApi.Send(new NotificationEvent { Unread = 2 });

        await bell.InvokeAsync(() => bell.Find("[data-testid=bell-button]").Click());

        bell.WaitForAssertion(() => Assert.Equal(["Meeting with Northwind", "Weekly report"], bell.FindAll("[data-testid=bell-item-title]").Select(t => t.TextContent)));
        Assert.Equal(["true", "true"], bell.FindAll("[data-testid=bell-item]").Select(i => i.GetAttribute("data-unread")));
        Assert.Contains("2026", bell.FindAll("[data-testid=bell-item-when]")[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("item-n-new", bell.Markup, StringComparison.Ordinal);

        // Found and clicked in one dispatch: a live update re-rendering in between would leave a stale handler.
        await bell.InvokeAsync(() => bell.FindAll("[data-testid=bell-item]")[0].Click());

        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("[data-testid=bell-count]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(["n-new"], NotificationsApi.MarkRequests.Single().Ids);
        var (component, parameters) = Assert.Single(_dialogs);
        Assert.Equal((typeof(ItemDetails), "item-n-new"), (component, parameters[nameof(ItemDetails.ItemId)]));
        Assert.Empty(bell.FindAll("[data-testid=bell-panel]"));
    }

    [Fact]
    public async Task Mark_all_read_reads_everything_up_to_the_newest_shown_and_the_count_goes_to_zero()
    {
        NotificationsApi.Stored.AddRange([
            FakeNotificationsClient.Of("n-1", "Weekly report", "2026-03-02T09:00:00Z", minutesAgo: 60),
            FakeNotificationsClient.Of("n-2", "Meeting with Northwind", "2026-03-04T10:00:00Z", minutesAgo: 1),
        ]);
        var bell = RenderBell();
        LiveApi.Send(new NotificationEvent { Unread = 2 });
        await bell.InvokeAsync(() => bell.Find("[data-testid=bell-button]").Click());
        bell.WaitForElement("[data-testid=bell-mark-all]").Click();

        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("[data-testid=bell-count]")));
        Assert.Equal(NotificationsApi.Stored[1].CreatedAt, NotificationsApi.MarkRequests.Single().AllUpTo);
        Assert.Equal(["false", "false"], bell.FindAll("[data-testid=bell-item]").Select(i => i.GetAttribute("data-unread")));
    }

    [Fact]
    public async Task When_the_service_restarts_the_bell_connects_again_and_shows_what_arrived_meanwhile()
    {
        var clock = UseManualClock();
        var bell = RenderBell();
        var first = FakeNotificationsClient.Of("n-1", "Call Alfa back", "2026-03-04T10:00:00Z");
        LiveApi.Send(new NotificationEvent { Notification = first, Unread = 1 });
        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("[data-testid=bell-count]").TextContent), TimeSpan.FromSeconds(10));

        LiveApi.Down = true;
        LiveApi.Break();
        // Down for a while: the bell tries again after 1, 2, 4 ... seconds.
        for (var i = 0; i < 200 && LiveApi.Connections < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(20, Xunit.TestContext.Current.CancellationToken);
        }
        LiveApi.Down = false;
        var before = LiveApi.Connections;
        for (var i = 0; i < 200 && LiveApi.Connections == before; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(20, Xunit.TestContext.Current.CancellationToken);
        }
        LiveApi.Send(new NotificationEvent { Unread = 2 });
        LiveApi.Send(new NotificationEvent { Notification = FakeNotificationsClient.Of("n-2", "Meeting with Northwind", "2026-03-04T11:00:00Z"), Unread = 2 });

        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find("[data-testid=bell-count]").TextContent), TimeSpan.FromSeconds(10));
        Assert.True(LiveApi.Connections >= 3);
        // Every reconnect asks for what came after the newest it had seen.
        Assert.All(LiveApi.Requests.Skip(1), r => Assert.Equal(first.CreatedAt, r.Since));
        Assert.Equal(["“Call Alfa back” — ", "“Meeting with Northwind” — "], Toasts.Select(t => t.Detail[..(t.Detail.IndexOf('—') + 2)]));
    }

    [Fact]
    public void The_top_bar_has_the_bell_for_whoever_may_read_the_calendar_and_speaks_russian()
    {
        UseCulture("ru");
        Interactive();
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));
        layout.WaitForAssertion(() => Assert.Equal(1, LiveApi.Connections));
        LiveApi.Send(new NotificationEvent { Unread = 4 });

        layout.WaitForAssertion(() => Assert.Equal("Уведомления: непрочитанных 4", layout.Find("[data-testid=bell-button]").GetAttribute("aria-label")));
    }

    [Fact]
    public void Without_the_calendar_permission_there_is_no_bell_and_no_stream()
    {
        SignInWith(Permissions.ClientsRead);
        Interactive();
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.Empty(layout.FindAll("[data-testid=bell]"));
        Assert.Equal(0, LiveApi.Connections);
    }
}
