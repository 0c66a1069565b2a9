using System.Globalization;
using System.Security.Claims;
using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Scheduling.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;
using Microsoft.AspNetCore.Authorization;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Calendar;

/// <summary>
/// The calendar: the person's (or a teammate's, or everyone's they see) tasks, meetings and calls for
/// the shown range in their own zone; a free slot plans a new one, an item opens its details, and
/// dragging an item moves it (the service checks the move; a refused one snaps back with its reason).
/// </summary>
public partial class CalendarPage
{
    private const string Mine = "";
    private const string Everyone = "*";

    private sealed record WhoseOption(string Id, string Text);

    /// <summary>Why the shown range could not be loaded.</summary>
    private readonly ErrorState errors = new();

    /// <summary>Why the last move was refused; stays until the next move, across the reload that snaps the item back.</summary>
    private readonly ErrorState moveErrors = new();
    private RadzenScheduler<CalendarEntry>? scheduler;
    private IReadOnlyList<Item> loaded = [];
    private List<CalendarEntry> shown = [];
    private IReadOnlyList<WhoseOption> whoseOptions = [];
    private string whose = Mine;
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private ClaimsPrincipal user = new();
    private (DateTime Start, DateTime End)? range;
    private int selectedView = 1;
    private DateTime openAt = DateTime.Today;
    private string? refusedTitle;
    private Text? localRefusal;

    [Inject] private SchedulingApi Scheduling { get; set; } = default!;

    [Inject] private CalendarApi CalendarCells { get; set; } = default!;

    [Inject] private SeriesApi SeriesItems { get; set; } = default!;

    [Inject] private BrowserApi Browser { get; set; } = default!;

    [Inject] private PersonDirectory People { get; set; } = default!;

    [Inject] private DialogService Dialogs { get; set; } = default!;

    [Inject] private NotificationService Notifications { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Opens the calendar at this date (yyyy-MM-dd) in the day view, e.g. from "My work".</summary>
    [SupplyParameterFromQuery(Name = "date")] public string? OpenDate { get; set; }

    private string UserId => user.FindFirst("sub")?.Value ?? "";

    protected override async Task OnInitializedAsync()
    {
        user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        zone = await Browser.GetTimeZoneAsync();
        openAt = TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), zone).Date;
        if (OpenDate is not null && DateTime.TryParseExact(OpenDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            openAt = date;
            selectedView = 0;
        }
        var directory = await People.DirectoryAsync(user);
        whoseOptions =
        [
            new WhoseOption(Mine, T[Texts.Calendar.Mine]),
            new WhoseOption(Everyone, T[Texts.Calendar.Everyone]),
            .. directory.People.Where(p => p.Id != UserId).OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).Select(p => new WhoseOption(p.Id, p.DisplayName)),
        ];
    }

    private async Task LoadRangeAsync(SchedulerLoadDataEventArgs args)
    {
        range = (args.Start, args.End);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (range is not { } visible)
        {
            return;
        }
        errors.Clear();
        var from = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(visible.Start, DateTimeKind.Unspecified), zone));
        var to = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(visible.End, DateTimeKind.Unspecified), zone));
        loaded = await CalendarCells.ListRangeAsync(from, to, errors) ?? loaded;
        Show();
    }

    /// <summary>
    /// The list answers everything the person sees; "mine" and a teammate's keep what that person
    /// owns, is assigned to, takes part in or watches (the service filters by assignee only, which
    /// would leave out meetings they were invited to).
    /// </summary>
    private void Show()
    {
        var person = whose == Mine ? UserId : whose;
        var now = Clock.GetUtcNow();
        shown = [.. loaded
            .Where(i => whose == Everyone || CalendarEntry.Involves(i, person))
            .SelectMany(i => CalendarEntry.Of(i, zone, now))];
    }

    private async Task ShowWhoseAsync(string value)
    {
        whose = value;
        Show();
        if (scheduler is not null)
        {
            await scheduler.Reload();
        }
    }

    private void DrawEntry(SchedulerAppointmentRenderEventArgs<CalendarEntry> args)
    {
        if (args.Data is not { } entry)
        {
            return;
        }
        var classes = $"crm-calendar-{entry.Item.Kind.ToString().ToLowerInvariant()}";
        if (entry.Overdue)
        {
            classes += " crm-calendar-is-overdue";
        }
        if (entry.IsDone)
        {
            classes += " crm-calendar-is-done";
        }
        args.Attributes["class"] = classes;
    }

    private async Task NewFromSlotAsync(SchedulerSlotSelectEventArgs args)
    {
        // The month view's slot is a whole day: plan an hour at nine rather than a day-long meeting.
        var start = args.View is RadzenMonthView ? args.Start.Date.AddHours(9) : args.Start;
        var end = args.View is RadzenMonthView ? start.AddHours(1) : args.End;
        await PlanAsync(start, end);
    }

    private Task NewFromButtonAsync()
    {
        var now = TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), zone).DateTime;
        var start = now.Date.AddHours(now.Hour + 1);
        return PlanAsync(start, start.AddHours(1));
    }

    private async Task PlanAsync(DateTime start, DateTime end)
    {
        if (!await CanWriteAsync())
        {
            return;
        }
        if (await Dialogs.PlanItemAsync(T, start, end, zone) is { } created)
        {
            Notifications.Notify(NotificationSeverity.Success, T.Format(Texts.Calendar.Created, created.Title));
            await ReloadAndRedrawAsync();
        }
    }

    private async Task OpenAsync(SchedulerAppointmentSelectEventArgs<CalendarEntry> args)
    {
        if (args.Data is { } entry && await Dialogs.ShowItemAsync(T, entry.Item.Id, SeriesApi.OriginalStart(entry, zone)))
        {
            await ReloadAndRedrawAsync();
        }
    }

    private async Task MoveAsync(SchedulerAppointmentMoveEventArgs args)
    {
        if (args.Appointment?.Data is not CalendarEntry entry)
        {
            return;
        }
        var length = entry.End - entry.Start;
        // The month view drops onto a day: keep the time of day.
        var start = args.SlotDate.TimeOfDay == TimeSpan.Zero && !entry.AllDay ? args.SlotDate.Date + entry.Start.TimeOfDay : args.SlotDate;
        await MoveToAsync(entry, start, start + length, resized: false);
    }

    private Task ResizeAsync(SchedulerAppointmentResizeEventArgs args) =>
        args.Appointment?.Data is CalendarEntry entry ? MoveToAsync(entry, args.Start, args.End, resized: true) : Task.CompletedTask;

    /// <summary>Asks the service to move the item; the calendar shows the item where the service has it afterwards, so a refused move snaps back.</summary>
    private async Task MoveToAsync(CalendarEntry entry, DateTime start, DateTime end, bool resized)
    {
        moveErrors.Clear();
        refusedTitle = null;
        var canWrite = await CanWriteAsync();
        localRefusal = entry switch
        {
            _ when !canWrite => Texts.Errors.NotAllowed,
            { IsDone: true } => Texts.Calendar.DoneNotMoved,
            { IsTask: true } when resized => Texts.Calendar.TaskHasNoEnd,
            _ => null,
        };
        // The calendar drew it from its compact read: the move sends the whole item, read now.
        // A recurring meeting or call asks what the move applies to; closing the question moves nothing.
        if (localRefusal is null && await WholeAsync(entry) is { } whole && await SeriesScopeDialog.AskAsync(Dialogs, T, whole.Item) is { } scope)
        {
            entry = whole;
            var item = entry.Item;
            string startText, endText;
            if (item.AllDay)
            {
                startText = LocalTimes.Format(start.Date, allDay: true);
                endText = LocalTimes.Format(end.Date.AddDays(-1) < start.Date ? start.Date : end.Date.AddDays(-1), allDay: true);
            }
            else
            {
                startText = LocalTimes.Format(LocalTimes.InZone(start, zone, item.TimeZone), allDay: false);
                endText = entry.IsTask ? "" : LocalTimes.Format(LocalTimes.InZone(end, zone, item.TimeZone), allDay: false);
            }
            if (await SeriesItems.MoveAsync(entry, scope, zone, startText, endText, moveErrors) is { } moved)
            {
                Notifications.Notify(NotificationSeverity.Success, T.Format(Texts.Calendar.Moved, moved.Title));
            }
            else
            {
                refusedTitle = item.Title;
            }
        }
        // Drawn again from the service's answer: a moved item at its new time, a refused one where it was.
        await ReloadAndRedrawAsync();
    }

    /// <summary>The entry with its whole item (as the service has it now) and the occurrences drawn; null when it cannot be read (the reason is shown).</summary>
    private async Task<CalendarEntry?> WholeAsync(CalendarEntry entry)
    {
        if (await Scheduling.GetItemAsync(entry.Item.Id, moveErrors) is not { } item)
        {
            refusedTitle = entry.Title;
            return null;
        }
        item.Occurrences.Clear();
        item.Occurrences.AddRange(entry.Item.Occurrences);
        return entry with { Item = item };
    }

    /// <summary>The scheduler asks for its range again (LoadData) and redraws.</summary>
    private async Task ReloadAndRedrawAsync()
    {
        if (scheduler is not null)
        {
            await scheduler.Reload();
        }
    }

    private Task OpenFeedAsync() =>
        Dialogs.OpenAsync<CalendarFeedDialog>(T[Texts.Feed.Title], null, new DialogOptions { Width = "40rem", CloseDialogOnOverlayClick = true });

    private async Task<bool> CanWriteAsync() => (await Authorization.AuthorizeAsync(user, Permissions.SchedulingWrite)).Succeeded;
}
