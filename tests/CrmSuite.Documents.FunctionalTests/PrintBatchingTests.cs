using CrmSuite.Documents.Api.Rendering;
using CrmSuite.Documents.Api.Templates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;
using static CrmSuite.Documents.FunctionalTests.RenderingTests;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>
/// Prints that queue behind a busy printer are printed by the real Chromium as one document and split
/// back into one PDF each. A printer with one context makes the queue certain: the first print (its own
/// template) holds the context while the others wait behind it.
/// </summary>
public sealed class PrintBatchingTests
{
    private static CancellationToken Ct => DocumentsApi.Ct;

    private static ChromiumPdfPrinter OneContextPrinter() =>
        new(Options.Create(new RenderingOptions { Contexts = 1 }), NullLogger<ChromiumPdfPrinter>.Instance);

    private static readonly LiquidTemplates Liquid = new(Options.Create(new RenderingOptions()));

    private static async Task<string> InvoiceHtmlAsync(string number, int lines)
    {
        var sample = SampleDocuments.For("invoice", "ru");
        var rows = Enumerable.Range(1, lines)
            .Select(i => sample.Lines[0] with { Position = i, Name = $"Позиция {i} к счёту {number}" })
            .ToList();
        var model = sample with { Number = number, Lines = rows };
        return await Liquid.RenderAsync(BuiltInTemplates.Source("invoice-ru"), model, Ct);
    }

    private static string Simple(string pageCss, string text) =>
        $"<!DOCTYPE html><html><head><title>{text}</title><style>@page {{ {pageCss} }} body {{ margin: 0; font: 14pt sans-serif; }}</style></head>" +
        $"<body><p>{text}</p></body></html>";

    private static int Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    private static (double Width, double Height) PageSize(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        return (page.Width, page.Height);
    }

    [Fact]
    public async Task Invoices_printed_at_once_come_back_each_as_its_own_PDF_with_only_its_own_text_and_pages()
    {
        await using var printer = OneContextPrinter();
        string[] numbers = ["СЧ-2026-000901", "СЧ-2026-000902", "СЧ-2026-000903", "СЧ-2026-000904", "СЧ-2026-000905"];
        var html = new List<string>();
        foreach (var number in numbers)
        {
            // The third runs to several pages: it must stay whole.
            html.Add(await InvoiceHtmlAsync(number, number.EndsWith("903", StringComparison.Ordinal) ? 70 : 3));
        }

        var blocker = printer.PrintAsync(Simple("size: A4", "Другой шаблон"), Ct);
        var printed = await Task.WhenAll(html.Select(h => printer.PrintAsync(h, Ct)));
        await blocker;

        Assert.Equal(1, printer.CombinedPrints);
        for (var i = 0; i < numbers.Length; i++)
        {
            var text = Text(printed[i]);
            Assert.Contains(Squash($"Счёт на оплату № {numbers[i]}"), text);
            Assert.Contains(Squash($"Позиция 1 к счёту {numbers[i]}"), text);
            foreach (var other in numbers.Where(n => n != numbers[i]))
            {
                Assert.DoesNotContain(other, text);
            }
            // Exactly the text and pages of the same invoice printed alone (nothing waits now: no combining).
            var alone = await printer.PrintAsync(html[i], Ct);
            Assert.Equal(Text(alone), text);
            Assert.Equal(Pages(alone), Pages(printed[i]));
            Assert.Equal(PageSize(alone), PageSize(printed[i]));
        }
        Assert.True(Pages(printed[2]) >= 2, $"the long invoice has {Pages(printed[2])} page(s)");
        Assert.All(printed.Where((_, i) => i != 2), pdf => Assert.Equal(1, Pages(pdf)));
        Assert.Equal(1, printer.CombinedPrints);
    }

    [Fact]
    public async Task Documents_of_different_templates_are_never_printed_together_and_keep_their_own_page_size()
    {
        await using var printer = OneContextPrinter();
        var blocker = printer.PrintAsync(Simple("size: A4", "Первый"), Ct);
        var prints = new List<(string Text, bool Landscape, Task<byte[]> Pdf)>();
        for (var i = 1; i <= 3; i++)
        {
            prints.Add(($"Письмо A5 номер {i}", false, printer.PrintAsync(Simple("size: A5; margin: 10mm", $"Письмо A5 номер {i}"), Ct)));
            prints.Add(($"Альбомный лист номер {i}", true, printer.PrintAsync(Simple("size: A4 landscape; margin: 10mm", $"Альбомный лист номер {i}"), Ct)));
        }
        await blocker;
        await Task.WhenAll(prints.Select(p => p.Pdf));

        Assert.Equal(2, printer.CombinedPrints);
        foreach (var (text, landscape, pdf) in prints)
        {
            var content = Text(await pdf);
            Assert.Equal(Squash(text), content);
            Assert.Equal(1, Pages(await pdf));
            var (width, height) = PageSize(await pdf);
            if (landscape)
            {
                Assert.InRange(width, 840, 843); // A4 landscape: 297 × 210 mm
                Assert.InRange(height, 594, 597);
            }
            else
            {
                Assert.InRange(width, 418, 421); // A5: 148 × 210 mm
                Assert.InRange(height, 594, 597);
            }
        }
    }

    [Fact]
    public async Task A_combined_print_that_fails_fails_only_its_own_documents_and_the_printer_recovers()
    {
        await using var printer = OneContextPrinter();
        var crashed = 0;
        printer.BeforeChromiumPrint = async html =>
        {
            // The browser dies while the first group's combined print is under way.
            if (html.Contains("Группа сбоя", StringComparison.Ordinal) && Interlocked.Exchange(ref crashed, 1) == 0)
            {
                await printer.CloseBrowserAsync();
            }
        };
        var blocker = printer.PrintAsync(Simple("size: A4", "Первый"), Ct);
        var failing = Enumerable.Range(1, 3).Select(i => printer.PrintAsync(Simple("size: A5", $"Группа сбоя {i}"), Ct)).ToList();
        var healthy = Enumerable.Range(1, 3).Select(i => printer.PrintAsync(Simple("size: A6", $"Здоровая группа {i}"), Ct)).ToList();
        await blocker;

        foreach (var print in failing)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => print);
        }
        for (var i = 0; i < healthy.Count; i++)
        {
            Assert.Equal(Squash($"Здоровая группа {i + 1}"), Text(await healthy[i]));
        }
        Assert.Equal(1, crashed);
        Assert.Equal(1, printer.CombinedPrints); // the healthy group's
        Assert.Equal(2, printer.Launches); // the first launch, and one after the crash
        Assert.Equal(Squash("Группа сбоя 4"), Text(await printer.PrintAsync(Simple("size: A5", "Группа сбоя 4"), Ct)));
    }

    [Fact]
    public async Task A_template_whose_CSS_would_reach_across_documents_is_always_printed_alone()
    {
        await using var printer = OneContextPrinter();
        // A fixed footer repeats on every page of its print: combined, each document would carry the others' footers.
        static string Footed(int i) =>
            "<html><head><style>.footer { position: fixed; bottom: 0; }</style></head>" +
            $"<body><p>Документ {i}</p><div class=\"footer\">Подвал {i}</div></body></html>";
        var blocker = printer.PrintAsync(Simple("size: A4", "Первый"), Ct);
        var prints = Enumerable.Range(1, 3).Select(i => printer.PrintAsync(Footed(i), Ct)).ToList();
        await blocker;

        for (var i = 0; i < prints.Count; i++)
        {
            Assert.Equal(Squash($"Документ {i + 1} Подвал {i + 1}"), Text(await prints[i]));
        }
        Assert.Equal(0, printer.CombinedPrints);
    }
}
