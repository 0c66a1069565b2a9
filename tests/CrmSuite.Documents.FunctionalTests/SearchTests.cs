using CrmSuite.Documents.Contracts;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>Files are found by the words inside them (PDF, DOCX) and by their names.</summary>
public sealed class SearchTests(DocumentsApi api) : IClassFixture<DocumentsApi>
{
    private static CancellationToken Ct => DocumentsApi.Ct;

    [Fact]
    public async Task Search_finds_words_inside_a_PDF_and_a_DOCX_and_in_file_names()
    {
        var company = await api.CompanyAsync(People.Anna);
        var pdf = await api.UploadedAsync(People.Anna, "company", company, "scan-0042.pdf",
            TestFiles.Pdf("Supply agreement", "Delivery of hydraulic pumps by March"));
        var docx = await api.UploadedAsync(People.Anna, "company", company, "draft.docx",
            TestFiles.Docx("Договор поставки № 17", "Поставщик обязуется поставить насосы."));
        var named = await api.UploadedAsync(People.Anna, "company", company, "Спецификация_насосов.txt", "1. Pump"u8.ToArray());
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.GetProperty("contentType").GetString());
        Assert.True(pdf.GetProperty("hasText").GetBoolean());
        Assert.True(docx.GetProperty("hasText").GetBoolean());
        var attachments = new Attachments.AttachmentsClient(api.Grpc(People.Anna));

        async Task<List<string>> FindAsync(string words) =>
            [.. (await attachments.SearchAttachmentsAsync(new SearchAttachmentsRequest { Query = words }, cancellationToken: Ct)).Attachments.Select(a => a.Id)];

        // Inside the PDF (English stemming: "pump" finds "pumps").
        Assert.Equal([pdf.GetProperty("id").GetString()!], await FindAsync("hydraulic pump"));
        // Inside the DOCX (Russian stemming: "договоры поставки" finds "Договор поставки № 17").
        Assert.Equal([docx.GetProperty("id").GetString()!], await FindAsync("договоры поставки"));
        // By the file name's words.
        Assert.Equal([named.GetProperty("id").GetString()!], await FindAsync("спецификация"));
        Assert.Empty(await FindAsync("экскаватор"));
    }

    [Fact]
    public async Task A_search_without_words_is_refused_naming_the_field()
    {
        using var http = api.Http(People.Anna);
        var fields = await DocumentsApi.BadFieldsAsync(await http.GetAsync("/v1/attachments:search?query=%20", Ct));
        Assert.Contains("query", fields.Keys);
    }
}
