using System.Reflection;
using CrmSuite.Documents.Api.Rendering;
using Microsoft.Playwright;

namespace CrmSuite.Bench.Documents;

/// <summary>
/// The reference: the same HTML printed to PDF by the same Chromium with nothing around it — no
/// HTTP, no database, no template rendering — launched and printed exactly as the service's
/// <see cref="ChromiumPdfPrinter"/> does (its flags are read from it), one warm context and page
/// per worker. With --batch N it prints N copies as one PDF and splits it, as the service combines
/// prints that queue.
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
        // --batch N: N copies printed as one PDF, as the service combines queued prints (its CombinedPrint:
        // each copy on its own pages behind the marker), and split into N PDFs; counted as N documents.
        var batch = Math.Max(1, options.Batch);
        var parts = CombinedPrint.Parse(html) ?? throw new InvalidOperationException("the invoice HTML cannot be combined");
        var printed = batch == 1 ? html : CombinedPrint.Compose([.. Enumerable.Repeat(parts, batch)]);
        var loop = options with { Warmup = Math.Max(1, options.Warmup / batch), Count = Math.Max(1, options.Count / batch) };
        var result = await Loop.RunAsync(loop, async worker =>
        {
            var page = pages[worker];
            await page.SetContentAsync(printed, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = 30_000 });
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
            if (batch == 1)
            {
                return IsPdf(pdf) ? pdf.Length : 0;
            }
            var files = CombinedPrint.Split(pdf, [.. Enumerable.Repeat(parts.Title, batch)]);
            return files is { Length: > 0 } && files.All(f => IsPdf(f)) ? files.Sum(f => (long)f.Length) : 0;
        }, cpuRoot: Environment.ProcessId);
        // Latencies stay per print (of BATCH documents); rates, sizes and CPU are per document.
        result = result with { Docs = result.Docs * batch, AvgKb = result.AvgKb / batch };
        Console.WriteLine(result);
        return result.Errors == 0 ? 0 : 1;
    }

    public static bool IsPdf(ReadOnlySpan<byte> bytes) => bytes.StartsWith("%PDF-"u8);
}
