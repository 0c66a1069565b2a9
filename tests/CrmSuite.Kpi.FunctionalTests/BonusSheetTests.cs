using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Kpi.Contracts;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Grpc.Core;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;
using static CrmSuite.Kpi.FunctionalTests.ResultsSetup;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>An accountant (kpi.bonus) downloads a closed period's bonus sheet as XLSX, one row per person; the export is audited; others are refused.</summary>
public sealed class BonusSheetTests(KpiApi api) : IClassFixture<KpiApi>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task An_accountant_exports_the_closed_periods_bonus_sheet_with_one_row_per_person_and_it_is_audited()
    {
        var (team, anna, boris) = (NewId("team"), NewId("anna"), NewId("boris"));
        await api.PersonAsync(anna, "Анна Смирнова", ["SalesManager"], team, "Северный отдел");
        await api.PersonAsync(boris, "Борис Петров", ["SalesManager"], team, "Северный отдел");
        await api.SaveSchemeAsync(Draft(team));
        var day = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
        await api.WonAsync(anna, team, 1_200_000m, day);
        await api.CallsAsync(anna, 5, day);
        await api.CallsAsync(boris, 12, day);
        var closed = await api.Results(KpiUsers.Director).ClosePeriodAsync(new ClosePeriodRequest { Period = "2026-03" }, cancellationToken: Ct);

        using var http = api.As(Accountant).Http;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/kpi/periods/2026-03/bonus-sheet");
        request.Headers.AcceptLanguage.ParseAdd("ru-RU");
        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        var rows = Rows(await response.Content.ReadAsByteArrayAsync(Ct), out var sheetName);
        Assert.Equal("Премии 2026-03", sheetName);
        Assert.Equal("Сотрудник", rows[0][0]);
        var people = closed.Versions[0].Results.Select(r => r.PersonName).Order(StringComparer.CurrentCulture).ToList();
        Assert.Equal(people.Count + 2, rows.Count);                         // header, one row per person, total
        Assert.Equal(people, rows.Skip(1).Take(people.Count).Select(r => r[0]));
        var bonus = rows[0].IndexOf("Премия");
        Assert.Equal(4_600m, decimal.Parse(rows.Single(r => r[0] == "Анна Смирнова")[bonus], NumberStyles.Float, CultureInfo.InvariantCulture));
        Assert.Equal(2_400m, decimal.Parse(rows.Single(r => r[0] == "Борис Петров")[bonus], NumberStyles.Float, CultureInfo.InvariantCulture));
        Assert.Equal("Итого", rows[^1][0]);

        var audit = Assert.Single(await api.AuditAsync("kpi.bonus-sheet.exported"));
        Assert.Equal((Accountant.Id, "2026-03", 1), (audit.GetProperty("actorId").GetString(), audit.GetProperty("entityId").GetString(),
            audit.GetProperty("details").GetProperty("version").GetInt32()));

        // The same over gRPC, a named version.
        var body = await api.Results(Accountant).ExportBonusSheetAsync(new ExportBonusSheetRequest { Period = "2026-03", Version = 1 }, cancellationToken: Ct);
        Assert.Equal(XlsxType, body.ContentType);
        Assert.Equal(people.Count + 2, Rows(body.Data.ToByteArray(), out _).Count);
    }

    [Fact]
    public async Task Without_kpi_bonus_the_sheet_is_refused_and_nothing_is_exported()
    {
        await api.Results(KpiUsers.Director).ClosePeriodAsync(new ClosePeriodRequest { Period = "2025-06" }, cancellationToken: Ct);
        var exported = await api.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE payload->>'action' = 'kpi.bonus-sheet.exported'");

        foreach (var user in new[] { KpiUsers.Director, KpiUsers.Anna })
        {
            using var response = await api.As(user).Http.GetAsync("/v1/kpi/periods/2025-06/bonus-sheet", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var refused = await RefusedAsync(() => api.Results(user).ExportBonusSheetAsync(new ExportBonusSheetRequest { Period = "2025-06" }, cancellationToken: Ct).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        }
        Assert.Equal(exported, await api.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE payload->>'action' = 'kpi.bonus-sheet.exported'"));
    }

    [Theory]
    [InlineData("/v1/kpi/periods/2100-02/bonus-sheet", "period")]
    [InlineData("/v1/kpi/periods/2025-07/bonus-sheet?version=2", "version")]
    [InlineData("/v1/kpi/periods/2025-07/bonus-sheet?version=-1", "version")]
    public async Task An_open_period_or_a_version_that_does_not_exist_is_a_400(string url, string field)
    {
        if (await api.ScalarAsync("SELECT count(*) FROM kpi_periods WHERE period = '2025-07'") == 0)
        {
            await api.Results(KpiUsers.Director).ClosePeriodAsync(new ClosePeriodRequest { Period = "2025-07" }, cancellationToken: Ct);
        }

        using var response = await api.As(Accountant).Http.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);
        Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    /// <summary>The first sheet's cells as text (numbers invariant), row by row; an empty cell is "".</summary>
    private static List<List<string>> Rows(byte[] xlsx, out string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var entry = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        sheetName = entry.Name!.Value!;
        var sheet = ((WorksheetPart)workbook.GetPartById(entry.Id!.Value!)).Worksheet;
        return [.. sheet.Descendants<Row>().Select(row => row.Elements<Cell>()
            .Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? string.Empty).ToList())];
    }
}
