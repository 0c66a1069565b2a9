using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmSuite.Audit.Contracts;
using CrmSuite.Testing;

namespace CrmSuite.Audit.FunctionalTests;

/// <summary>CSV exports open safely in a spreadsheet and are themselves recorded in the log.</summary>
public sealed class ExportTests(AuditApi api) : IClassFixture<AuditApi>, IAsyncLifetime
{
    private const string Formula = "=cmd|' /C calc'!A0";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (await api.ScalarAsync<long>("SELECT count(*) FROM audit_entries") > 0)
        {
            return;
        }
        // Text users control (a company name, their display name, their browser) ends up in the log.
        await api.DeliverAsync(new AuditData(ActorId: "manager-mallory", ActorName: "+SUM(A1:A9)", Action: "clients.company.created",
            EntityId: Formula, UserAgent: "@evil", After: new { name = Formula }), "export-1", Ct);
        await api.DeliverAsync(new AuditData(ActorId: "manager-mallory", ActorName: "-2+3", Action: "clients.company.updated",
            EntityId: "plain, with \"quotes\"", UserAgent: "\tTabbed"), "export-2", Ct);
        await api.DeliverAsync(new AuditData(ActorId: "manager-anna", EntityId: "someone-else"), "export-3", Ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Cells_a_spreadsheet_would_run_as_formulas_get_a_leading_apostrophe()
    {
        var export = await api.Grpc.ExportEntriesAsync(new ExportEntriesRequest { ActorId = "manager-mallory" }, cancellationToken: Ct);
        Assert.Equal(2, export.RowCount);

        var rows = ParseCsv(export.Csv);
        Assert.Equal("id,occurred_at,recorded_at,actor_id,actor_name,actor_role,action,entity_type,entity_id,ip,user_agent,outcome,before,after,details,event_id,prev_hash,hash",
            string.Join(",", rows[0]));
        Assert.Equal(3, rows.Count);
        var header = rows[0];
        var first = rows[1];
        Assert.Equal("'" + Formula, first[header.IndexOf("entity_id")]);
        Assert.Equal("'+SUM(A1:A9)", first[header.IndexOf("actor_name")]);
        Assert.Equal("'@evil", first[header.IndexOf("user_agent")]);
        Assert.Equal("""{"name":"=cmd|' /C calc'!A0"}""", first[header.IndexOf("after")]);
        var second = rows[2];
        Assert.Equal("'-2+3", second[header.IndexOf("actor_name")]);
        Assert.Equal("plain, with \"quotes\"", second[header.IndexOf("entity_id")]);
        Assert.Equal("'\tTabbed", second[header.IndexOf("user_agent")]);

        foreach (var cell in rows.Skip(1).SelectMany(r => r))
        {
            Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"Unneutralised cell: {cell}");
        }
    }

    [Fact]
    public async Task The_export_is_appended_to_the_chain_as_done_by_the_caller()
    {
        var export = await api.Grpc.ExportEntriesAsync(new ExportEntriesRequest { ActorId = "manager-mallory", Query = "sum" }, cancellationToken: Ct);
        Assert.Equal(1, export.RowCount);

        var recorded = await api.Grpc.GetEntryAsync(new GetEntryRequest { Id = export.ExportEntryId }, cancellationToken: Ct);
        Assert.Equal("audit.export", recorded.Action);
        Assert.Equal(TestUser.Auditor.Id, recorded.ActorId);
        Assert.Equal(TestUser.Auditor.Name, recorded.ActorName);
        Assert.Equal("audit_entries", recorded.EntityType);
        var details = JsonDocument.Parse(recorded.Details).RootElement;
        Assert.Equal(1, details.GetProperty("rowCount").GetInt32());
        Assert.Equal("manager-mallory", details.GetProperty("filters").GetProperty("actorId").GetString());
        Assert.Equal("sum", details.GetProperty("filters").GetProperty("query").GetString());

        var newest = (await api.Grpc.SearchEntriesAsync(new SearchEntriesRequest { PageSize = 1 }, cancellationToken: Ct)).Entries.Single();
        Assert.Equal(export.ExportEntryId, newest.Id);
        var verified = await api.Grpc.VerifyChainAsync(new VerifyChainRequest(), cancellationToken: Ct);
        Assert.True(verified.Ok, verified.Detail);
    }

    [Fact]
    public async Task Over_REST_the_export_takes_the_filters_in_the_body()
    {
        var (admin, _) = api.As(AuditApi.Administrator);
        using var response = await admin.PostAsJsonAsync("/v1/audit/entries:export", new { actorId = "manager-anna", action = "clients.company.viewed" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, body.GetProperty("rowCount").GetInt32());
        var rows = ParseCsv(body.GetProperty("csv").GetString()!);
        Assert.Equal("someone-else", rows[1][rows[0].IndexOf("entity_id")]);

        var exports = await api.Grpc.SearchEntriesAsync(new SearchEntriesRequest { Action = "audit.export", ActorId = AuditApi.Administrator.Id }, cancellationToken: Ct);
        Assert.Single(exports.Entries);
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> ParseCsv(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }
        Assert.Empty(row);
        return rows;
    }
}
