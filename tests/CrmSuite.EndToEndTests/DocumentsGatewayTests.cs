using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// Files on a company card through the whole suite (AppHost, identity, gateway, clients, documents),
/// over the gateway's REST routes with a person's token, as an integrator or a tool calls them.
/// </summary>
public sealed class DocumentsGatewayTests(SuiteFixture suite)
{
    private const long LimitBytes = 52428800;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_administrator_uploads_a_12_MB_PDF_to_a_company_through_the_gateway_lists_it_and_downloads_it_byte_for_byte()
    {
        using var admin = suite.WithToken(await AdministratorTokenAsync());
        var company = await CompanyAsync(admin, "Файлы через шлюз");
        var pdf = LargePdf(12 * 1024 * 1024, seed: 12);

        using var upload = await UploadAsync(admin, company, "Договор 2026.pdf", new ByteArrayContent(pdf));

        var body = await upload.Content.ReadAsStringAsync(Ct);
        Assert.True(upload.StatusCode == HttpStatusCode.Created, $"upload answered {(int)upload.StatusCode}: '{body}'");
        var saved = JsonDocument.Parse(body).RootElement;
        var id = saved.GetProperty("id").GetString()!;
        Assert.Equal("application/pdf", saved.GetProperty("contentType").GetString());
        Assert.Equal(pdf.Length.ToString(CultureInfo.InvariantCulture), saved.GetProperty("sizeBytes").GetString());
        Assert.Equal("Administrator", saved.GetProperty("uploadedByName").GetString());

        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/documents/v1/attachments?recordType=company&recordId={company}", Json, Ct);
        var listed = Assert.Single(list.GetProperty("attachments").EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal("Договор 2026.pdf", listed.GetProperty("fileName").GetString());

        using var download = await admin.GetAsync("/api/documents" + saved.GetProperty("downloadUrl").GetString(), HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Договор 2026.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task A_60_MB_upload_through_the_gateway_is_refused_with_413_naming_the_limit()
    {
        using var admin = suite.WithToken(await AdministratorTokenAsync());
        var company = await CompanyAsync(admin, "Слишком большой файл");
        var tooBig = LargePdf(60 * 1024 * 1024, seed: 60);

        // As curl sends a large body: it asks first, so the refusal comes before the upload.
        using var declared = await UploadAsync(admin, company, "скан.pdf", new ByteArrayContent(tooBig), expectContinue: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal("application/problem+json", declared.Content.Headers.ContentType?.MediaType);
        Assert.Contains(LimitBytes.ToString(CultureInfo.InvariantCulture), await declared.Content.ReadAsStringAsync(Ct));

        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/documents/v1/attachments?recordType=company&recordId={company}", Json, Ct);
        Assert.False(list.TryGetProperty("attachments", out var attachments) && attachments.GetArrayLength() > 0, list.ToString());
    }

    [Fact]
    public async Task A_sales_manager_who_cannot_see_the_company_gets_404_for_its_files_through_the_gateway()
    {
        using var admin = suite.WithToken(await AdministratorTokenAsync());
        var company = await CompanyAsync(admin, "Чужая компания");
        using var upload = await UploadAsync(admin, company, "Счёт.pdf", new ByteArrayContent(LargePdf(64 * 1024, seed: 1)));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var saved = await upload.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);

        var suffix = Guid.NewGuid().ToString("N")[..6];
        var password = await suite.CreateUserAsync($"dora.{suffix}", "SalesManager");
        using var dora = suite.WithToken((await suite.Oidc.SignInAsync($"dora.{suffix}", password, "Dora-Secret-2026", Ct)).AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, (await dora.GetAsync("/api/documents" + saved.GetProperty("downloadUrl").GetString(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dora.GetAsync($"/api/documents/v1/attachments?recordType=company&recordId={company}", Ct)).StatusCode);
        using var hers = await UploadAsync(dora, company, "мой.pdf", new ByteArrayContent(LargePdf(1024, seed: 2)));
        Assert.Equal(HttpStatusCode.NotFound, hers.StatusCode);
    }

    /// <summary>
    /// The suite's integration token (clients.read, clients.write; not the administrator) may not
    /// upload: the 403 says which permission is missing and which the token has, instead of an
    /// empty body that reads like the administrator being refused.
    /// </summary>
    [Fact]
    public async Task An_integration_token_without_documents_write_is_told_which_permission_the_upload_needs()
    {
        using var admin = suite.WithToken(await AdministratorTokenAsync());
        var company = await CompanyAsync(admin, "Без права на файлы");

        using var refused = await UploadAsync(suite.Gateway, company, "акт.pdf", new ByteArrayContent(LargePdf(4096, seed: 3)));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);
        Assert.Equal(["documents.write"], problem.GetProperty("missingPermissions").EnumerateArray().Select(p => p.GetString()));
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("documents.write", detail);
        Assert.Contains("clients.read, clients.write", detail);
        // The same answer on the transcoded REST surface.
        using var list = await suite.Gateway.GetAsync($"/api/documents/v1/attachments?recordType=company&recordId={company}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Contains("documents.read", await list.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>A fresh token of the suite's administrator (the fixture's may be older than its 15 minutes).</summary>
    private async Task<string> AdministratorTokenAsync() =>
        (await suite.Oidc.SignInAsync("admin", SuiteFixture.AdminNewPassword, cancellationToken: Ct)).AccessToken;

    private static async Task<string> CompanyAsync(HttpClient http, string name)
    {
        using var created = await http.PostAsJsonAsync("/api/clients/v1/companies", new { name = $"{name} {Guid.NewGuid():N}"[..40] }, Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Json, Ct)).GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient http, string company, string fileName, HttpContent content, bool expectContinue = false)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var request = new HttpRequestMessage(HttpMethod.Post,
            $"/api/documents/v1/files?record_type=company&record_id={company}&file_name={Uri.EscapeDataString(fileName)}") { Content = content };
        request.Headers.ExpectContinue = expectContinue;
        return http.SendAsync(request, Ct);
    }

    /// <summary>
    /// A valid one-page PDF of about <paramref name="size"/> bytes: a page saying hello and an
    /// embedded binary stream of random bytes, with a correct cross-reference table.
    /// </summary>
    private static byte[] LargePdf(int size, int seed)
    {
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        Write("%PDF-1.7\n%\u00e2\u00e3\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /PieceInfo << /Data << /Private 6 0 R >> >> >>");
        const string text = "BT /F1 12 Tf 50 750 Td (Contract through the gateway) Tj ET";
        Object($"<< /Length {text.Length} >>\nstream\n{text}\nendstream");
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        var payload = new byte[Math.Max(0, size - 1024)];
        new Random(seed).NextBytes(payload);
        offsets.Add(pdf.Position);
        Write($"{offsets.Count} 0 obj\n<< /Length {payload.Length} >>\nstream\n");
        pdf.Write(payload);
        Write("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset.ToString("D10", CultureInfo.InvariantCulture)} 00000 n \n");
        }
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }
}
