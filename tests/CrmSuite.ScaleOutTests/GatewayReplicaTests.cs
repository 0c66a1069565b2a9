using System.Diagnostics;
using CrmSuite.Testing;
using Microsoft.Playwright;

namespace CrmSuite.ScaleOutTests;

/// <summary>
/// Two gateway replicas on one gateway database, as two pods behind one ingress: a person signs in
/// through replica A in Chromium; the same browser is served, signed in, by replica B; replica A is
/// killed and started again and still knows the person (no sign-in page); the sign-out form that the
/// restarted A rendered, with its antiforgery token, is accepted by B. Sessions and data-protection
/// keys live in gatewaydb, so no replica's memory matters.
/// </summary>
public sealed class GatewayReplicaTests
{
    private const string GatewaySecret = "scale-out-gateway-secret";
    private const string AdminPassword = "Scale-Out-Start-2026";
    private const string ChosenPassword = "Scale-Out-Chosen-2026";
    private static readonly TimeSpan Healthy = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_browser_session_is_served_by_either_gateway_replica_and_survives_a_replica_restart()
    {
        var postgres = await PostgresServer.SharedAsync();
        var identityDb = await postgres.CreateDatabaseAsync("identitydb");
        var gatewayDb = await postgres.CreateDatabaseAsync("gatewaydb");
        var identityDll = ServiceProcess.BuiltDll("identity/CrmSuite.Identity", "CrmSuite.Identity");
        var gatewayDll = ServiceProcess.BuiltDll("gateway/CrmSuite.Gateway", "CrmSuite.Gateway");
        var (identityHttp, identityGrpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        // The public address every replica sits behind is replica A's here: the issuer, and where the
        // identity provider sends the browser back after signing in.
        var replicaA = new Uri($"http://127.0.0.1:{PostgresServer.FreePort()}/");
        var replicaB = new Uri($"http://127.0.0.1:{PostgresServer.FreePort()}/");

        await using (var migrate = new ServiceProcess(identityDll, new Dictionary<string, string>
        {
            ["ConnectionStrings__identitydb"] = identityDb,
            ["Identity__Issuer"] = replicaA.ToString(),
            ["Identity__Clients__Gateway__Secret"] = GatewaySecret,
            ["Identity__Admin__Password"] = AdminPassword,
        }, "migrate"))
        {
            await migrate.RunToCompletionAsync(TimeSpan.FromMinutes(2));
        }
        await using (var migrate = new ServiceProcess(gatewayDll, new Dictionary<string, string> { ["ConnectionStrings__gatewaydb"] = gatewayDb }, "migrate"))
        {
            await migrate.RunToCompletionAsync(TimeSpan.FromMinutes(2));
        }

        await using var processes = new Processes();
        // Development for identity and the gateways: outside it OpenIddict refuses plain HTTP (production
        // has TLS at the ingress), and the staff UI's scripts are served from the build output only in
        // Development (a published image has them in wwwroot). Sessions and keys are kept alike in both.
        processes.Start(new ServiceProcess(identityDll, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__identitydb"] = identityDb,
            ["Identity__Issuer"] = replicaA.ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{identityHttp}",
            ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{identityGrpc}",
        }), new Uri($"http://127.0.0.1:{identityHttp}/health"));
        var gatewaySettings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__gatewaydb"] = gatewayDb,
            ["Identity__Issuer"] = replicaA.ToString(),
            ["Identity__Clients__Gateway__Secret"] = GatewaySecret,
            ["services__identity__http__0"] = $"http://127.0.0.1:{identityHttp}",
            ["services__identity__grpc__0"] = $"http://127.0.0.1:{identityGrpc}",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        // The business services are not started: the pages below show the signed-in person, not their data.
        foreach (var service in new[] { "clients", "audit", "warehouse", "scheduling", "documents", "kpi" })
        {
            gatewaySettings[$"services__{service}__http__0"] = "http://127.0.0.1:1";
            gatewaySettings[$"services__{service}__grpc__0"] = "http://127.0.0.1:1";
        }
        ServiceProcess Gateway(Uri address) => new(gatewayDll, new Dictionary<string, string>(gatewaySettings)
        {
            ["Kestrel__Endpoints__http__Url"] = address.GetLeftPart(UriPartial.Authority),
            ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{PostgresServer.FreePort()}",
        });
        var gatewayA = processes.Start(Gateway(replicaA), new Uri(replicaA, "/health"));
        processes.Start(Gateway(replicaB), new Uri(replicaB, "/health"));
        await processes.WaitHealthyAsync(Healthy);

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CRM_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        // One browser: cookies for 127.0.0.1 go to every port, as they go to every replica behind one host name.
        await using var browser = await chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        browser.SetDefaultTimeout(30_000);
        browser.SetDefaultNavigationTimeout(90_000);
        var page = await browser.NewPageAsync();
        var watch = Stopwatch.StartNew();

        // Through A: identity's sign-in page, then the first administrator's new password.
        await page.GotoAsync(replicaA.ToString());
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(AdminPassword);
        // Each click waits for the navigation it starts, the first of a cold process on a busy machine.
        await page.GetByTestId("login-submit").ClickAsync(new() { Timeout = 90_000 });
        await page.GetByTestId("current-password").FillAsync(AdminPassword);
        await page.GetByTestId("new-password").FillAsync(ChosenPassword);
        await page.GetByTestId("confirm-password").FillAsync(ChosenPassword);
        await page.GetByTestId("change-password-submit").ClickAsync(new() { Timeout = 90_000 });
        await SignedInAtAsync(page, replicaA, processes);
        var signIn = watch.Elapsed;

        // B has never seen this browser: it reads the cookie with the keys A made and the session A stored.
        await page.GotoAsync(replicaB.ToString());
        await SignedInAtAsync(page, replicaB, processes);

        // A goes away (SIGKILL: nothing is saved on the way out) and comes back as a new process.
        watch.Restart();
        await processes.KillAsync(gatewayA);
        gatewayA = processes.Start(Gateway(replicaA), new Uri(replicaA, "/health"));
        await processes.WaitHealthyAsync(Healthy);
        var restart = watch.Elapsed;
        await page.GotoAsync(replicaA.ToString());
        await SignedInAtAsync(page, replicaA, processes);

        // The sign-out form the restarted A rendered, with its antiforgery token, posted to B.
        var signOut = await page.RunAndWaitForResponseAsync(
            () => page.EvalOnSelectorAsync("form.crm-signout", "(form, action) => { form.action = action; form.submit(); }", new Uri(replicaB, "/account/signout").ToString()),
            response => response.Url.EndsWith("/account/signout", StringComparison.Ordinal));
        var sessionsLeft = await OutboxReader.ScalarAsync(gatewayDb, "SELECT count(*) FROM sessions", [], Ct);

        TestReport.Print($"Scale-out, gateway: 2 replicas on one gatewaydb; signed in through A in {signIn.TotalSeconds:F1} s, "
            + $"served signed in by B, A killed and back in {restart.TotalSeconds:F1} s and still signed in; "
            + $"A's sign-out form posted to B: {signOut.Status}; sessions left {sessionsLeft}.");

        Assert.True(signOut.Status == 302, $"B answered {signOut.Status} to the form A rendered (400: its antiforgery token was refused).\n{processes.Output}");
        // B ended the session A's cookie named: no gateway holds its tokens any more.
        Assert.Equal(0, sessionsLeft);
    }

    /// <summary>The staff UI at <paramref name="replica"/> shows the signed-in administrator and its circuit is up.</summary>
    private static async Task SignedInAtAsync(IPage page, Uri replica, Processes processes)
    {
        try
        {
            await Assertions.Expect(page.GetByTestId("user-name")).ToContainTextAsync("Administrator", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-testid=app][data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }
        catch (PlaywrightException exception)
        {
            throw new InvalidOperationException($"Not signed in at {replica}: the page is {page.Url}:\n{await page.InnerTextAsync("body")}\n{processes.Output}", exception);
        }
        Assert.StartsWith(replica.GetLeftPart(UriPartial.Authority), page.Url, StringComparison.Ordinal);
    }
}
