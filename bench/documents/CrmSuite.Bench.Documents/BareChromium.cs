using System.Reflection;
using CrmSuite.Documents.Api.Rendering;
using Microsoft.Playwright;

namespace CrmSuite.Bench.Documents;

/// <summary>
/// The reference: the same HTML printed to PDF by the same Chromium with nothing around it — no
/// HTTP, no database, no template rendering — launched and printed exactly as the service's
/// <see cref="ChromiumPdfPrinter"/> does (its flags are read from it), one warm context and page
/// per worker.
/// </summary>
public static class BareChromium
{
    public static async Task<int> RunAsync(LoopOptions options)
    {
        var html = await File.ReadAllTextAsync(options.Html ?? throw new ArgumentException("--html is required"));
        var flags = (string[]?)typeof(ChromiumPdfPrinter).GetField("ChromiumArgs", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
            ?? throw new InvalidOperationException("ChromiumPdfPrinter.ChromiumArgs not found: keep the bench's Chromium flags the service's.");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = options.Chromium, Headless = true, Args = flags,
        });
        var pages = new IPage[options.Concurrency];
        for (var i = 0; i < pages.Length; i++)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Offline = true });
            await context.RouteAsync("**/*", route => route.AbortAsync("blockedbyclient"));
            pages[i] = await context.NewPageAsync();
        }
        var result = await Loop.RunAsync(options, async worker =>
        {
            var page = pages[worker];
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = 30_000 });
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
            return IsPdf(pdf) ? pdf.Length : 0;
        }, cpuRoot: Environment.ProcessId);
        Console.WriteLine(result);
        return result.Errors == 0 ? 0 : 1;
    }

    public static bool IsPdf(ReadOnlySpan<byte> bytes) => bytes.StartsWith("%PDF-"u8);
}
