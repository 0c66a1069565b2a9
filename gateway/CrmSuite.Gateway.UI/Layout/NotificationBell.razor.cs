using System.Globalization;
using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Radzen;

namespace CrmSuite.Gateway.UI.Layout;

/// <summary>
/// The person's reminders in the top bar of every page. While the page is open it listens to the
/// scheduling service's live stream: a reminder delivered to the person shows at once as a toast
/// (which takes no focus: a field being typed in keeps it) and the count goes up. When the
/// service goes away the bell connects again, after 1, 2, 4 ... up to 30 seconds, and is told
/// what arrived meanwhile.
/// </summary>
public sealed partial class NotificationBell : IDisposable
{
    private const int Shown = 10;
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource stop = new();
    private readonly ErrorState errors = new();
    private List<Notification>? latest;
    private int unread;
    private bool live;
    private bool open;
    private Timestamp? newestSeen;
    private TimeZoneInfo zone = TimeZoneInfo.Utc;

    [Inject] private NotificationsApi Api { get; set; } = default!;

    [Inject] private NotificationService Toasts { get; set; } = default!;

    [Inject] private DialogService Dialogs { get; set; } = default!;

    [Inject] private BrowserApi Browser { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>How often the stream has been (re)connected: for tests that follow a reconnect.</summary>
    internal int Connections { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        // Prerendering has no circuit to push to: listen only once the page is interactive.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        zone = await Browser.GetTimeZoneAsync();
        _ = ListenAsync(stop.Token);
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                Connections++;
                await foreach (var change in Api.WatchAsync(newestSeen, cancellationToken))
                {
                    failures = 0;
                    await InvokeAsync(() => Apply(change));
                }
            }
            catch (RpcException) when (!cancellationToken.IsCancellationRequested)
            {
                failures++;
                live = false;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            // A stream that ended (the token ran out) connects again at once; a broken one waits longer each time.
            var pause = failures == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(LongestPause.TotalSeconds, Math.Pow(2, failures - 1)));
            try
            {
                await Task.Delay(pause, Clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Apply(NotificationEvent change)
    {
        unread = change.Unread;
        live = true;
        if (change.Notification is { } notification)
        {
            if (newestSeen is null || notification.CreatedAt.CompareTo(newestSeen) > 0)
            {
                newestSeen = notification.CreatedAt;
            }
            if (latest is not null && latest.All(n => n.Id != notification.Id))
            {
                latest.Insert(0, notification);
            }
            Toasts.Notify(new NotificationMessage
            {
                Severity = NotificationSeverity.Info,
                Summary = T[Heading(notification)],
                // A reminder names its item and time; the overdue job's notices are whole sentences.
                Detail = notification.Kind is "" or "reminder" ? T.Format(Texts.Bell.ReminderAt, notification.Title, When(notification.StartsAt)) : notification.Title,
                Duration = 15_000,
                CloseOnClick = true,
                Click = message => InvokeAsync(() => OpenAsync(notification)),
            });
        }
        StateHasChanged();
    }

    private async Task ToggleAsync()
    {
        open = !open;
        if (open)
        {
            errors.Clear();
            latest = null;
            StateHasChanged();
            var found = await Api.LatestAsync(Shown, errors, stop.Token);
            latest = found is null ? [] : [.. found];
            if (latest.Count > 0 && (newestSeen is null || latest[0].CreatedAt.CompareTo(newestSeen) > 0))
            {
                newestSeen = latest[0].CreatedAt;
            }
        }
    }

    private void CloseOnEscape(KeyboardEventArgs args)
    {
        if (args.Key == "Escape")
        {
            open = false;
        }
    }

    /// <summary>Marks it read and shows the item it reminds of.</summary>
    private async Task OpenAsync(Notification notification)
    {
        open = false;
        if (notification.ReadAt is null && await Api.MarkReadAsync(notification.Id, errors) is { } marked)
        {
            notification.ReadAt = Timestamp.FromDateTimeOffset(Clock.GetUtcNow());
            unread = Math.Max(0, unread - marked);
        }
        StateHasChanged();
        // A digest is about several tasks: read, nothing to open.
        if (notification.ItemId.Length > 0)
        {
            await Dialogs.ShowItemAsync(T, notification.ItemId);
        }
    }

    /// <summary>What the toast's heading says: a reminder, or which of the overdue job's notices.</summary>
    private static Text Heading(Notification notification) => notification.Kind switch
    {
        "overdue" => Texts.OverdueNotices.Overdue,
        "escalation" => Texts.OverdueNotices.Escalation,
        "digest" => Texts.OverdueNotices.Digest,
        _ => Texts.Bell.Reminder,
    };

    private async Task MarkAllReadAsync()
    {
        if (latest is not { Count: > 0 } shown)
        {
            return;
        }
        var upTo = shown.Select(n => n.CreatedAt).Max()!;
        if (await Api.MarkAllReadAsync(upTo, errors) is { } marked)
        {
            foreach (var notification in shown.Where(n => n.ReadAt is null))
            {
                notification.ReadAt = Timestamp.FromDateTimeOffset(Clock.GetUtcNow());
            }
            unread = Math.Max(0, unread - marked);
        }
    }

    private string When(Timestamp? at) =>
        at is null ? "" : TimeZoneInfo.ConvertTime(at.ToDateTimeOffset(), zone).ToString("g", CultureInfo.CurrentCulture);

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
