using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// The clients service for the leads tests: small public rate limits (so a test can reach them),
/// the leads gRPC client per user, and reads of what was committed (outbox, calls).
/// </summary>
public sealed class LeadsApi : ClientsApi
{
    public const int SubmissionsPerAddress = 3;
    public const int SubmissionsPerForm = 5;

    /// <summary>Configures lead capture (clients.configure) and sees every client, like the Administrator role.</summary>
    public static TestUser Admin { get; } = new("admin-1", "Администратор", ClientVisibility.All,
        [Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.ClientsConfigure], [], []);

    private int _addresses;

    protected override void Configure(IWebHostBuilder host)
    {
        host.UseSetting("Leads:SubmissionsPerAddressPerMinute", SubmissionsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        host.UseSetting("Leads:SubmissionsPerFormPerMinute", SubmissionsPerForm.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Leads.LeadsClient LeadsAs(TestUser user) => new(InvokerFor(user));

    /// <summary>A visitor's address no other test uses, so per-address limits do not leak between tests.</summary>
    public string NewVisitorAddress() => $"203.0.113.{Interlocked.Increment(ref _addresses)}";

    public async Task<WebForm> CreateFormAsync(params string[] origins) =>
        await LeadsAs(Admin).CreateWebFormAsync(new CreateWebFormRequest { Name = "Contact us", AllowedOrigins = { origins } });

    /// <summary>The payloads of the outbox's events on a topic, oldest first.</summary>
    public async Task<List<JsonElement>> EventsAsync(string topic)
    {
        var events = new List<JsonElement>();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT payload::text FROM outbox_messages WHERE topic = @topic ORDER BY occurred_at, id", connection);
        command.Parameters.AddWithValue("topic", topic);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }
        return events;
    }

    public async Task<List<JsonElement>> AuditAsync(string action) =>
        (await EventsAsync("audit")).Where(e => e.GetProperty("action").GetString() == action).ToList();

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every lead the director sees (tests keep their data small).</summary>
    public async Task<List<Lead>> AllLeadsAsync() =>
        [.. (await LeadsAs(TestUser.Director).ListLeadsAsync(new ListLeadsRequest { PageSize = 200 })).Leads];
}
