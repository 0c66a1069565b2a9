using System.Net;
using System.Security.Cryptography;
using CrmSuite.Documents.Contracts;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>Files on a company card: upload, download, preview, refusals, visibility, deletion.</summary>
public sealed class AttachmentTests(DocumentsApi api) : IClassFixture<DocumentsApi>
{
    private static CancellationToken Ct => DocumentsApi.Ct;

    [Fact]
    public async Task A_5_MB_file_comes_back_byte_for_byte_from_chunks_in_the_database()
    {
        var company = await api.CompanyAsync(People.Anna);
        var bytes = TestFiles.Random(5 * 1024 * 1024 + 12345, seed: 5);

        var saved = await api.UploadedAsync(People.Anna, "company", company, "Прайс 2026.bin", bytes);

        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), saved.GetProperty("sizeBytes").GetString());
        Assert.Equal("application/octet-stream", saved.GetProperty("contentType").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), saved.GetProperty("sha256").GetString());
        var id = saved.GetProperty("id").GetString()!;
        // Stored in the service's own database, 1 MiB a row.
        Assert.Equal(6, await api.ScalarAsync("SELECT count(*) FROM attachment_chunks WHERE attachment_id = @p0", Guid.Parse(id)));

        using var http = api.Http(People.Anna);
        using var response = await http.GetAsync(saved.GetProperty("downloadUrl").GetString(), HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Прайс 2026.bin", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync(Ct));
        var audited = Assert.Single(await api.AuditAsync("documents.attachment.downloaded", id));
        Assert.Equal(People.Anna.Id, audited.GetProperty("actorId").GetString());
        Assert.Single(await api.AuditAsync("documents.attachment.uploaded", id));
        Assert.Contains(await api.OutboxAsync("documents.attachment-added"), e => e.GetProperty("attachmentId").GetString() == id);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_413_whether_its_length_is_declared_or_not_and_nothing_is_stored()
    {
        var company = await api.CompanyAsync(People.Anna);
        var tooBig = TestFiles.Random((int)DocumentsApi.MaxFileBytes + 1, seed: 7);

        using var declared = await api.UploadAsync(People.Anna, "company", company, "big.bin", new ByteArrayContent(tooBig));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Contains("big.bin", await declared.Content.ReadAsStringAsync(Ct));

        // Streamed without a length (chunked): counted as it arrives.
        using var streamed = await api.UploadAsync(People.Anna, "company", company, "big-stream.bin", new StreamContent(new NoLengthStream(tooBig)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);

        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM attachments WHERE record_id = @p0", Guid.Parse(company)));
    }

    [Fact]
    public async Task A_program_renamed_to_pdf_is_refused_naming_the_file()
    {
        var company = await api.CompanyAsync(People.Anna);

        using var response = await api.UploadAsync(People.Anna, "company", company, "счёт.pdf", new ByteArrayContent(TestFiles.WindowsProgram()));

        var fields = await DocumentsApi.BadFieldsAsync(response);
        Assert.Contains("счёт.pdf", fields["file"]);
        Assert.Contains("program", fields["file"]);
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM attachments WHERE record_id = @p0", Guid.Parse(company)));
    }

    [Fact]
    public async Task An_empty_file_is_refused_naming_the_file()
    {
        var company = await api.CompanyAsync(People.Anna);

        using var response = await api.UploadAsync(People.Anna, "company", company, "пусто.txt", new ByteArrayContent([]));

        var fields = await DocumentsApi.BadFieldsAsync(response);
        Assert.Contains("пусто.txt", fields["file"]);
        Assert.Contains("empty", fields["file"]);
    }

    [Fact]
    public async Task An_upload_without_a_record_or_name_is_refused_naming_each_field()
    {
        using var response = await api.UploadAsync(People.Anna, "planet", "not-an-id", "", new ByteArrayContent([1, 2, 3]));

        var fields = await DocumentsApi.BadFieldsAsync(response);
        Assert.Equal(["fileName", "recordId", "recordType"], fields.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_PDF_and_an_image_open_inline_for_preview_and_other_files_still_download()
    {
        var company = await api.CompanyAsync(People.Anna);
        var pdf = await api.UploadedAsync(People.Anna, "company", company, "offer.txt.pdf", TestFiles.Pdf("Commercial offer"));
        var png = await api.UploadedAsync(People.Anna, "company", company, "logo", TestFiles.Png());
        var text = await api.UploadedAsync(People.Anna, "company", company, "notes.pdf", "plain words, not a PDF"u8.ToArray());

        Assert.Equal("application/pdf", pdf.GetProperty("contentType").GetString());
        Assert.Equal("image/png", png.GetProperty("contentType").GetString());
        // The name says PDF, the bytes say text: the bytes win, and text is not previewed.
        Assert.Equal("text/plain", text.GetProperty("contentType").GetString());
        Assert.Equal(string.Empty, text.GetProperty("previewUrl").GetString());

        using var http = api.Http(People.Anna);
        foreach (var (file, type) in new[] { (pdf, "application/pdf"), (png, "image/png") })
        {
            using var preview = await http.GetAsync(file.GetProperty("previewUrl").GetString(), Ct);
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            Assert.Equal("inline", preview.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal(type, preview.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", preview.Headers.GetValues("X-Content-Type-Options").Single());
        }
        using var forced = await http.GetAsync(text.GetProperty("downloadUrl").GetString() + "?inline=true", Ct);
        Assert.Equal("attachment", forced.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Single(await api.AuditAsync("documents.attachment.previewed", pdf.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task A_record_lists_its_files_newest_first_page_by_page()
    {
        var company = await api.CompanyAsync(People.Anna);
        for (var i = 1; i <= 3; i++)
        {
            await api.UploadedAsync(People.Anna, "company", company, $"file-{i}.txt", System.Text.Encoding.UTF8.GetBytes($"file {i}"));
        }
        var attachments = new Attachments.AttachmentsClient(api.Grpc(People.Anna));

        var first = await attachments.ListAttachmentsAsync(new ListAttachmentsRequest { RecordType = "company", RecordId = company, PageSize = 2 }, cancellationToken: Ct);
        var second = await attachments.ListAttachmentsAsync(new ListAttachmentsRequest { RecordType = "company", RecordId = company, PageSize = 2, PageToken = first.NextPageToken }, cancellationToken: Ct);

        Assert.Equal(["file-3.txt", "file-2.txt"], first.Attachments.Select(a => a.FileName));
        Assert.Equal(["file-1.txt"], second.Attachments.Select(a => a.FileName));
        Assert.Equal(string.Empty, second.NextPageToken);
    }

    [Fact]
    public async Task A_manager_cannot_reach_a_file_of_a_company_they_cannot_see()
    {
        var annas = await api.CompanyAsync(People.Anna);
        var file = await api.UploadedAsync(People.Anna, "company", annas, "contract-secret.pdf", TestFiles.Pdf("Confidential discount walrus"));
        var id = file.GetProperty("id").GetString()!;

        using var oleg = api.Http(People.Oleg);
        using var download = await oleg.GetAsync($"/v1/files/{id}", Ct);
        using var details = await oleg.GetAsync($"/v1/attachments/{id}", Ct);
        using var list = await oleg.GetAsync($"/v1/attachments?recordType=company&recordId={annas}", Ct);
        using var upload = await api.UploadAsync(People.Oleg, "company", annas, "mine.txt", new ByteArrayContent("x"u8.ToArray()));
        using var search = await oleg.GetAsync("/v1/attachments:search?query=walrus", Ct);

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Empty((await DocumentsApi.ReadJsonAsync(search)).GetProperty("attachments").EnumerateArray());
        Assert.Empty(await api.AuditAsync("documents.attachment.downloaded", id));
        // The director sees every company, and so the file.
        using var director = api.Http(People.Director);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/v1/files/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_file_hides_it_keeps_its_bytes_and_tells_the_auditors()
    {
        var company = await api.CompanyAsync(People.Anna);
        var file = await api.UploadedAsync(People.Anna, "company", company, "old-price.txt", "old prices"u8.ToArray());
        var id = file.GetProperty("id").GetString()!;

        using var http = api.Http(People.Anna);
        using var deleted = await http.DeleteAsync($"/v1/attachments/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/v1/files/{id}", Ct)).StatusCode);
        var list = await DocumentsApi.ReadJsonAsync(await http.GetAsync($"/v1/attachments?recordType=company&recordId={company}", Ct));
        Assert.Empty(list.GetProperty("attachments").EnumerateArray());
        // Soft: the row and its bytes stay, marked with who deleted it.
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM attachment_chunks WHERE attachment_id = @p0", Guid.Parse(id)));
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM attachments WHERE id = @p0 AND deleted_by_id = @p1", Guid.Parse(id), People.Anna.Id));
        var audited = Assert.Single(await api.AuditAsync("documents.attachment.deleted", id));
        Assert.Equal("old-price.txt", audited.GetProperty("before").GetProperty("fileName").GetString());
        Assert.Equal(People.Anna.Id, audited.GetProperty("actorId").GetString());
        Assert.Contains(await api.OutboxAsync("documents.attachment-deleted"), e => e.GetProperty("attachmentId").GetString() == id);
        // Deleted once: a second delete finds nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync($"/v1/attachments/{id}", Ct)).StatusCode);
    }

    /// <summary>A body of unknown length: the client sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
