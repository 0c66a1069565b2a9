extern alias clients;

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Testing;
using CrmSuite.Warehouse.Api.Demo;
using CrmSuite.Warehouse.Contracts;
using ClientsContracts = CrmSuite.Clients.Contracts;
using ClientsMigrator = clients::CrmSuite.Clients.Api.Demo.ClientsMigrator;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>The people of a warehouse, as the warehouse service sees them.</summary>
public static class WarehouseUsers
{
    private const string Own = ClientVisibility.Own;

    public static TestUser Director { get; } = new("director-1", "Директор", ClientVisibility.All,
        [Permissions.WarehouseRead, Permissions.WarehouseWrite, Permissions.WarehouseReserve, Permissions.WarehouseCatalog, Permissions.AuditAlertsRead, Permissions.ClientsRead], [], []);
    public static TestUser Storekeeper { get; } = new("storekeeper-ivan", "Иван Кладовщик", Own, [Permissions.WarehouseRead, Permissions.WarehouseWrite], [], []);
    public static TestUser SalesManager { get; } = new("manager-anna", "Анна", Own, [Permissions.WarehouseRead, Permissions.WarehouseReserve, Permissions.ClientsRead], ["team-north"], []);
    public static TestUser CatalogManager { get; } = new("catalog-olga", "Ольга", Own, [Permissions.WarehouseRead, Permissions.WarehouseCatalog], [], []);
    public static TestUser ClientsOnly { get; } = new("manager-boris", "Борис", Own, [Permissions.ClientsRead, Permissions.ClientsWrite], [], []);
}

public static class TestUserExtensions
{
    /// <summary>The same person with the right to create and move deals in the clients service.</summary>
    public static TestUser WithClientsWrite(this TestUser user) =>
        user with { Granted = [.. user.Granted.Union([Permissions.ClientsRead, Permissions.ClientsWrite])] };
}

/// <summary>A clock the tests set: 12:00 on a Wednesday in Moscow unless a test moves it.</summary>
public sealed class TestClock : TimeProvider
{
    public static readonly DateTimeOffset WorkingNoon = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private long _ticks = WorkingNoon.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed record Clients(HttpClient Http, Catalog.CatalogClient Catalog, Movements.MovementsClient Movements, Stock.StockClient Stock);

/// <summary>
/// The warehouse service in-process (TestServer) against its own fresh database on the real
/// PostgreSQL, migrated by the same step the AppHost and Kubernetes run. One per test class.
/// Beside it the real clients service (in-process, its own database), whose deals reservations
/// are checked against over gRPC.
/// </summary>
public sealed class WarehouseApi : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private WebApplicationFactory<clients::Program>? _clients;
    private GrpcChannel? _channel;
    private GrpcChannel? _clientsChannel;

    public string ConnectionString { get; private set; } = string.Empty;
    public TestClock Clock { get; } = new();
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>As the Director (every warehouse permission).</summary>
    public Clients Director { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        ConnectionString = await postgres.CreateDatabaseAsync("warehouse");
        Assert.Equal(0, await WarehouseMigrator.RunAsync(["migrate", $"--ConnectionStrings:warehousedb={ConnectionString}"]));

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
        _factory = NewWarehouse(services => services.AddGrpcClient<ClientsContracts.Deals.DealsClient>(grpc => grpc.Address = clientsServer.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => clientsServer.CreateHandler()));
        Anonymous = _factory.CreateClient();
        _channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
        Director = As(WarehouseUsers.Director);
    }

    /// <summary>
    /// Another warehouse host on the same database whose clients service is <paramref name="clientsAddress"/>
    /// (one nobody listens on: the clients service is down). The caller disposes it.
    /// </summary>
    public WebApplicationFactory<Program> StartWarehouseWithClientsAt(Uri clientsAddress) =>
        NewWarehouse(services => services.AddGrpcClient<ClientsContracts.Deals.DealsClient>(grpc => grpc.Address = clientsAddress));

    private WebApplicationFactory<Program> NewWarehouse(Action<IServiceCollection> clientsService) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:warehousedb", ConnectionString);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.UseSetting("Warehouse:TimeZone", "Europe/Moscow");
            host.UseSetting("Warehouse:WorkingHours:Start", "08:00");
            host.UseSetting("Warehouse:WorkingHours:End", "20:00");
            host.UseSetting("Warehouse:WriteOffFlagAmount", "10000");
            // No sidecar in these tests: the relay keeps events in the outbox, where the tests read them.
            host.UseSetting("DAPR_HTTP_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("DAPR_GRPC_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("Logging:LogLevel:CrmSuite.BuildingBlocks.Messaging", "Error");
            host.UseSetting("Logging:LogLevel:System.Net.Http.HttpClient", "Warning");
            host.UseSetting("Logging:LogLevel:Polly", "Warning");
            host.ConfigureTestServices(services =>
            {
                services.TrustTestTokens();
                services.AddSingleton<TimeProvider>(Clock);
                clientsService(services);
            });
        });

    /// <summary>An open deal in the clients service, owned by the sales manager (the director sees it too).</summary>
    public async Task<string> OpenDealAsync(TestUser? owner = null)
    {
        var invoker = ClientsInvoker(owner ?? WarehouseUsers.SalesManager.WithClientsWrite());
        var company = await new ClientsContracts.Companies.CompaniesClient(invoker).CreateCompanyAsync(
            new ClientsContracts.CreateCompanyRequest { Name = "Покупатель " + Guid.NewGuid().ToString("N")[..6] }, cancellationToken: Ct);
        var deal = await new ClientsContracts.Deals.DealsClient(invoker).CreateDealAsync(new ClientsContracts.CreateDealRequest
        {
            Title = "Сделка " + company.Name, CompanyId = company.Id, Amount = "1000.00", Currency = "RUB",
        }, cancellationToken: Ct);
        return deal.Id;
    }

    /// <summary>Moves the deal to its pipeline's won or lost stage in the clients service.</summary>
    public async Task CloseDealAsync(string dealId, bool won)
    {
        var invoker = ClientsInvoker(WarehouseUsers.SalesManager.WithClientsWrite());
        var deals = new ClientsContracts.Deals.DealsClient(invoker);
        var deal = await deals.GetDealAsync(new ClientsContracts.GetDealRequest { Id = dealId }, cancellationToken: Ct);
        var pipeline = await new ClientsContracts.Pipelines.PipelinesClient(invoker).GetPipelineAsync(new ClientsContracts.GetPipelineRequest { Id = deal.PipelineId }, cancellationToken: Ct);
        var stage = pipeline.Stages.First(s => s.Kind == (won ? ClientsContracts.StageKind.Won : ClientsContracts.StageKind.Lost));
        await deals.MoveDealAsync(new ClientsContracts.MoveDealRequest { Id = dealId, StageId = stage.Id, LostReason = won ? "" : "Дорого" }, cancellationToken: Ct);
    }

    private CallInvoker ClientsInvoker(TestUser user)
    {
        var token = TestTokens.For(user, TimeSpan.FromHours(2));
        return _clientsChannel!.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        });
    }

    public IServiceProvider Services => _factory!.Services;

    public Clients As(TestUser user)
    {
        var token = TestTokens.For(user, TimeSpan.FromHours(2));
        var http = _factory!.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var invoker = _channel!.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        });
        return new Clients(http, new Catalog.CatalogClient(invoker), new Movements.MovementsClient(invoker), new Stock.StockClient(invoker));
    }

    public HttpClient Http => Director.Http;

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        _clientsChannel?.Dispose();
        Anonymous?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        if (_clients is not null)
        {
            await _clients.DisposeAsync();
        }
    }

    // ------------------------------------------------------------ helpers a test reads like a story

    public async Task<Warehouse.Contracts.Warehouse> CreateWarehouseAsync(string? code = null) =>
        await Director.Catalog.CreateWarehouseAsync(new CreateWarehouseRequest { Code = code ?? "W-" + Guid.NewGuid().ToString("N")[..8], Name = "Склад " + (code ?? "test") }, cancellationToken: Ct);

    public async Task<Product> CreateProductAsync(string? sku = null, string? name = null, string barcode = "") =>
        await Director.Catalog.CreateProductAsync(new CreateProductRequest
        {
            Sku = sku ?? "SKU-" + Guid.NewGuid().ToString("N")[..10],
            Name = name ?? "Товар " + Guid.NewGuid().ToString("N")[..6],
            Unit = "pcs",
            VatRate = "20",
            Barcode = barcode,
        }, cancellationToken: Ct);

    public async Task<Movement> ReceiveAsync(string warehouseId, string productId, decimal quantity, decimal unitCost) =>
        await Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Receipt,
            WarehouseId = warehouseId,
            Supplier = "ООО Поставщик",
            Post = true,
            Lines = { new MovementLine { ProductId = productId, Quantity = Str(quantity), UnitCost = Str(unitCost) } },
        }, cancellationToken: Ct);

    public async Task<StockLevel?> LevelAsync(string warehouseId, string productId) =>
        (await Director.Stock.ListStockAsync(new ListStockRequest { WarehouseId = warehouseId, ProductId = productId }, cancellationToken: Ct)).Levels.SingleOrDefault();

    public async Task<decimal> OnHandAsync(string warehouseId, string productId) =>
        await LevelAsync(warehouseId, productId) is { } level ? Dec(level.OnHand) : 0m;

    public static string Str(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    public static decimal Dec(string value) => value.Length == 0 ? 0m : decimal.Parse(value, CultureInfo.InvariantCulture);

    public static async Task<RpcException> RefusedAsync(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("p" + i, parameters[i]);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Events the service queued in its outbox for a topic, payloads as JSON.</summary>
    public async Task<List<JsonElement>> OutboxAsync(string topic)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT payload::text FROM outbox_messages WHERE topic = @topic ORDER BY occurred_at, id", connection);
        command.Parameters.AddWithValue("topic", topic);
        var events = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            events.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }
        return events;
    }

    public async Task<List<JsonElement>> AuditAsync(string action) =>
        (await OutboxAsync("audit")).Where(e => e.GetProperty("action").GetString() == action).ToList();

    /// <summary>An open deal with <paramref name="quantity"/> of the product reserved for it by the sales manager.</summary>
    public async Task<string> ReserveForNewDealAsync(string warehouseId, string productId, string quantity)
    {
        var deal = await OpenDealAsync();
        await As(WarehouseUsers.SalesManager).Stock.ReserveAsync(new ReserveRequest
        {
            DealId = deal, WarehouseId = warehouseId, Lines = { new ReservationLine { ProductId = productId, Quantity = quantity } },
        }, cancellationToken: Ct);
        return deal;
    }

    /// <summary>Posts what the sidecar posts to an inbox route: a CloudEvents 1.0 envelope around <paramref name="data"/>; the inbox's status.</summary>
    public async Task<string> DeliverAsync(string route, string eventId, object data)
    {
        var envelope = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = eventId,
            ["source"] = "clients",
            ["type"] = "com.dapr.event.sent",
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        }, Json);
        using var content = new StringContent(envelope, System.Text.Encoding.UTF8, "application/cloudevents+json");
        var response = await Anonymous.PostAsync(route, content, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("status").GetString()!;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);
}
