using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(CrmSuite.EndToEndTests.BrowserFixture))]

namespace CrmSuite.EndToEndTests;

/// <summary>
/// Chromium from the OS packages driven by Playwright (its bundled driver; no browser download).
/// Each test opens its own context, so cookies and sessions never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>What each page wrote to its console: part of a failure's message.</summary>
    public System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> Consoles { get; } = new();

    /// <summary>A screenshot and the console of a page, for a failure that a reader must understand.</summary>
    public async Task<string> DescribeAsync(IPage page)
    {
        var file = Path.Combine(Path.GetTempPath(), $"crmsuite-browser-{Guid.NewGuid():N}.png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = 10_000 });
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            // A page too stuck for a screenshot must not hide the failure being described.
            file = "not taken: " + exception.Message;
        }
        var console = Consoles.TryGetValue(page, out var lines) ? string.Join("\n", lines) : string.Empty;
        // What the page showed, as text, and what its inputs held: enough to tell a lost keystroke from an empty answer.
        var shown = await ShownAsync(page);
        return $"URL {page.Url}; screenshot {file}; {shown}; console:\n{console}";
    }

    private static async Task<string> ShownAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string>("""
            () => {
                const inputs = [...document.querySelectorAll('input[data-testid]:not([type=password]), textarea[data-testid]')]
                    .map(i => `${i.dataset.testid}=${JSON.stringify(i.value)}${document.activeElement === i ? ' (focused)' : ''}`);
                const busy = document.querySelectorAll('.rz-datatable-loading').length;
                const queries = [...document.querySelectorAll('[data-query]')].map(g => JSON.stringify(g.dataset.query));
                return `inputs: ${inputs.join(', ')}; grids loading: ${busy}; lists' active queries: ${queries.join(', ')}; text: ${document.body.innerText.replace(/\s+/g, ' ').slice(0, 2000)}`;
            }
            """);
        }
        catch (PlaywrightException exception)
        {
            return "page content not readable: " + exception.Message;
        }
    }

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CRM_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: install it with 'sudo apt-get install -y chromium' (./run-tests does).");
        }
        // Every step waits for gRPC calls through the gateway on a shared, busy machine: Playwright's
        // 5 s default for assertions is shorter than a busy moment there (actions wait 20 s). Set
        // here, before any test class runs, not by whichever class happens to be constructed first.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A page in a browser of its own (no cookies), in that browser language and window size.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl, string locale = "en-US", ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), Locale = locale, ViewportSize = viewport });
        context.SetDefaultTimeout(20_000);
        // A first Blazor page on a loaded machine (a 100k-row import test may run beside) can take
        // longer than an action should be allowed to.
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => { lock (console) { console.Add($"{message.Type}: {message.Text}"); } };
        page.PageError += (_, error) => { lock (console) { console.Add("page error: " + error); } };
        Consoles.AddOrUpdate(page, console);
        return page;
    }

    /// <summary>
    /// A new page signed in as the suite's administrator (display name "Administrator"), opened at
    /// <paramref name="path"/> and interactive.
    /// </summary>
    public async Task<IPage> SignInAsAdministratorAsync(Uri gateway, string path)
    {
        var page = await NewPageAsync(gateway);
        await page.GotoAsync(path);
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(SuiteFixture.AdminNewPassword);
        // The click waits for the navigation it starts, and the first page after signing in may be the suite's first render of
        // it (cold, on a loaded machine): both wait as long as a navigation may take, not an action's usual time.
        await page.GetByTestId("login-submit").ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("user-name")).ToContainTextAsync("Administrator", new() { Timeout = 60_000 });
        await InteractiveAsync(page);
        return page;
    }

    /// <summary>A new user's first sign-in: the one-time password, then the chosen one; the page ends interactive.</summary>
    public async Task SignInFirstTimeAsync(IPage page, string userName, string oneTimePassword, string chosenPassword)
    {
        await page.GotoAsync("/");
        await page.GetByTestId("login-username").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(oneTimePassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GetByTestId("current-password").FillAsync(oneTimePassword);
        await page.GetByTestId("new-password").FillAsync(chosenPassword);
        await page.GetByTestId("confirm-password").FillAsync(chosenPassword);
        await page.GetByTestId("change-password-submit").ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("user-name")).ToContainTextAsync(userName, new() { Timeout = 60_000 });
        await InteractiveAsync(page);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    /// <summary>Opens a page of the staff UI and waits until it reacts to clicks (the Blazor circuit is up).</summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await InteractiveAsync(page);
    }

    public async Task InteractiveAsync(IPage page)
    {
        try
        {
            // The circuit starts after the prerendered page arrives; on a loaded machine that can take as long as a navigation.
            await Assertions.Expect(page.Locator("[data-testid=app][data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException("The page never became interactive: " + await DescribeAsync(page), ex);
        }
    }

    /// <summary>
    /// Waits until a dialog's form is shown and Radzen has put the focus in it. Radzen focuses a
    /// dialog's first field from a timer after the dialog opened; on a loaded machine that can come
    /// after a test has already moved to the second field, and its typing then lands in the first.
    /// </summary>
    public static async Task DialogReadyAsync(IPage page, string formTestId)
    {
        await Assertions.Expect(page.GetByTestId(formTestId)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".rz-dialog-content :focus")).ToHaveCountAsync(1);
    }

    /// <summary>Types into a form field and leaves it, as a person does: the field commits its value on change.</summary>
    public static async Task FillFieldAsync(IPage page, string testId, string value)
    {
        var field = page.GetByTestId(testId);
        await field.FillAsync(value);
        await field.BlurAsync();
        await Assertions.Expect(field).ToHaveValueAsync(value);
    }

    /// <summary>
    /// Opens a calendar entry's details as a person does, by clicking the entry. The calendar loads
    /// its items after the page turns interactive and redraws them; on a busy machine a click can land
    /// on an entry being replaced and open nothing, so it is clicked again while no details are shown.
    /// </summary>
    public static async Task OpenCalendarEntryAsync(IPage page, ILocator entry)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Near its left edge, on the icon: a task's entry is short and its middle is the resize grips.
            await entry.ClickAsync(new() { Position = new() { X = 6, Y = 6 } });
            try
            {
                await Assertions.Expect(page.GetByTestId("item-details")).ToBeVisibleAsync(new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>
    /// Moves the calendar one period ahead and waits until it shows the next range. The calendar
    /// redraws after a dialog closes or a save; on a busy machine a click on "next" can land on the
    /// button being replaced and do nothing, so it is clicked again while the range has not changed.
    /// </summary>
    public static async Task CalendarNextAsync(IPage page)
    {
        var title = page.Locator("[data-testid=calendar] .rz-scheduler-nav-title");
        var before = await title.InnerTextAsync();
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("[data-testid=calendar] .rz-scheduler-nav-prev-next button.rz-next").ClickAsync();
            try
            {
                await Assertions.Expect(title).Not.ToHaveTextAsync(before, new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }
}
