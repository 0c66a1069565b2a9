using System.Globalization;
using System.Security.Claims;
using Bunit;
using CrmSuite.Audit.Contracts;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Identity.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>
/// A bunit context wired like the gateway host: the UI's services, fake gRPC clients and a signed-in
/// user whose permissions each test chooses.
/// </summary>
public abstract class UiTest : BunitContext
{
    static UiTest()
    {
        // Waits end as soon as the awaited render happens; the long limit only matters on a
        // machine busy with other test assemblies, where a debounce timer can fire late.
        // WaitFor… blocks the test's thread while a component's awaited timer (the typing
        // debounce) resumes through the test's synchronization context: with xunit's default pool
        // of one thread per core, two tests blocked at once left no thread for it and both timed
        // out under load. xunit.runner.json therefore sets maxParallelThreads to "unlimited".
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        // Each blocking WaitFor… holds a pool thread; with many tests waiting at once the pool
        // grows slowly (about one thread per half second) and a debounce timer's continuation
        // waited longer than the test. Start the pool large enough for every test in flight.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 128), Math.Max(io, 128));
    }

    private protected UiTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddCrmUi();
        Services.AddSingleton<Companies.CompaniesClient>(CompaniesApi);
        Services.AddSingleton<CrmSuite.Clients.Contracts.CustomFields.CustomFieldsClient>(CustomFieldsApi);
        Services.AddSingleton<Administration.AdministrationClient>(AdministrationApi);
        Services.AddSingleton<AuditLog.AuditLogClient>(AuditApi);
        Services.AddSingleton<global::CrmSuite.Warehouse.Contracts.Catalog.CatalogClient>(CatalogApi);
        Services.AddSingleton<global::CrmSuite.Warehouse.Contracts.Movements.MovementsClient>(MovementsApi);
        Services.AddSingleton<global::CrmSuite.Warehouse.Contracts.Stock.StockClient>(StockApi);
        Services.AddSingleton<global::CrmSuite.Clients.Contracts.Deals.DealsClient>(DealsApi);
        Services.AddSingleton<global::CrmSuite.Clients.Contracts.DealLines.DealLinesClient>(DealLinesApi);
        Services.AddSingleton<Pipelines.PipelinesClient>(PipelinesApi);
        Services.AddSingleton<CrmSuite.Clients.Contracts.Imports.ImportsClient>(ImportsApi);
        Services.AddSingleton<Duplicates.DuplicatesClient>(DuplicatesApi);
        Services.AddSingleton<Exports.ExportsClient>(ExportsApi);
        Services.AddSingleton<CrmSuite.Scheduling.Contracts.Items.ItemsClient>(SchedulingApi);
        Services.AddSingleton<CrmSuite.Scheduling.Contracts.Notifications.NotificationsClient>(NotificationsApi);
        Services.AddSingleton<CrmSuite.Scheduling.Contracts.Live.LiveClient>(LiveApi);
        Services.AddSingleton<CrmSuite.Scheduling.Contracts.CalendarFeeds.CalendarFeedsClient>(FeedsApi);
        Services.AddSingleton<CrmSuite.Scheduling.Contracts.ActivityTypes.ActivityTypesClient>(ActivityTypesApi);
        CalendarViewApi = new FakeCalendarViewClient(SchedulingApi);
        Services.AddSingleton<CrmSuite.Scheduling.Contracts.CalendarView.CalendarViewClient>(CalendarViewApi);
        Services.AddSingleton<global::CrmSuite.Documents.Contracts.Documents.DocumentsClient>(DocumentRecordsApi);
        Services.AddSingleton<global::CrmSuite.Documents.Contracts.Organisations.OrganisationsClient>(SellerOrganisationsApi);
        Services.AddSingleton<global::CrmSuite.Documents.Contracts.Templates.TemplatesClient>(TemplatesApi);
        Services.AddSingleton<global::CrmSuite.Kpi.Contracts.KpiSchemes.KpiSchemesClient>(KpiSchemesApi);
        Services.AddSingleton<global::CrmSuite.Kpi.Contracts.KpiResults.KpiResultsClient>(KpiResultsApi);
        Services.AddSingleton<global::CrmSuite.Kpi.Contracts.KpiFacts.KpiFactsClient>(KpiFactsApi);
        Services.AddSingleton<CrmSuite.Scheduling.Contracts.Processes.ProcessesClient>(ProcessesService);
        // Item details and a process instance name a lead by its card; a test about leads registers its own fake after this one.
        Services.AddSingleton<CrmSuite.Clients.Contracts.Leads.LeadsClient>(LeadsService);
        Auth = AddAuthorization();
    }

    /// <summary>As in the gateway: components run in an interactive server circuit.</summary>
    private protected void Interactive() => Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private protected FakeCompaniesClient CompaniesApi { get; } = new();

    private protected FakeCustomFieldsClient CustomFieldsApi { get; } = new();

    private protected FakeAdministrationClient AdministrationApi { get; } = new();

    private protected FakeAuditLogClient AuditApi { get; } = new();

    private protected FakeCatalogClient CatalogApi { get; } = new();

    private protected FakeMovementsClient MovementsApi { get; } = new();

    private protected FakeStockClient StockApi { get; } = new();

    private protected FakeDealsClient DealsApi { get; } = new();

    private protected FakeDealLinesClient DealLinesApi { get; } = new();

    private protected FakePipelinesClient PipelinesApi { get; } = new();
    private protected FakeImportsClient ImportsApi { get; } = new();

    private protected FakeDuplicatesClient DuplicatesApi { get; } = new();

    private protected FakeExportsClient ExportsApi { get; } = new();

    private protected FakeSchedulingClient SchedulingApi { get; } = new();

    private protected FakeNotificationsClient NotificationsApi { get; } = new();

    private protected FakeLiveClient LiveApi { get; } = new();

    private protected FakeCalendarFeedsClient FeedsApi { get; } = new();

    private protected FakeActivityTypeListClient ActivityTypesApi { get; } = new();

    private protected FakeDocumentRecordsClient DocumentRecordsApi { get; } = new();

    private protected FakeSellerOrganisationsClient SellerOrganisationsApi { get; } = new();

    private protected FakeTemplatesClient TemplatesApi { get; } = new();

    private protected FakeKpiSchemesClient KpiSchemesApi { get; } = new();

    private protected FakeKpiResultsClient KpiResultsApi { get; } = new();

    private protected FakeKpiFactsClient KpiFactsApi { get; } = new();

    /// <summary>Business processes (the company and deal cards list their instances).</summary>
    private protected Processes.FakeProcessesClient ProcessesService { get; } = new();

    /// <summary>Leads as cards and item details read them (a test about the leads pages registers its own).</summary>
    private protected FakeLeadsClient LeadsService { get; } = new();

    /// <summary>The calendar's compact read, over <see cref="SchedulingApi"/>'s stored items.</summary>
    private protected FakeCalendarViewClient CalendarViewApi { get; }

    private protected Bunit.TestDoubles.BunitAuthorizationContext Auth { get; }

    private protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>Signs in a user holding these permissions (the host's policies are named like them).</summary>
    private protected void SignInWith(params string[] permissions)
    {
        Auth.SetAuthorized("anna");
        Auth.SetClaims(new Claim("sub", "user-1"), new Claim("name", "Anna Petrova"));
        Auth.SetPolicies(permissions);
    }

    /// <summary>The UI culture the host's request localization would set from the culture cookie.</summary>
    private protected static void UseCulture(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
    }

    private protected static readonly TimeSpan Typing = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A clock that moves only when the test advances it, for the components' typing pauses.
    /// Call before the first render (the services are fixed then).
    /// </summary>
    private protected FakeTimeProvider UseManualClock()
    {
        var clock = new FakeTimeProvider();
        Services.AddSingleton<TimeProvider>(clock);
        return clock;
    }

    /// <summary>
    /// A key press, and then everything it queued on the renderer: the component's handler has run
    /// up to its typing pause, so advancing the clock afterwards is seen by it.
    /// </summary>
    private protected static async Task TypeAsync<TComponent>(IRenderedComponent<TComponent> page, Action press)
        where TComponent : IComponent
    {
        press();
        await page.InvokeAsync(() => { });
    }
}
