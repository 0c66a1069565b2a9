using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Testing;
using Npgsql;

[assembly: AssemblyFixture(typeof(CrmSuite.UpgradeTests.SourceSuite))]

namespace CrmSuite.UpgradeTests;

/// <summary>
/// A suite in use, once for the assembly: every service's database migrated (with the demo data
/// where `migrate --seed-demo` exists) on a throw-away PostgreSQL cluster, then audit, the pub/sub
/// emulator, clients, warehouse, scheduling and kpi running on it, and through their REST APIs two
/// companies, a deal, two posted warehouse receipts, tasks, a meeting whose reminders have been
/// delivered, a weekly series with its reminders planned, a logged call and a bonus scheme; kpi makes
/// facts and the daily projection of the deal, the call and the completed task; all of it reaches
/// the audit log. The restore test backs this up; the upgrade test copies its rows into the previous
/// release's schema.
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
        await PlanWorkAsync(companies[0].Item1);

        // Kpi made its facts and projection of the deal, the call and the completed task; the
        // meeting's reminders, due at once, have been delivered.
        var settled = DateTime.UtcNow.AddSeconds(60);
        while (await CountAsync("kpidb", "SELECT count(*) FROM facts") < 3 || await CountAsync("kpidb", "SELECT count(*) FROM daily_figures") == 0
            || await CountAsync("schedulingdb", "SELECT count(*) FROM reminders WHERE status = 1 AND due_at <= now()") > 0)
        {
            if (DateTime.UtcNow > settled)
            {
                throw new TimeoutException($"Kpi's facts or scheduling's reminders did not settle within 60 s:\n{Suite.Output}");
            }
            await Task.Delay(250);
        }

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

    /// <summary>
    /// A director's week in scheduling (an open task on the company, a completed one, a meeting in half an
    /// hour reminded 60 and 15 minutes before, a weekly series, yesterday's call logged with its result)
    /// and the sales managers' bonus scheme in kpi.
    /// </summary>
    private async Task PlanWorkAsync(string companyId)
    {
        var moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, moscow);
        string Local(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        object Item(string kind, string title, DateTimeOffset start, DateTimeOffset? end = null, string? recurrence = null, int[]? reminders = null) => new
        {
            kind = "ITEM_KIND_" + kind, title, start = Local(start), end = end is { } e ? Local(e) : "", timeZone = "Europe/Moscow",
            companyId, recurrence = recurrence ?? "", reminderMinutesBefore = reminders ?? [],
        };
        var tomorrow = now.Date.AddDays(1).AddHours(10);
        await PostAsync(Suite.Scheduling, "/v1/items", Item("TASK", "Подготовить коммерческое предложение", tomorrow));
        var done = await PostAsync(Suite.Scheduling, "/v1/items", Item("TASK", "Отправить договор", now.AddHours(-2)));
        await PostAsync(Suite.Scheduling, $"/v1/items/{Id(done)}:complete", new { version = done.GetProperty("version").GetString(), result = "Отправлен" });
        await PostAsync(Suite.Scheduling, "/v1/items", Item("MEETING", "Встреча с клиентом", now.AddMinutes(30), now.AddMinutes(90), reminders: [60, 15]));
        await PostAsync(Suite.Scheduling, "/v1/items", Item("MEETING", "Планёрка отдела продаж", tomorrow.AddDays(7), tomorrow.AddDays(7).AddHours(1),
            "FREQ=WEEKLY;COUNT=6", [30]));
        var call = await PostAsync(Suite.Scheduling, "/v1/items", Item("CALL", "Звонок по поставке", now.AddDays(-1), now.AddDays(-1).AddMinutes(15)));
        await PostAsync(Suite.Scheduling, $"/v1/items/{Id(call)}:complete", new { version = call.GetProperty("version").GetString(), result = "Договорились о встрече" });
        await PostAsync(Suite.Kpi, "/v1/kpi/schemes", new
        {
            name = "Менеджеры продаж", target = new { kind = "role", id = "SalesManager" }, periodKind = "month",
            measures = new[] { new { measureCode = "deals_won_count", plan = "10", weight = "60" }, new { measureCode = "calls_made", plan = "200", weight = "40" } },
            formula = "base_salary * total_ach / 1000", baseSalary = "50000.00",
        });
    }

    private async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
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
        foreach (var database in new[] { "clientsdb", "warehousedb", "schedulingdb", "kpidb" })
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
