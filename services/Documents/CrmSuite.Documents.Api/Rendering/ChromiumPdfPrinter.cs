using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CrmSuite.Documents.Api.Rendering;

/// <summary>
/// A warm headless Chromium inside the service, launched on the first print and kept: each print
/// borrows one of a bounded pool of browser contexts (<see cref="RenderingOptions.Contexts"/>), in
/// which page JavaScript is off and every network request is aborted (the HTML is self-contained:
/// images are data URIs), and prints A4 with backgrounds. A browser that died is launched again on
/// the next print; the browser stops with the service. Prints that queue behind busy contexts are
/// printed together, one Chromium print per template head, and split (<see cref="PrintBatcher"/>).
/// </summary>
public sealed class ChromiumPdfPrinter : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly RenderingOptions _options;
    private readonly ILogger<ChromiumPdfPrinter> _logger;
    private readonly PrintBatcher _batcher;
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly ConcurrentBag<IBrowserContext> _idle = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private bool _disposed;

    public ChromiumPdfPrinter(IOptions<RenderingOptions> options, ILogger<ChromiumPdfPrinter> logger)
    {
        _options = options.Value;
        _logger = logger;
        _batcher = new PrintBatcher(PrintOnContextAsync, _options, logger);
    }

    /// <summary>How many times a browser was launched (the first print, then after each crash).</summary>
    public int Launches { get; private set; }

    /// <summary>Launches the browser now if it is not running (the service's start, with <see cref="RenderingOptions.WarmOnStart"/>).</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken) => await BrowserAsync(cancellationToken);

    /// <summary>Combined prints made so far (several queued documents printed as one and split into one PDF each).</summary>
    public int CombinedPrints => _batcher.CombinedPrints;

    /// <summary>Prints self-contained HTML to an A4 PDF (backgrounds printed; the page's CSS @page may set margins).</summary>
    public Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken) => _batcher.PrintAsync(html, cancellationToken);

    /// <summary>One Chromium print on one of the pool's contexts (the batcher runs at most <see cref="RenderingOptions.Contexts"/> at once).</summary>
    private async Task<byte[]> PrintOnContextAsync(string html)
    {
        var browser = await BrowserAsync(CancellationToken.None);
        var context = TakeIdle(browser) ?? await NewContextAsync(browser);
        var healthy = false;
        try
        {
            var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            if (BeforeChromiumPrint is { } before)
            {
                await before(html);
            }
            var timeout = (float)_options.PrintTimeout.TotalMilliseconds;
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = timeout });
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
            healthy = true;
            return pdf;
        }
        finally
        {
            if (healthy && browser.IsConnected && !_disposed)
            {
                _idle.Add(context);
            }
            else
            {
                await CloseQuietlyAsync(context);
            }
        }
    }

    /// <summary>Tests: runs with the HTML on its context just before each Chromium print (e.g. to crash the browser mid-batch).</summary>
    internal Func<string, Task>? BeforeChromiumPrint { get; set; }

    /// <summary>Closes the browser as a crash would (tests: the next print must launch a new one).</summary>
    internal async Task CloseBrowserAsync()
    {
        if (_browser is { } browser)
        {
            await browser.CloseAsync();
        }
    }

    private IBrowserContext? TakeIdle(IBrowser browser)
    {
        while (_idle.TryTake(out var context))
        {
            if (ReferenceEquals(context.Browser, browser))
            {
                return context;
            }
            // A context of a browser that died: nothing to close.
        }
        return null;
    }

    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Offline = true });
        // Nothing leaves the machine: a remote image or stylesheet in a template is never fetched.
        await context.RouteAsync("**/*", route => route.AbortAsync("blockedbyclient"));
        return context;
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } warm)
        {
            return warm;
        }
        await _launch.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true } launched)
            {
                return launched;
            }
            if (_browser is not null)
            {
                _logger.LogWarning("Chromium for PDF printing stopped; launching it again");
                await CloseQuietlyAsync(_browser);
            }
            try
            {
                _playwright ??= await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = _options.ChromiumPath, Headless = true, Args = ChromiumArgs,
                });
            }
            catch
            {
                // The driver itself may have died with the browser: start both afresh next time.
                _playwright?.Dispose();
                _playwright = null;
                _browser = null;
                throw;
            }
            Launches++;
            _logger.LogInformation("Chromium for PDF printing launched from {Path} with {Contexts} context(s)", _options.ChromiumPath, _options.Contexts);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private static async Task CloseQuietlyAsync(IBrowserContext context)
    {
        try
        {
            await context.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Its browser is gone already.
        }
    }

    private static async Task CloseQuietlyAsync(IBrowser browser)
    {
        try
        {
            await browser.CloseAsync();
        }
        catch (PlaywrightException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _launch.WaitAsync();
        try
        {
            _disposed = true;
            if (_browser is not null)
            {
                await CloseQuietlyAsync(_browser);
                _browser = null;
            }
            _playwright?.Dispose();
            _playwright = null;
        }
        finally
        {
            _launch.Release();
        }
    }
}
