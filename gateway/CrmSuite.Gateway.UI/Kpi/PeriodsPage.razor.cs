using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Kpi.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace CrmSuite.Gateway.UI.Kpi;

/// <summary>
/// The KPI periods: their state (open, closed, needs recalculation); closing an ended one and
/// recalculating a closed one for those who configure the KPI (with what changed); the bonus sheet
/// as XLSX for those who see bonuses. The outcome of each action shows in the period's own row.
/// </summary>
public partial class PeriodsPage
{
    private readonly ErrorState errors = new();
    private readonly ErrorState actionErrors = new();
    private IReadOnlyList<PeriodSummary> periods = [];
    private IReadOnlyList<MeasureInfo> catalogue = [];
    private Period? changed;
    private string? actedOn;
    private string? busy;
    private string? done;
    private bool canConfigure;
    private bool canExport;
    private bool loading = true;
    private DateOnly today;
    private TimeZoneInfo zone = TimeZoneInfo.Utc;

    [Inject] private KpiApi KpiApi { get; set; } = default!;

    [Inject] private BrowserApi Browser { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    [Inject] private IAuthorizationPolicyProvider Policies { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            canConfigure = await KpiAccess.HasAsync(Authorization, Policies, user, Permissions.KpiConfigure);
            canExport = await KpiAccess.HasAsync(Authorization, Policies, user, Permissions.KpiBonus);
        }
        (today, zone) = await PeriodCodes.TodayAsync(Browser, Clock);
        catalogue = await KpiApi.ListMeasuresAsync(new ErrorState()) ?? [];
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        loading = true;
        periods = await KpiApi.ListPeriodsAsync(errors) ?? periods;
        loading = false;
    }

    /// <summary>A period can be closed once its last day is over (the service checks it again).</summary>
    private bool Ended(string period) => PeriodCodes.Days(period) is { } days && days.Last < today;

    private static BadgeStyle StatusStyle(string status) => status switch
    {
        "closed" => BadgeStyle.Success,
        "needs-recalculation" => BadgeStyle.Warning,
        _ => BadgeStyle.Info,
    };

    private string ClosedText(PeriodSummary row) => row.ClosedAt.Length == 0 ? "" : $"{KpiFormat.Moment(row.ClosedAt, zone)}, {row.ClosedBy}";

    private Task CloseAsync(string period) => ActAsync(period, () => KpiApi.ClosePeriodAsync(period, actionErrors), Texts.KpiPeriods.Closed, showChanges: false);

    private Task RecalculateAsync(string period) =>
        ActAsync(period, () => KpiApi.RecalculatePeriodAsync(period, actionErrors), Texts.KpiPeriods.Recalculated, showChanges: true);

    private async Task ActAsync(string period, Func<Task<Period?>> call, Text message, bool showChanges)
    {
        (actedOn, busy, done, changed) = (period, period, null, null);
        actionErrors.Clear();
        var answer = await call();
        busy = null;
        if (answer is null)
        {
            return;
        }
        done = T.Format(message, PeriodCodes.Label(period, T), answer.Summary?.Version ?? 0);
        changed = showChanges ? answer : null;
        await LoadAsync();
    }

    private async Task DownloadAsync(string period)
    {
        (actedOn, busy, done) = (period, period, null);
        actionErrors.Clear();
        if (await KpiApi.ExportBonusSheetAsync(period, actionErrors) is { } body)
        {
            await Browser.DownloadBytesAsync($"bonus-sheet-{period}.xlsx", body.Data.ToBase64(), body.ContentType);
        }
        busy = null;
    }
}
