using System.Net.Http.Headers;
using System.Text;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Google.Protobuf;
using Npgsql;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Drives an import as the UI does: upload over REST, map, preview, choose, run and wait, undo.</summary>
public sealed class ImportDriver(ClientsApi api, TestUser user)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Imports.ImportsClient Grpc { get; } = new(api.InvokerFor(user));

    public HttpClient Http { get; } = api.As(user).Http;

    public async Task<HttpResponseMessage> PostFileAsync(byte[] data, string fileName)
    {
        using var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await Http.PostAsync($"/v1/imports?file_name={Uri.EscapeDataString(fileName)}", content, Ct);
    }

    public async Task<ImportJob> UploadAsync(byte[] data, string fileName)
    {
        using var response = await PostFileAsync(data, fileName);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return ImportJob.Parser.ParseJson(body);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Uploads, keeps the suggested mapping and returns the preview rows.</summary>
    public async Task<(ImportJob Job, List<ImportRow> Rows)> PreviewAsync(byte[] data, string fileName)
    {
        var job = await UploadAsync(data, fileName);
        var mapped = await MapAsync(job, job.Mapping);
        return (mapped, await RowsAsync(mapped.Id));
    }

    /// <summary>Sets the mapping and waits, as the wizard does, until the preview is worked out.</summary>
    public async Task<ImportJob> MapAsync(ImportJob job, IEnumerable<ColumnMapping> mapping, List<int>? progressSeen = null)
    {
        var request = new MapImportColumnsRequest { Id = job.Id };
        request.Mapping.AddRange(mapping);
        var started = await Grpc.MapImportColumnsAsync(request, cancellationToken: Ct);
        Assert.Equal(ImportStatus.Previewing, started.Status);
        return await WaitWhileAsync(job.Id, ImportStatus.Previewing, progressSeen);
    }

    /// <summary>Polls the import until it leaves the given status (five minutes at most).</summary>
    public async Task<ImportJob> WaitWhileAsync(string id, ImportStatus status, List<int>? progressSeen = null)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var current = await Grpc.GetImportAsync(new GetImportRequest { Id = id }, cancellationToken: Ct);
            if (current.Status != status || DateTime.UtcNow > deadline)
            {
                return current;
            }
            progressSeen?.Add(current.RowsDone);
            await Task.Delay(50, Ct);
        }
    }

    public async Task<List<ImportRow>> RowsAsync(string id)
    {
        var rows = new List<ImportRow>();
        var token = "";
        do
        {
            var page = await Grpc.ListImportRowsAsync(new ListImportRowsRequest { Id = id, PageSize = 200, PageToken = token }, cancellationToken: Ct);
            rows.AddRange(page.Rows);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return rows;
    }

    public async Task<ImportJob> RunAsync(string id)
    {
        var job = await Grpc.StartImportAsync(new StartImportRequest { Id = id }, cancellationToken: Ct);
        return job.Status == ImportStatus.Running ? await WaitWhileAsync(id, ImportStatus.Running) : job;
    }

    /// <summary>Every row of the tables an import touches, as text, in key order.</summary>
    public static async Task<List<string>> SnapshotAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        var rows = new List<string>();
        foreach (var table in new[] { "companies", "contacts", "company_shares" })
        {
            await using var command = new NpgsqlCommand($"SELECT t::text FROM {table} t ORDER BY t::text", connection);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                rows.Add(table + " " + reader.GetString(0));
            }
        }
        return rows;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static ByteString Bytes(byte[] data) => ByteString.CopyFrom(data);
}
