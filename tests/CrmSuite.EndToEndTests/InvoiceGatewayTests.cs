using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// README's "Make an invoice", over the gateway's REST routes through the whole suite: a deal
/// becomes an invoice, is issued with the next number, its PDF downloads, and it is marked paid.
/// </summary>
public sealed class InvoiceGatewayTests(SuiteFixture suite)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path} answered {(int)response.StatusCode}: '{text}'");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_deal_becomes_an_issued_invoice_whose_PDF_downloads_and_it_is_marked_paid()
    {
        using var admin = suite.WithToken((await suite.Oidc.SignInAsync("admin", SuiteFixture.AdminNewPassword, cancellationToken: Ct)).AccessToken);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var organisation = await SendAsync(admin, HttpMethod.Post, "/api/documents/v1/organisations", new
        {
            name = $"ООО «Продавец {suffix}»", inn = "7707083893", kpp = "773601001", ogrn = "1027700132195",
            address = "117312, г. Москва, ул. Вавилова, д. 19", bankName = "ПАО Сбербанк", bik = "044525225",
            correspondentAccount = "30101810400000000225", settlementAccount = "40702810138250123017", directorName = "Иванов И. И.",
        });
        var company = await SendAsync(admin, HttpMethod.Post, "/api/clients/v1/companies", new { name = $"ООО «Покупатель {suffix}»", inn = "7736207543" });
        var deal = await SendAsync(admin, HttpMethod.Post, "/api/clients/v1/deals",
            new { title = "10 чайников", companyId = company.GetProperty("id").GetString(), amount = "15000.00", currency = "RUB" });

        var draft = await SendAsync(admin, HttpMethod.Post, $"/api/documents/v1/deals/{deal.GetProperty("id").GetString()}/documents",
            new { organisationId = organisation.GetProperty("id").GetString(), type = "invoice" });
        var id = draft.GetProperty("id").GetString();
        var issued = await SendAsync(admin, HttpMethod.Post, $"/api/documents/v1/documents/{id}:issue", new { });
        var read = await SendAsync(admin, HttpMethod.Get, $"/api/documents/v1/documents/{id}");
        using var pdf = await admin.GetAsync($"/api/documents/v1/files/{read.GetProperty("fileAttachmentId").GetString()}", Ct);
        var bytes = await pdf.Content.ReadAsByteArrayAsync(Ct);
        var paid = await SendAsync(admin, HttpMethod.Post, $"/api/documents/v1/documents/{id}:mark-paid", new { });

        Assert.Equal($"СЧ-{DateTime.UtcNow.Year}-000001", issued.GetProperty("number").GetString());
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)), read.GetProperty("fileSha256").GetString(), ignoreCase: true);
        Assert.Equal("paid", paid.GetProperty("state").GetString());
    }
}
