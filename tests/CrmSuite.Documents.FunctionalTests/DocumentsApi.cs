extern alias clients;
extern alias warehouse;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Documents.Api.Infrastructure;
using CrmSuite.Testing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ClientsContracts = CrmSuite.Clients.Contracts;
using ClientsMigrator = clients::CrmSuite.Clients.Api.Demo.ClientsMigrator;
using WarehouseContracts = CrmSuite.Warehouse.Contracts;
using WarehouseMigrator = warehouse::CrmSuite.Warehouse.Api.Demo.WarehouseMigrator;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>The people of a sales office, as the documents service sees them.</summary>
public static class People
{
    private static TestUser WithFiles(TestUser user) =>
        user with { Granted = [.. user.Granted.Union([Permissions.DocumentsRead, Permissions.DocumentsWrite])] };

    public static TestUser Anna { get; } = WithFiles(TestUser.ManagerAnna);
    public static TestUser Oleg { get; } = WithFiles(TestUser.ManagerOleg);
    public static TestUser Director { get; } = WithFiles(TestUser.Director);
    /// <summary>As identity's Administrator: may change our organisations' requisites.</summary>
    public static TestUser Administrator { get; } = new("admin-1", "Администратор", ClientVisibility.All,
        [Permissions.ClientsRead, Permissions.DocumentsRead, Permissions.DocumentsWrite, Permissions.DocumentsConfigure], [], []);
}

/// <summary>
/// The documents service in-process (TestServer) against its own fresh database on the real
/// PostgreSQL, migrated by the same step the AppHost runs, and beside it the real clients service
/// (in-process, its own database) whose companies files attach to, asked over gRPC with the
/// caller's token. Uploads are limited to <see cref="MaxFileBytes"/> here. One per test class.
/// </summary>
public sealed class DocumentsApi : IAsyncLifetime
{
    public const long MaxFileBytes = 6 * 1024 * 1024;

    private WebApplicationFactory<Program>? _factory;
    private WebApplicationFactory<clients::Program>? _clients;
    private GrpcChannel? _channel;
    private GrpcChannel? _clientsChannel;
    private WebApplicationFactory<warehouse::Program>? _warehouse;
    private GrpcChannel? _warehouseChannel;

    /// <summary>A real SMTP server in-process: the documents service sends its e-mail here.</summary>
    public TestSmtpServer Smtp { get; } = TestSmtpServer.Start();

    public string ConnectionString { get; private set; } = string.Empty;
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        ConnectionString = await postgres.CreateDatabaseAsync("documents");
        Assert.Equal(0, await DocumentsMigrator.RunAsync(["migrate", $"--ConnectionStrings:documentsdb={ConnectionString}"]));

        var clientsDatabase = await postgres.CreateDatabaseAsync("clients");
        Assert.Equal(0, await ClientsMigrator.RunAsync(["migrate", $"--ConnectionStrings:clientsdb={clientsDatabase}"]));
        _clients = new WebApplicationFactory<clients::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:clientsdb", clientsDatabase);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.UseSetting("DAPR_HTTP_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("DAPR_GRPC_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("Logging:LogLevel:CrmSuite.BuildingBlocks.Messaging", "Error");
            host.ConfigureTestServices(services => services.TrustTestTokens());
        });
        var clientsServer = _clients.Server;
        _clientsChannel = GrpcChannel.ForAddress(clientsServer.BaseAddress, new GrpcChannelOptions { HttpHandler = clientsServer.CreateHandler() });
        var address = clientsServer.BaseAddress;
        // The real warehouse (its own database): products and price lists for document lines.
        var warehouseDatabase = await postgres.CreateDatabaseAsync("warehouse");
        Assert.Equal(0, await WarehouseMigrator.RunAsync(["migrate", $"--ConnectionStrings:warehousedb={warehouseDatabase}"]));
        _warehouse = new WebApplicationFactory<warehouse::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:warehousedb", warehouseDatabase);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.UseSetting("DAPR_HTTP_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("DAPR_GRPC_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("Logging:LogLevel:CrmSuite.BuildingBlocks.Messaging", "Error");
            host.ConfigureTestServices(services => services.TrustTestTokens());
        });
        var warehouseServer = _warehouse.Server;
        _warehouseChannel = GrpcChannel.ForAddress(warehouseServer.BaseAddress, new GrpcChannelOptions { HttpHandler = warehouseServer.CreateHandler() });
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:documentsdb", ConnectionString);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.UseSetting("Clients:GrpcAddress", address.ToString());
            host.UseSetting("Documents:Uploads:MaxFileBytes", MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // No sidecar in these tests: the relay keeps events in the outbox, where the tests read them.
            host.UseSetting("DAPR_HTTP_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("DAPR_GRPC_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("Logging:LogLevel:CrmSuite.BuildingBlocks.Messaging", "Error");
            host.UseSetting("Logging:LogLevel:Polly", "Warning");
            // On a machine shared with other builds a 5 s call to the clients service can time out: the tests wait longer.
            host.UseSetting("Documents:RecordAccess:CallTimeout", "00:00:30");
            host.UseSetting("Documents:Email:Host", "127.0.0.1");
            host.UseSetting("Documents:Email:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            host.UseSetting("Documents:Email:From", "invoices@romashka.example");
            host.UseSetting("Documents:Email:Tls", "None");
            host.ConfigureTestServices(services =>
            {
                services.AddGrpcClient<WarehouseContracts.Catalog.CatalogClient>(g => g.Address = warehouseServer.BaseAddress).ConfigurePrimaryHttpMessageHandler(() => warehouseServer.CreateHandler());
                services.TrustTestTokens();
                services.AddGrpcClient<ClientsContracts.Companies.CompaniesClient>(g => g.Address = address).ConfigurePrimaryHttpMessageHandler(() => clientsServer.CreateHandler());
                services.AddGrpcClient<ClientsContracts.Deals.DealsClient>(g => g.Address = address).ConfigurePrimaryHttpMessageHandler(() => clientsServer.CreateHandler());
                services.AddGrpcClient<ClientsContracts.DealLines.DealLinesClient>(g => g.Address = address).ConfigurePrimaryHttpMessageHandler(() => clientsServer.CreateHandler());
                services.AddGrpcClient<ClientsContracts.Leads.LeadsClient>(g => g.Address = address).ConfigurePrimaryHttpMessageHandler(() => clientsServer.CreateHandler());
            });
        });
        _channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
    }

    /// <summary>A REST client of the documents service carrying <paramref name="user"/>'s token.</summary>
    public HttpClient Http(TestUser user)
    {
        var http = _factory!.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(user, TimeSpan.FromHours(2)));
        return http;
    }

    /// <summary>The documents service's own services (its renderer, its printer).</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>The documents service's gRPC channel carrying <paramref name="user"/>'s token.</summary>
    public CallInvoker Grpc(TestUser user) => WithToken(_channel!, user);

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        _clientsChannel?.Dispose();
        _warehouseChannel?.Dispose();
        if (_warehouse is not null)
        {
            await _warehouse.DisposeAsync();
        }
        await Smtp.DisposeAsync();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        if (_clients is not null)
        {
            await _clients.DisposeAsync();
        }
    }

    private static CallInvoker WithToken(GrpcChannel channel, TestUser user)
    {
        var token = TestTokens.For(user, TimeSpan.FromHours(2));
        return channel.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        });
    }

    // ------------------------------------------------------------ helpers a test reads like a story

    /// <summary>A company of the clients service owned by <paramref name="owner"/>.</summary>
    public async Task<string> CompanyAsync(TestUser owner) =>
        (await new ClientsContracts.Companies.CompaniesClient(WithToken(_clientsChannel!, owner))
            .CreateCompanyAsync(new ClientsContracts.CreateCompanyRequest { Name = "Клиент " + Guid.NewGuid().ToString("N")[..6] }, cancellationToken: Ct)).Id;

    /// <summary>The clients service's gRPC channel carrying <paramref name="user"/>'s token.</summary>
    public CallInvoker Clients(TestUser user) => WithToken(_clientsChannel!, user);

    /// <summary>The warehouse's gRPC channel carrying <paramref name="user"/>'s token.</summary>
    public CallInvoker Warehouse(TestUser user) => WithToken(_warehouseChannel!, user);

    /// <summary>POST /v1/files with the bytes as the body.</summary>
    public async Task<HttpResponseMessage> UploadAsync(TestUser user, string recordType, string recordId, string fileName, HttpContent body)
    {
        using var http = Http(user);
        return await http.PostAsync($"/v1/files?record_type={recordType}&record_id={recordId}&file_name={Uri.EscapeDataString(fileName)}", body, Ct);
    }

    /// <summary>Uploads and returns the attachment the service answered with (201 asserted).</summary>
    public async Task<JsonElement> UploadedAsync(TestUser user, string recordType, string recordId, string fileName, byte[] bytes)
    {
        using var response = await UploadAsync(user, recordType, recordId, fileName, new ByteArrayContent(bytes));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await ReadJsonAsync(response);
    }

    public Task<long> ScalarAsync(string sql, params object[] parameters) => OutboxReader.ScalarAsync(ConnectionString, sql, parameters, Ct);

    /// <summary>Events the service queued in its outbox for a topic (no sidecar in these tests: they stay there).</summary>
    public Task<List<JsonElement>> OutboxAsync(string topic) => OutboxReader.EventsAsync(ConnectionString, topic, Ct);

    public async Task<List<JsonElement>> AuditAsync(string action, string entityId) =>
        (await OutboxAsync("audit")).Where(e => e.GetProperty("action").GetString() == action && e.GetProperty("entityId").GetString() == entityId).ToList();

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);

    /// <summary>The fields a 400 problem+json names, with their messages.</summary>
    public static async Task<Dictionary<string, string>> BadFieldsAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        var problem = await ReadJsonAsync(response);
        return problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().ToDictionary(p => p.Name, p => string.Join(" ", p.Value.EnumerateArray().Select(m => m.GetString())))
            : [];
    }
}
