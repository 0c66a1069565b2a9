using System.Net;
using System.Net.Http.Json;
using CrmSuite.Documents.Api.Templates;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>Templates as data through the REST API: the built-in six, a template checked when saved, changed only with documents.configure.</summary>
public sealed class TemplateTests(DocumentsApi api) : IClassFixture<DocumentsApi>
{
    private static CancellationToken Ct => DocumentsApi.Ct;

    private static object Html(string body, string name = "Мой счёт", string documentType = "invoice", string language = "ru", string? version = null) =>
        new { name, documentType, language, kind = "html", body, version };

    [Fact]
    public async Task The_six_built_in_templates_are_seeded_and_each_previews_as_a_PDF_of_a_sample_document()
    {
        using var manager = api.Http(People.Anna);

        var listed = await DocumentsApi.ReadJsonAsync(await manager.GetAsync("/v1/templates", Ct));

        var builtIn = listed.GetProperty("templates").EnumerateArray().Where(t => t.GetProperty("builtIn").GetBoolean()).ToList();
        Assert.Equal(["act", "contract", "invoice", "invoice_en", "offer", "quote_en"],
            builtIn.Select(t => t.GetProperty("documentType").GetString()).Order(StringComparer.Ordinal));
        var expected = new Dictionary<string, string>
        {
            ["invoice"] = "Всего к оплате:34 160,00", ["contract"] = "Договор поставки", ["act"] = "Вышеперечисленные работы",
            ["offer"] = "Коммерческое предложение", ["invoice_en"] = "Total due34,160.00 RUB", ["quote_en"] = "Total: 34,160.00 RUB",
        };
        foreach (var template in builtIn)
        {
            using var preview = await manager.PostAsJsonAsync("/v1/templates:preview", new { templateId = template.GetProperty("id").GetString() }, Ct);
            Assert.True(preview.StatusCode == HttpStatusCode.OK, $"{template}: {await preview.Content.ReadAsStringAsync(Ct)}");
            var answer = await DocumentsApi.ReadJsonAsync(preview);
            Assert.Equal("application/pdf", answer.GetProperty("contentType").GetString());
            var text = RenderingTests.Text(Convert.FromBase64String(answer.GetProperty("content").GetString()!));
            Assert.Contains(RenderingTests.Squash(expected[template.GetProperty("documentType").GetString()!]), text);
        }
    }

    [Fact]
    public async Task A_saved_templates_preview_is_also_a_plain_PDF_for_the_editors_frame()
    {
        using var manager = api.Http(People.Anna);

        using var response = await manager.GetAsync($"/v1/templates/{BuiltInTemplates.InvoiceRu}/preview", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(RenderingTests.Squash("Счёт на оплату № СЧ-2026-000123"), RenderingTests.Text(await response.Content.ReadAsByteArrayAsync(Ct)));
    }

    [Fact]
    public async Task A_template_with_an_unknown_variable_is_refused_naming_its_line_and_nothing_is_stored()
    {
        using var admin = api.Http(People.Administrator);
        var before = await api.ScalarAsync("SELECT count(*) FROM templates");

        using var response = await admin.PostAsJsonAsync("/v1/templates", Html("<h1>Счёт {{ number }}</h1>\n<p>{{ seller.name }}</p>\n<p>{{ buyer.nam }}</p>\n"), Ct);

        var fields = await DocumentsApi.BadFieldsAsync(response);
        Assert.Equal(["template"], fields.Keys);
        Assert.StartsWith("Line 3:", fields["template"]);
        Assert.Contains("nam", fields["template"]);
        Assert.Equal(before, await api.ScalarAsync("SELECT count(*) FROM templates"));

        // A loop variable's unknown member, and an unknown filter, are found the same way.
        using var loop = await admin.PostAsJsonAsync("/v1/templates", Html("<table>\n{% for line in lines %}\n<tr><td>{{ line.titel }}</td></tr>\n{% endfor %}\n</table>\n<p>{{ totals.total | rubles }}</p>"), Ct);
        Assert.StartsWith("Line 3:", (await DocumentsApi.BadFieldsAsync(loop))["template"]);
        using var filter = await admin.PostAsJsonAsync("/v1/templates", Html("<p>{{ totals.total | money }}</p>\n<p>{{ totals.total | rubles }}</p>"), Ct);
        Assert.StartsWith("Line 2:", (await DocumentsApi.BadFieldsAsync(filter))["template"]);
    }

    [Fact]
    public async Task A_template_with_bad_syntax_is_refused_naming_its_line()
    {
        using var admin = api.Http(People.Administrator);

        using var response = await admin.PostAsJsonAsync("/v1/templates", Html("<h1>Счёт</h1>\n<p>{{ seller.name }}</p>\n\n<p>{{ buyer.name }</p>\n"), Ct);

        var fields = await DocumentsApi.BadFieldsAsync(response);
        Assert.StartsWith("Line 4:", fields["template"]);

        using var unclosed = await admin.PostAsJsonAsync("/v1/templates", Html("<p>1</p>\n{% iff buyer.inn %}\n<p>{{ buyer.inn }}</p>"), Ct);
        Assert.StartsWith("Line 2:", (await DocumentsApi.BadFieldsAsync(unclosed))["template"]);
    }

    [Fact]
    public async Task A_template_is_created_changed_with_its_version_archived_and_restored_and_each_change_is_audited()
    {
        using var admin = api.Http(People.Administrator);

        using var created = await admin.PostAsJsonAsync("/v1/templates", Html("<h1>Счёт № {{ number }} для {{ buyer.name }}: {{ totals.total | money }}</h1>", name: "Короткий счёт"), Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var template = await DocumentsApi.ReadJsonAsync(created);
        var id = template.GetProperty("id").GetString()!;
        Assert.Equal("1", template.GetProperty("version").GetString());

        using var updated = await admin.PutAsJsonAsync($"/v1/templates/{id}", Html("<h1>Счёт № {{ number }}</h1><p>{{ buyer.name }}</p>", name: "Короткий счёт", version: "1"), Ct);
        Assert.Equal("2", (await DocumentsApi.ReadJsonAsync(updated)).GetProperty("version").GetString());
        using var stale = await admin.PutAsJsonAsync($"/v1/templates/{id}", Html("<h1>{{ number }}</h1>", name: "Короткий счёт", version: "1"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        using var archived = await admin.PostAsJsonAsync($"/v1/templates/{id}:archive", new { version = "2" }, Ct);
        Assert.True((await DocumentsApi.ReadJsonAsync(archived)).GetProperty("archived").GetBoolean());
        var active = await DocumentsApi.ReadJsonAsync(await admin.GetAsync("/v1/templates?documentType=invoice", Ct));
        Assert.DoesNotContain(active.GetProperty("templates").EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        using var restored = await admin.PostAsJsonAsync($"/v1/templates/{id}:restore", new { }, Ct);
        Assert.False((await DocumentsApi.ReadJsonAsync(restored)).GetProperty("archived").GetBoolean());

        var read = await DocumentsApi.ReadJsonAsync(await admin.GetAsync($"/v1/templates/{id}", Ct));
        Assert.Equal("<h1>Счёт № {{ number }}</h1><p>{{ buyer.name }}</p>", read.GetProperty("body").GetString());
        Assert.Single(await api.AuditAsync("documents.template.created", id));
        Assert.Single(await api.AuditAsync("documents.template.updated", id));
        Assert.Single(await api.AuditAsync("documents.template.archived", id));
        Assert.Single(await api.AuditAsync("documents.template.restored", id));
    }

    [Fact]
    public async Task Only_documents_configure_changes_templates_and_a_refused_change_stores_nothing()
    {
        using var manager = api.Http(People.Anna);
        var before = await api.ScalarAsync("SELECT count(*) FROM templates");
        var version = await api.ScalarAsync("SELECT version FROM templates WHERE id = @p0", BuiltInTemplates.InvoiceRu);

        using var create = await manager.PostAsJsonAsync("/v1/templates", Html("<p>{{ number }}</p>"), Ct);
        using var update = await manager.PutAsJsonAsync($"/v1/templates/{BuiltInTemplates.InvoiceRu}", Html("<p>{{ number }}</p>", name: "Счёт"), Ct);
        using var archive = await manager.PostAsJsonAsync($"/v1/templates/{BuiltInTemplates.InvoiceRu}:archive", new { }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, archive.StatusCode);
        Assert.Equal(before, await api.ScalarAsync("SELECT count(*) FROM templates"));
        Assert.Equal(version, await api.ScalarAsync("SELECT version FROM templates WHERE id = @p0", BuiltInTemplates.InvoiceRu));
        // Reading and previewing are for everyone who works with documents.
        using var read = await manager.GetAsync($"/v1/templates/{BuiltInTemplates.InvoiceRu}", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
