using Bunit;
using CrmSuite.Gateway.UI.Layout;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The overdue job's notices reach the bell as toasts headed by what they are, their text as the service wrote it.</summary>
public sealed class OverdueNoticeTests : UiTest
{
    private readonly List<System.Type> _dialogs = [];

    public OverdueNoticeTests() => SignInWith(Permissions.SchedulingRead);

    private IRenderedComponent<NotificationBell> RenderBell()
    {
        Services.GetRequiredService<DialogService>().OnOpen += (_, type, _, _) => _dialogs.Add(type);
        Interactive();
        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.Equal(1, LiveApi.Connections));
        return bell;
    }

    private IReadOnlyList<NotificationMessage> Toasts => [.. Services.GetRequiredService<NotificationService>().Messages];

    private static Notification Notice(string id, string kind, string text)
    {
        var notification = FakeNotificationsClient.Of(id, text, "2026-03-01T09:00:00Z");
        notification.Kind = kind;
        return notification;
    }

    [Fact]
    public void An_overdue_task_an_escalation_and_a_digest_each_toast_under_their_own_heading_in_russian()
    {
        UseCulture("ru");
        var bell = RenderBell();

        LiveApi.Send(new NotificationEvent { Notification = Notice("n-1", "overdue", "Задача «Счёт» просрочена: срок был 1 марта 2026, 09:00"), Unread = 1 });
        LiveApi.Send(new NotificationEvent { Notification = Notice("n-2", "escalation", "Задача «Счёт» (Анна) просрочена больше чем на 4 ч"), Unread = 2 });
        LiveApi.Send(new NotificationEvent { Notification = Notice("n-3", "digest", "Просроченных задач в команде: 3."), Unread = 3 });

        bell.WaitForAssertion(() => Assert.Equal(3, Toasts.Count), TimeSpan.FromSeconds(10));
        Assert.Equal(
            [("Задача просрочена", "Задача «Счёт» просрочена: срок был 1 марта 2026, 09:00"), ("Просрочка в команде", "Задача «Счёт» (Анна) просрочена больше чем на 4 ч"),
                ("Просроченные задачи команды", "Просроченных задач в команде: 3.")],
            Toasts.Select(t => (t.Summary, t.Detail)));
    }

    [Fact]
    public void A_digest_in_the_bell_is_marked_read_on_a_click_and_opens_no_item()
    {
        var digest = Notice("n-digest", "digest", "Overdue tasks in your team: 2.");
        digest.ItemId = string.Empty;
        NotificationsApi.Stored.Add(digest);
        var bell = RenderBell();
        LiveApi.Send(new NotificationEvent { Unread = 1 });
        bell.Find("[data-testid=bell-button]").Click();
        bell.WaitForAssertion(() => Assert.Equal(["Overdue tasks in your team: 2."], bell.FindAll("[data-testid=bell-item-title]").Select(t => t.TextContent)));

        bell.FindAll("[data-testid=bell-item]")[0].Click();

        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("[data-testid=bell-count]")), TimeSpan.FromSeconds(10));
        Assert.Equal(["n-digest"], NotificationsApi.MarkRequests.Single().Ids);
        Assert.Empty(_dialogs);
    }
}
