using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Testing;
using Npgsql;

[assembly: AssemblyFixture(typeof(CrmSuite.UpgradeTests.SourceSuite))]

namespace CrmSuite.UpgradeTests;

/// <summary>
/// A suite in use, once for the assembly: every service's database migrated (with the demo data
/// where `migrate --seed-demo` exists) on a throw-away PostgreSQL cluster, then audit, the pub/sub
/// emulator, clients and warehouse running on it, and through their REST APIs two companies, a
/// deal and two posted warehouse receipts, all of which reach the audit log. The restore test
/// backs this up; the upgrade test copies its rows into the previous release's schema.
/// </summary>
public sealed class SourceSuite : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public PostgresServer Postgres { get; private set; } = null!;

    public TestIssuer Issuer { get; private set; } = null!;

    public RunningSuite Suite { get; private set; } = null!;

    public IReadOnlyList<(string Id, string Name)> Companies { get; private set; } = [];

    public string DealId { get; private set; } = "";

    public IReadOnlyList<string> MovementIds { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        Postgres = await PostgresServer.StartPrivateAsync(durable: false);
        Issuer = await TestIssuer.StartAsync();
        foreach (var service in SuiteService.All)
        {
            await ExecuteAsync(Postgres.ConnectionString("postgres"), $"CREATE DATABASE {service.Database}");
        }
        // Audit first: its migrate creates the writer role; the rest in parallel.
        await SuiteService.Named("audit").MigrateAsync(Postgres.ConnectionString("auditdb"), Issuer.Url);
        await Task.WhenAll(SuiteService.All.Where(s => s.Name != "audit")
            .Select(s => s.MigrateAsync(Postgres.ConnectionString(s.Database), Issuer.Url, s.SeedDemo)));

        Suite = await RunningSuite.StartAsync(Postgres, Issuer.Url);
        var companies = new List<(string, string)>();
        foreach (var name in new[] { "ООО Резервная копия", "АО Восстановление" })
        {
            companies.Add((Id(await PostAsync(Suite.Clients, "/v1/companies", new { name })), name));
        }
        Companies = companies;
        DealId = Id(await PostAsync(Suite.Clients, "/v1/deals",
            new { title = "Поставка серверов", companyId = companies[0].Item1, amount = "150000.00", currency = "RUB" }));
        var warehouseId = First(await GetAsync(Suite.Warehouse, "/v1/warehouse/warehouses"), "warehouses");
        var productId = First(await GetAsync(Suite.Warehouse, "/v1/warehouse/products"), "products");
        var movements = new List<string>();
        foreach (var quantity in new[] { "5", "7" })
        {
            movements.Add(Id(await PostAsync(Suite.Warehouse, "/v1/warehouse/movements", new
            {
                type = "MOVEMENT_TYPE_RECEIPT", warehouseId, supplier = "ООО Поставщик", post = true,
                lines = new[] { new { productId, quantity, unitCost = "1200.00" } },
            })));
        }
        MovementIds = movements;

        // Everything reached the audit log: the outboxes are drained and the entries are there.
        var expected = Companies.Select(c => c.Id).Append(DealId).Concat(MovementIds).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await AuditedAsync(expected) < expected.Count || await UnpublishedAsync() > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The suite's changes did not reach the audit log within 60 s:\n{Suite.Output}");
            }
            await Task.Delay(250);
        }
    }

    private async Task<long> AuditedAsync(IReadOnlyList<string> entityIds)
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString("auditdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(DISTINCT entity_id) FROM audit_entries WHERE entity_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", entityIds.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> UnpublishedAsync()
    {
        long total = 0;
        foreach (var database in new[] { "clientsdb", "warehousedb" })
        {
            await using var connection = new NpgsqlConnection(Postgres.ConnectionString(database));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL", connection);
            total += (long)(await command.ExecuteScalarAsync())!;
        }
        return total;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body, Json);
        return await ReadAsync(response, "POST " + path);
    }

    public static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return await ReadAsync(response, "GET " + path);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string call)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{call}: {(int)response.StatusCode} {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Id(JsonElement element) => element.GetProperty("id").GetString()!;

    private static string First(JsonElement page, string list) => Id(page.GetProperty(list).EnumerateArray().First());

    public async ValueTask DisposeAsync()
    {
        if (Suite is not null)
        {
            await Suite.DisposeAsync();
        }
        if (Issuer is not null)
        {
            await Issuer.DisposeAsync();
        }
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}
