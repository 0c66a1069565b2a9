using System.Net;
using System.Net.Http.Json;
using CrmSuite.Documents.Contracts;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>Our organisations' requisites: checked like a bank and the tax office check them, changed only with documents.configure.</summary>
public sealed class OrganisationTests(DocumentsApi api) : IClassFixture<DocumentsApi>
{
    private static CancellationToken Ct => DocumentsApi.Ct;

    /// <summary>Real requisites (Sberbank's, public): every check digit right.</summary>
    private static object Valid(string name = "ООО «Ромашка»", string inn = "7707083893", string kpp = "773601001", string ogrn = "1027700132195",
        string bik = "044525225", string correspondent = "30101810400000000225", string settlement = "40702810138250123017") => new
    {
        name, inn, kpp, ogrn, address = "117312, г. Москва, ул. Вавилова, д. 19", bankName = "ПАО Сбербанк", bik,
        correspondentAccount = correspondent, settlementAccount = settlement, directorName = "Иванов И. И.", accountantName = "Петрова А. А.",
    };

    [Fact]
    public async Task Several_organisations_are_kept_with_their_requisites_and_each_change_is_audited()
    {
        using var admin = api.Http(People.Administrator);

        using var first = await admin.PostAsJsonAsync("/v1/organisations", Valid(), Ct);
        using var second = await admin.PostAsJsonAsync("/v1/organisations", Valid(name: "ИП Сидоров", inn: "500100732259", kpp: "", ogrn: "304500116000157"), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var created = await DocumentsApi.ReadJsonAsync(first);
        Assert.Equal("30101810400000000225", created.GetProperty("correspondentAccount").GetString());
        var organisations = new Organisations.OrganisationsClient(api.Grpc(People.Anna));
        var listed = await organisations.ListOrganisationsAsync(new ListOrganisationsRequest(), cancellationToken: Ct);
        // Other tests of the class keep their own organisations in the same database: look at these two.
        var ids = new[] { created.GetProperty("id").GetString(), (await DocumentsApi.ReadJsonAsync(second)).GetProperty("id").GetString() };
        Assert.Equal(["ИП Сидоров", "ООО «Ромашка»"], listed.Organisations.Where(o => ids.Contains(o.Id)).Select(o => o.Name));
        Assert.Single(await api.AuditAsync("documents.organisation.created", created.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Requisites_with_wrong_check_digits_are_refused_naming_each_field_and_nothing_is_stored()
    {
        using var admin = api.Http(People.Administrator);
        var before = await api.ScalarAsync("SELECT count(*) FROM organisations");

        using var response = await admin.PostAsJsonAsync("/v1/organisations", Valid(
            inn: "7707083894", kpp: "77360100", ogrn: "1027700132196", bik: "04452522",
            correspondent: "30101810400000000226", settlement: "40702810138250123018"), Ct);

        var fields = await DocumentsApi.BadFieldsAsync(response);
        Assert.Equal(["bik", "inn", "kpp", "ogrn"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("check digits", fields["inn"]);
        Assert.Equal(before, await api.ScalarAsync("SELECT count(*) FROM organisations"));

        // With the BIK right, the accounts are checked against it.
        using var accounts = await admin.PostAsJsonAsync("/v1/organisations", Valid(correspondent: "30101810400000000226", settlement: "40702810138250123018"), Ct);
        var accountFields = await DocumentsApi.BadFieldsAsync(accounts);
        Assert.Equal(["correspondentAccount", "settlementAccount"], accountFields.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("does not match the BIK", accountFields["settlementAccount"]);
    }

    [Fact]
    public async Task An_individual_entrepreneur_has_no_KPP_and_an_OGRNIP()
    {
        using var admin = api.Http(People.Administrator);

        using var response = await admin.PostAsJsonAsync("/v1/organisations", Valid(name: "ИП Сидоров", inn: "500100732259", kpp: "773601001", ogrn: "1027700132195"), Ct);

        var fields = await DocumentsApi.BadFieldsAsync(response);
        Assert.Equal(["kpp", "ogrn"], fields.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Only_documents_configure_changes_requisites()
    {
        using var manager = api.Http(People.Anna);

        using var response = await manager.PostAsJsonAsync("/v1/organisations", Valid(), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Signature_stamp_and_logo_are_images_attached_to_the_organisation()
    {
        using var admin = api.Http(People.Administrator);
        var created = await DocumentsApi.ReadJsonAsync(await admin.PostAsJsonAsync("/v1/organisations", Valid(), Ct));
        var id = created.GetProperty("id").GetString()!;
        var stamp = await api.UploadedAsync(People.Administrator, "organisation", id, "stamp.png", TestFiles.Png());
        var scan = await api.UploadedAsync(People.Administrator, "organisation", id, "charter.pdf", TestFiles.Pdf("Charter"));
        var elsewhere = await api.UploadedAsync(People.Administrator, "company", await api.CompanyAsync(People.Director), "logo.png", TestFiles.Png());

        using var refused = await admin.PutAsJsonAsync($"/v1/organisations/{id}", new
        {
            id, name = "ООО «Ромашка»", inn = "7707083893", kpp = "773601001",
            stampAttachmentId = scan.GetProperty("id").GetString(), logoAttachmentId = elsewhere.GetProperty("id").GetString(), signatureAttachmentId = "nope",
        }, Ct);
        var fields = await DocumentsApi.BadFieldsAsync(refused);
        Assert.Equal(["logoAttachmentId", "signatureAttachmentId", "stampAttachmentId"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("image", fields["stampAttachmentId"]);

        using var saved = await admin.PutAsJsonAsync($"/v1/organisations/{id}", new
        {
            id, name = "ООО «Ромашка»", inn = "7707083893", kpp = "773601001", stampAttachmentId = stamp.GetProperty("id").GetString(),
            version = created.GetProperty("version").GetString(),
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(stamp.GetProperty("id").GetString(), (await DocumentsApi.ReadJsonAsync(saved)).GetProperty("stampAttachmentId").GetString());
        Assert.Single(await api.AuditAsync("documents.organisation.updated", id));
    }
}
