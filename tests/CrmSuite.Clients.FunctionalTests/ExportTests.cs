using System.Net;
using System.Text;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Export of the filtered company list: content, formula neutralisation, permission, visibility, audit and throttle.</summary>
public sealed class ExportTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private const string Formula = "=cmd|' /C calc'!A0";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Each test exports as its own person, so the per-person throttle of one test does not touch another.</summary>
    private static TestUser Exporter(string id, string visibility = ClientVisibility.All) =>
        new(id, "Экспорт " + id, visibility, [Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.ClientsExport], [], []);

    private HttpClient HttpAs(TestUser user) => api.As(user).Http;

    [Fact]
    public async Task A_csv_export_has_the_searched_rows_and_a_formula_is_neutralised()
    {
        await api.CreateCompanyAsync(Formula + " Exportcsv", email: "csv@export.ru");
        await api.CreateCompanyAsync("Exportcsv; Second", inn: "7707083893");
        await api.CreateCompanyAsync("Not In This Export");
        using var response = await HttpAs(Exporter("csv-exporter")).GetAsync("/v1/companies:export?query=exportcsv&format=EXPORT_FORMAT_CSV", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct));
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Name;INN;Email;Phone;Created (UTC);Archived", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("'" + Formula + " Exportcsv;;csv@export.ru;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("\"Exportcsv; Second\";7707083893;", StringComparison.Ordinal));
        Assert.DoesNotContain("Not In This Export", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_xlsx_export_writes_a_formula_as_plain_text()
    {
        await api.CreateCompanyAsync(Formula);
        await api.CreateCompanyAsync("+79991234567 Plus Exportxlsx");
        using var response = await HttpAs(Exporter("xlsx-exporter")).GetAsync("/v1/companies:export?format=EXPORT_FORMAT_XLSX&sort=COMPANY_SORT_NAME", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var cells = sheet.Descendants<Cell>().ToList();
        Assert.Empty(sheet.Descendants<CellFormula>());
        Assert.All(cells, c => Assert.Equal(CellValues.InlineString, c.DataType!.Value));
        Assert.Contains(cells, c => c.InnerText == Formula);
        Assert.Contains(cells, c => c.InnerText == "+79991234567 Plus Exportxlsx");
        Assert.Equal(["Name", "INN", "Email", "Phone", "Created (UTC)", "Archived"], sheet.Descendants<Row>().First().Elements<Cell>().Select(c => c.InnerText));
    }

    private static readonly string[] Runnable = ["=HYPERLINK(\"http://evil.example\",\"Open\")", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"];

    /// <summary>Companies under one tag: three named with text a spreadsheet would run, one named "-42" with a Russian phone.</summary>
    private async Task<string> SeedFormulasAndPhoneAsync(string tag)
    {
        foreach (var name in Runnable)
        {
            await api.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = name, Details = new CompanyDetails { Tags = { tag } } }, cancellationToken: Ct);
        }
        await api.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "-42", Phone = "+7 495 123-45-67", Details = new CompanyDetails { Tags = { tag } } }, cancellationToken: Ct);
        return $"/v1/companies:export?tag={tag}&sort=COMPANY_SORT_NAME";
    }

    [Fact]
    public async Task A_csv_export_keeps_phone_numbers_and_negative_numbers_as_data_and_neutralises_formulas()
    {
        var url = await SeedFormulasAndPhoneAsync("csvphones");

        using var response = await HttpAs(Exporter("csv-phones")).GetAsync(url + "&format=EXPORT_FORMAT_CSV", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')).ToList();
        var phoneRow = Assert.Single(lines, cells => cells[3].Length > 0);
        Assert.Equal(("-42", "+74951234567"), (phoneRow[0], phoneRow[3]));
        var names = lines.Where(cells => cells != phoneRow).Select(cells => cells[0].Trim('"').Replace("\"\"", "\"", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(Runnable.Select(n => "'" + n).Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task An_xlsx_export_writes_formulas_and_phone_numbers_as_text_cells_without_apostrophes()
    {
        var url = await SeedFormulasAndPhoneAsync("xlsxphones");

        using var response = await HttpAs(Exporter("xlsx-phones")).GetAsync(url + "&format=EXPORT_FORMAT_XLSX", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Empty(sheet.Descendants<CellFormula>());
        Assert.All(sheet.Descendants<Cell>(), c => Assert.Equal(CellValues.InlineString, c.DataType!.Value));
        var rows = sheet.Descendants<Row>().Skip(1).Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Contains(rows, cells => cells[0] == "-42" && cells[3] == "+74951234567");
        Assert.Equal(Runnable.Order(StringComparer.Ordinal), rows.Where(cells => cells[0] != "-42").Select(cells => cells[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_the_export_permission_the_export_is_forbidden()
    {
        using var response = await HttpAs(TestUser.ManagerAnna).GetAsync("/v1/companies:export", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_export_holds_only_the_companies_the_person_sees_and_is_audited_with_the_filter_and_count()
    {
        var own = Exporter("own-exporter", ClientVisibility.Own);
        var (ownHttp, ownGrpc) = api.As(own);
        await ownGrpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Visible Auditexport One" }, cancellationToken: Ct);
        await ownGrpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Visible Auditexport Two" }, cancellationToken: Ct);
        await api.CreateCompanyAsync("Hidden Auditexport");

        using var response = await ownHttp.GetAsync("/v1/companies:export?query=auditexport", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Visible Auditexport One", text, StringComparison.Ordinal);
        Assert.Contains("Visible Auditexport Two", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden", text, StringComparison.Ordinal);

        var audit = Assert.Single(await ExportAuditsAsync(own.Id));
        var details = audit.GetProperty("details");
        Assert.Equal(2, details.GetProperty("rowCount").GetInt32());
        Assert.Equal("csv", details.GetProperty("format").GetString());
        Assert.Equal("auditexport", details.GetProperty("filter").GetProperty("query").GetString());
        Assert.False(details.GetProperty("filter").GetProperty("includeArchived").GetBoolean());
    }

    [Fact]
    public async Task An_export_of_a_list_filtered_by_tag_or_custom_field_holds_only_those_companies_and_names_the_filter_in_the_audit()
    {
        var configurer = new TestUser("export-configurer", "Настройщик", ClientVisibility.All,
            [Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.ClientsConfigure], [], []);
        var fields = api.CustomFieldsAs(configurer);
        var section = await fields.CreateCustomSectionAsync(new CreateCustomSectionRequest { NameRu = "Экспорт", NameEn = "Export" }, cancellationToken: Ct);
        var tier = await fields.CreateCustomFieldAsync(new CreateCustomFieldRequest
        {
            SectionId = section.Id, NameRu = "Уровень", NameEn = "Tier", Type = CustomFieldType.Choice, Filterable = true, Options = { "Gold", "Silver" },
        }, cancellationToken: Ct);
        var gold = await api.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Filtered Export Gold", Details = new CompanyDetails { Tags = { "exportvip" } } }, cancellationToken: Ct);
        var silver = await api.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Filtered Export Silver" }, cancellationToken: Ct);
        foreach (var (company, value) in new[] { (gold, "Gold"), (silver, "Silver") })
        {
            await fields.SetCompanyCustomValuesAsync(new SetCompanyCustomValuesRequest { CompanyId = company.Id, SectionId = section.Id, Values = { [tier.Id] = value } }, cancellationToken: Ct);
        }
        var exporter = Exporter("filtered-exporter");

        using var byTag = await HttpAs(exporter).GetAsync("/v1/companies:export?tag=ExportVIP", Ct);
        using var byTier = await HttpAs(exporter).GetAsync($"/v1/companies:export?customFieldId={tier.Id}&customFieldValue=Silver", Ct);

        var tagged = await byTag.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Filtered Export Gold", tagged, StringComparison.Ordinal);
        Assert.DoesNotContain("Filtered Export Silver", tagged, StringComparison.Ordinal);
        var tiered = await byTier.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Filtered Export Silver", tiered, StringComparison.Ordinal);
        Assert.DoesNotContain("Filtered Export Gold", tiered, StringComparison.Ordinal);
        var audits = await ExportAuditsAsync(exporter.Id);
        Assert.Equal(2, audits.Count);
        Assert.Contains(audits, a => a.GetProperty("details").GetProperty("filter").GetProperty("tag").GetString() == "ExportVIP"
            && a.GetProperty("details").GetProperty("rowCount").GetInt32() == 1);
        Assert.Contains(audits, a => a.GetProperty("details").GetProperty("filter").GetProperty("customFieldId").GetString() == tier.Id
            && a.GetProperty("details").GetProperty("filter").GetProperty("customFieldValue").GetString() == "Silver"
            && a.GetProperty("details").GetProperty("rowCount").GetInt32() == 1);
    }

    [Fact]
    public async Task The_sixth_export_within_ten_minutes_is_refused_with_429()
    {
        var http = HttpAs(Exporter("busy-exporter"));
        for (var i = 0; i < 5; i++)
        {
            using var ok = await http.GetAsync("/v1/companies:export", Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await http.GetAsync("/v1/companies:export", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.StartsWith("application/problem+json", refused.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var problem = await api.ReadJsonAsync(refused);
        Assert.Contains("At most 5 exports", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, (await ExportAuditsAsync("busy-exporter")).Count);
        var throttled = Assert.Single(await OutboxEvents.ReadAsync(api.ConnectionString, "audit",
            "payload->>'action' = 'clients.export.throttled' AND payload->>'actorId' = $2", "busy-exporter"));
        Assert.Equal("refused", throttled.GetProperty("outcome").GetString());
        Assert.Equal("Экспорт busy-exporter", throttled.GetProperty("actorName").GetString());
        Assert.Equal("limit", throttled.GetProperty("details").GetProperty("reason").GetString());
        Assert.True(throttled.GetProperty("details").GetProperty("retryAfterSeconds").GetInt32() > 0);

        // Somebody else may still export.
        using var other = await HttpAs(Exporter("calm-exporter")).GetAsync("/v1/companies:export", Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task The_limit_holds_across_replicas_of_the_service_and_concurrent_requests()
    {
        await using var replica = api.StartReplica();
        var person = Exporter("two-pod-exporter");
        HttpClient[] pods = [HttpAs(person), ClientsApi.HttpAs(replica, person)];

        // Eight exports at once, spread over both pods: five are served, three refused.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await pods[i % 2].GetAsync("/v1/companies:export", Ct);
            return response.StatusCode;
        }));

        Assert.Equal(5, answers.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, answers.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(5, (await ExportAuditsAsync("two-pod-exporter")).Count);
        Assert.Equal(3, (await OutboxEvents.ReadAsync(api.ConnectionString, "audit",
            "payload->>'action' = 'clients.export.throttled' AND payload->>'actorId' = $2", "two-pod-exporter")).Count);
        foreach (var pod in pods)
        {
            using var refused = await pod.GetAsync("/v1/companies:export", Ct);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }
    }

    [Fact]
    public async Task An_export_refused_for_too_many_rows_does_not_use_up_the_limit()
    {
        await using var small = new SmallExportsApi();
        await small.InitializeAsync();
        foreach (var name in new[] { "Toomany Alpha", "Toomany Beta", "Toomany Gamma" })
        {
            await small.CreateCompanyAsync(name);
        }
        var http = small.As(Exporter("narrowing-exporter")).Http;
        for (var i = 0; i < 6; i++)
        {
            using var tooBig = await http.GetAsync("/v1/companies:export", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
            Assert.Contains("narrow it", (await small.ReadJsonAsync(tooBig)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        using var narrowed = await http.GetAsync("/v1/companies:export?query=Toomany%20Beta", Ct);
        Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
    }

    /// <summary>The service with exports capped at two rows.</summary>
    private sealed class SmallExportsApi : ClientsApi
    {
        protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder host) =>
            host.UseSetting("Clients:Exports:MaxRows", "2");
    }

    private Task<List<JsonElement>> ExportAuditsAsync(string actorId) =>
        OutboxEvents.ReadAsync(api.ConnectionString, "audit", "payload->>'action' = 'clients.export' AND payload->>'actorId' = $2", actorId);
}
