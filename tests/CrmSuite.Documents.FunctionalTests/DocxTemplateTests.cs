using System.Net;
using System.Net.Http.Json;
using CrmSuite.Documents.Api.Rendering;
using CrmSuite.Documents.Api.Templates;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>Word templates uploaded as made in Word: placeholders filled even where Word split them, table rows repeated per line.</summary>
public sealed class DocxTemplateTests(DocumentsApi api) : IClassFixture<DocumentsApi>
{
    private static CancellationToken Ct => DocumentsApi.Ct;

    /// <summary>
    /// A contract as Word saves it: "Покупатель: {{buyer.name}}" where Word split the placeholder
    /// into three runs (the middle one bold, as after a spell check or a formatting change), and a
    /// table: a header row, a row of {{line.…}} placeholders, a total row.
    /// </summary>
    private static byte[] WordTemplate(string buyerPlaceholderMiddle = "er.na")
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new Run(new Text("Договор № {{number}} от {{date}}"))),
                new Paragraph(
                    new Run(new Text("Покупатель: {{buy") { Space = SpaceProcessingModeValues.Preserve }),
                    new Run(new RunProperties(new Bold()), new Text(buyerPlaceholderMiddle)),
                    new ProofError { Type = ProofingErrorValues.SpellStart },
                    new Run(new Text("me}}, ИНН {{ buyer.inn }}"))),
                new Table(
                    Row("№", "Наименование", "Кол-во", "Сумма"),
                    Row("{{line.position}}", "{{line.name}}", "{{line.quantity}} {{line.unit}}", "{{line.total}}"),
                    Row("", "Итого", "", "{{totals.total}}")),
                new Paragraph(new Run(new Text("{{totals.in_words}}")))));
        }
        return stream.ToArray();
    }

    private static TableRow Row(params string[] cells) =>
        new(cells.Select(text => new TableCell(new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve })))));

    private static async Task<Guid> UploadAsync(HttpClient admin, byte[] docx)
    {
        using var response = await admin.PostAsJsonAsync("/v1/templates",
            new { name = "Договор из Word", documentType = "contract", language = "ru", kind = "docx", docx = Convert.ToBase64String(docx) }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return Guid.Parse((await DocumentsApi.ReadJsonAsync(response)).GetProperty("id").GetString()!);
    }

    private async Task<WordprocessingDocument> RenderAsync(Guid template, DocumentModel model)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var file = await scope.ServiceProvider.GetRequiredService<IDocumentRenderer>().RenderAsync(template, model, Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", file.ContentType);
        Assert.EndsWith(".docx", file.FileName);
        return WordprocessingDocument.Open(new MemoryStream(file.Content), false);
    }

    private static string Text(OpenXmlElement element) => string.Concat(element.Descendants<Text>().Select(t => t.Text));

    [Fact]
    public async Task A_placeholder_Word_split_across_three_runs_is_filled()
    {
        using var admin = api.Http(People.Administrator);
        var template = await UploadAsync(admin, WordTemplate());

        using var filled = await RenderAsync(template, SampleDocuments.For("contract", "ru"));

        var paragraphs = filled.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(Text).ToList();
        Assert.Equal("Договор № СЧ-2026-000123 от 06.12.2026", paragraphs[0]);
        Assert.Equal("Покупатель: ООО «Василёк», ИНН 7736207543", paragraphs[1]);
        Assert.Equal("Тридцать четыре тысячи сто шестьдесят рублей 00 копеек", paragraphs[^1]);
    }

    [Fact]
    public async Task A_table_row_of_line_placeholders_becomes_one_row_per_line()
    {
        using var admin = api.Http(People.Administrator);
        var template = await UploadAsync(admin, WordTemplate());
        var sample = SampleDocuments.For("contract", "ru");
        var model = sample with
        {
            Lines = [.. sample.Lines, new LineModel(3, "Кресло", null, "шт", 1.5m, 1_000m, 1_500m, "22%", 22m, 330m, 1_830m)],
        };

        using var filled = await RenderAsync(template, model);

        var rows = filled.MainDocumentPart!.Document!.Body!.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(Text).ToArray()).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(["1", "Стол офисный, 120×60 см", "2 шт", "30 500,00"], rows[1].Select(Normalise));
        Assert.Equal(["2", "Доставка и сборка", "1 усл", "3 660,00"], rows[2].Select(Normalise));
        Assert.Equal(["3", "Кресло", "1,5 шт", "1 830,00"], rows[3].Select(Normalise));
        Assert.Equal(["", "Итого", "", "34 160,00"], rows[4].Select(Normalise));
    }

    [Fact]
    public async Task A_Word_template_with_an_unknown_placeholder_or_a_file_that_is_not_Word_is_refused()
    {
        using var admin = api.Http(People.Administrator);
        var before = await api.ScalarAsync("SELECT count(*) FROM templates");

        using var unknown = await admin.PostAsJsonAsync("/v1/templates",
            new { name = "Плохой", documentType = "contract", language = "ru", kind = "docx", docx = Convert.ToBase64String(WordTemplate("er.nam")) }, Ct);
        using var notWord = await admin.PostAsJsonAsync("/v1/templates",
            new { name = "Не Word", documentType = "contract", language = "ru", kind = "docx", docx = Convert.ToBase64String(TestFiles.Pdf("Not Word")) }, Ct);

        var fields = await DocumentsApi.BadFieldsAsync(unknown);
        Assert.StartsWith("Paragraph 2:", fields["template"]);
        Assert.Contains("{{buyer.namme}}", fields["template"]);
        Assert.Equal(["docx"], (await DocumentsApi.BadFieldsAsync(notWord)).Keys);
        Assert.Equal(before, await api.ScalarAsync("SELECT count(*) FROM templates"));
    }

    /// <summary>No-break spaces (the Russian thousands separator) read as spaces.</summary>
    private static string Normalise(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ');
}
