using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CrmSuite.Documents.Api.Rendering;
using CrmSuite.Documents.Api.Templates;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>Templates printed to PDF by the service's warm Chromium, read back as a person reads the PDF.</summary>
public sealed class RenderingTests(DocumentsApi api) : IClassFixture<DocumentsApi>
{
    private static CancellationToken Ct => DocumentsApi.Ct;

    /// <summary>The PDF's text with every space (and no-break space) removed: PdfPig's word breaks are not the printer's.</summary>
    internal static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            text.Append(string.Concat(page.GetWords().Select(w => w.Text)));
        }
        return Squash(text.ToString());
    }

    internal static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task The_built_in_invoice_prints_requisites_lines_totals_and_the_amount_in_words_in_Cyrillic()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var renderer = scope.ServiceProvider.GetRequiredService<IDocumentRenderer>();
        var model = SampleDocuments.For("invoice", "ru");

        var file = await renderer.RenderAsync(BuiltInTemplates.InvoiceRu, model, Ct);

        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal("invoice СЧ-2026-000123.pdf", file.FileName);
        var text = Text(file.Content);
        Assert.Contains(Squash("Счёт на оплату № СЧ-2026-000123 от 6 декабря 2026 г."), text);
        Assert.Contains(Squash("ИНН 7707083893"), text);
        Assert.Contains(Squash("ООО «Ромашка»"), text);
        Assert.Contains(Squash("Стол офисный, 120×60 см"), text);
        Assert.Contains(Squash("Всего к оплате:34 160,00"), text);
        Assert.Contains(Squash("Тридцать четыре тысячи сто шестьдесят рублей 00 копеек"), text);
        Assert.Contains(Squash("Иванов Иван Иванович"), text);
    }

    [Fact]
    public async Task Page_JavaScript_does_not_run_and_a_remote_image_is_not_fetched()
    {
        var printer = api.Services.GetRequiredService<ChromiumPdfPrinter>();
        // A listener that would see Chromium connect for the image or the stylesheet.
        using var remote = new TcpListener(IPAddress.Loopback, 0);
        remote.Start();
        var port = ((IPEndPoint)remote.LocalEndpoint).Port;
        var html = $"""
            <html><head><link rel="stylesheet" href="http://127.0.0.1:{port}/style.css"></head>
            <body><p>Static text</p><img src="http://127.0.0.1:{port}/logo.png">
            <script>document.write('<p>Script ran</p>'); document.body.insertAdjacentText('beforeend', 'Script ran too');</script>
            </body></html>
            """;

        var pdf = await printer.PrintAsync(html, Ct);

        var text = Text(pdf);
        Assert.Contains("Statictext", text);
        Assert.DoesNotContain("Scriptran", text);
        Assert.False(remote.Pending(), "Chromium connected to the remote address of the image or stylesheet.");
    }

    [Fact]
    public async Task A_browser_that_died_is_launched_again_for_the_next_print()
    {
        var printer = api.Services.GetRequiredService<ChromiumPdfPrinter>();
        Assert.Contains("Before", Text(await printer.PrintAsync("<p>Before</p>", Ct)));
        var launches = printer.Launches;

        await printer.CloseBrowserAsync();
        var after = await printer.PrintAsync("<p>After the crash</p>", Ct);

        Assert.Contains("Afterthecrash", Text(after));
        Assert.Equal(launches + 1, printer.Launches);
    }

    /// <summary>Measured, not asserted: how long a warm print of the built-in invoice takes here (printed in the test output).</summary>
    [Fact]
    public async Task A_warm_invoice_render_is_measured()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var renderer = scope.ServiceProvider.GetRequiredService<IDocumentRenderer>();
        var model = SampleDocuments.For("invoice", "ru");
        await renderer.RenderAsync(BuiltInTemplates.InvoiceRu, model, Ct);

        var times = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var watch = Stopwatch.StartNew();
            var file = await renderer.RenderAsync(BuiltInTemplates.InvoiceRu, model, Ct);
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.NotEmpty(file.Content);
        }

        times.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine($"Warm invoice render (template + Chromium PDF), 10 runs: median {times[5]:F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms");
    }
}
