extern alias clients;

using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Demo;
using CrmSuite.Scheduling.Contracts;
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

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>The people of a sales office, as the scheduling service sees them (the clients' test people plus the calendar).</summary>
public static class People
{
    private static TestUser Plans(TestUser user) =>
        user with { Granted = [.. user.Granted.Union([Permissions.SchedulingRead, Permissions.SchedulingWrite])] };

    public static TestUser Anna { get; } = Plans(TestUser.ManagerAnna);
    public static TestUser Boris { get; } = Plans(TestUser.ManagerBoris);
    public static TestUser Oleg { get; } = Plans(TestUser.ManagerOleg);
    public static TestUser HeadOfNorth { get; } = Plans(TestUser.HeadOfNorth);
    /// <summary>As identity's Director role: every calendar (scheduling.all).</summary>
    public static TestUser Director { get; } = Plans(TestUser.Director with { Granted = [.. TestUser.Director.Granted, Permissions.SchedulingAll] });
    /// <summary>As identity's Accountant role: sees every client (visibility all) and plans in the calendar, but only their own.</summary>
    public static TestUser Accountant { get; } = new("accountant-1", "Бухгалтер", ClientVisibility.All,
        [Permissions.ClientsRead, Permissions.DocumentsRead, Permissions.DocumentsWrite, Permissions.KpiRead, Permissions.WarehouseRead, Permissions.SchedulingRead, Permissions.SchedulingWrite], [], []);
    /// <summary>An integration client's token as identity issues it: visibility all, no team, the scopes it was granted.</summary>
    public static TestUser Integration { get; } = new("erp-sync", "ERP", ClientVisibility.All, [Permissions.ClientsRead, Permissions.SchedulingRead, Permissions.SchedulingWrite], [], []);
    /// <summary>Sees the calendar but may not change it.</summary>
    public static TestUser Reader { get; } = new("reader-1", "Читатель", ClientVisibility.Own, [Permissions.SchedulingRead], [], []);
}

/// <summary>A clock the tests set: 1 March 2026, 12:00 UTC unless a test moves it.</summary>
public sealed class TestClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private long _ticks = Start.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed record Caller(HttpClient Http, Items.ItemsClient Items, Notifications.NotificationsClient Notifications, CalendarFeeds.CalendarFeedsClient Feeds);

/// <summary>
/// The scheduling service in-process (TestServer) against its own fresh database on the real
/// PostgreSQL, migrated by the same step the AppHost runs, and beside it the real clients service
/// (in-process, its own database) whose records items link to, asked over gRPC. One per test class.
/// </summary>
public sealed class SchedulingApi : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private WebApplicationFactory<clients::Program>? _clients;
    private GrpcChannel? _channel;
    private GrpcChannel? _clientsChannel;

    public string ConnectionString { get; private set; } = string.Empty;
    /// <summary>The clients service's database (its outbox holds its audit events).</summary>
    public string ClientsConnectionString { get; private set; } = string.Empty;
    /// <summary>Identity's back channel for both services: the process engine's service account token and its status.</summary>
    public Processes.IdentityStandIn Identity { get; } = new();
    public TestClock Clock { get; } = new();
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        ConnectionString = await postgres.CreateDatabaseAsync("scheduling");
        Assert.Equal(0, await SchedulingMigrator.RunAsync(["migrate", $"--ConnectionStrings:schedulingdb={ConnectionString}"]));

        var clientsDatabase = ClientsConnectionString = await postgres.CreateDatabaseAsync("clients");
        Assert.Equal(0, await ClientsMigrator.RunAsync(["migrate", $"--ConnectionStrings:clientsdb={clientsDatabase}"]));
        _clients = new WebApplicationFactory<clients::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:clientsdb", clientsDatabase);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.UseSetting("DAPR_HTTP_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("DAPR_GRPC_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("Logging:LogLevel:CrmSuite.BuildingBlocks.Messaging", "Error");
            host.ConfigureTestServices(services =>
            {
                services.TrustTestTokens();
                services.AddHttpClient(CrmAuthenticationExtensions.BackchannelClientName).ConfigurePrimaryHttpMessageHandler(Identity.Handler);
            });
        });
        var clientsServer = _clients.Server;
        _clientsChannel = GrpcChannel.ForAddress(clientsServer.BaseAddress, new GrpcChannelOptions { HttpHandler = clientsServer.CreateHandler() });
        _factory = NewScheduling(clientsServer.BaseAddress, () => clientsServer.CreateHandler(), []);
        _channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
    }

    /// <summary>Another scheduling host on the same database whose clients service is at <paramref name="clientsAddress"/> (down). The caller disposes it.</summary>
    public WebApplicationFactory<Program> StartWithClientsAt(Uri clientsAddress, params (string Key, string Value)[] settings) => NewScheduling(clientsAddress, null, settings);

    /// <summary>Another scheduling host on the same database whose clients service is <paramref name="clients"/> (a stand-in), with extra settings. The caller disposes it.</summary>
    public WebApplicationFactory<Program> StartWithClients(TestServer clients, params (string Key, string Value)[] settings) =>
        NewScheduling(clients.BaseAddress, () => clients.CreateHandler(), settings);

    /// <summary>Another scheduling host on the same database and clients service, with extra settings (e-mail, SMS). The caller disposes it.</summary>
    public WebApplicationFactory<Program> StartWith(params (string Key, string Value)[] settings) =>
        NewScheduling(_clients!.Server.BaseAddress, () => _clients.Server.CreateHandler(), settings);

    /// <summary>As <see cref="StartWith(ValueTuple{string, string}[])"/>, with more test services (another service's clients). The caller disposes it.</summary>
    public WebApplicationFactory<Program> StartWith(Action<IServiceCollection> services, params (string Key, string Value)[] settings) =>
        NewScheduling(_clients!.Server.BaseAddress, () => _clients.Server.CreateHandler(), settings, services);

    /// <summary>The real clients service in-process, for another service a test starts beside it.</summary>
    public TestServer ClientsServer => _clients!.Server;

    private WebApplicationFactory<Program> NewScheduling(Uri clientsAddress, Func<HttpMessageHandler>? handler, (string Key, string Value)[] settings,
        Action<IServiceCollection>? moreServices = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            // The tests drive the channel dispatchers themselves (a test may turn one on).
            host.UseSetting("Scheduling:Channels:DispatcherEnabled", "false");
            foreach (var (key, value) in settings)
            {
                host.UseSetting(key, value);
            }
            host.UseSetting("ConnectionStrings:schedulingdb", ConnectionString);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.UseSetting("Clients:GrpcAddress", clientsAddress.ToString());
            // The tests drive the reminder dispatchers themselves.
            host.UseSetting("Scheduling:Reminders:DispatcherEnabled", "false");
            host.UseSetting("Scheduling:RecurringTasks:Enabled", "false");
            host.UseSetting("Scheduling:ReminderHorizon:Enabled", "false");
            host.UseSetting("Scheduling:Overdue:Enabled", "false");
            // The process tests drive the engine themselves (ProcessEngine.RunDueAsync).
            host.UseSetting("Scheduling:Processes:EngineEnabled", "false");
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
                services.AddSingleton<CrmSuite.Scheduling.Api.Processes.Engine.ProcessCompiler, Processes.DrawnProcesses>();
                services.AddHttpClient(CrmAuthenticationExtensions.BackchannelClientName).ConfigurePrimaryHttpMessageHandler(Identity.Handler);
                if (handler is not null)
                {
                    services.AddGrpcClient<ClientsContracts.Companies.CompaniesClient>(g => g.Address = clientsAddress).ConfigurePrimaryHttpMessageHandler(handler);
                    services.AddGrpcClient<ClientsContracts.Deals.DealsClient>(g => g.Address = clientsAddress).ConfigurePrimaryHttpMessageHandler(handler);
                    services.AddGrpcClient<ClientsContracts.Leads.LeadsClient>(g => g.Address = clientsAddress).ConfigurePrimaryHttpMessageHandler(handler);
                }
                moreServices?.Invoke(services);
            });
        });

    public Caller As(TestUser user)
    {
        var token = TestTokens.For(user, TimeSpan.FromHours(2));
        var http = _factory!.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var invoker = _channel!.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        });
        return new Caller(http, new Items.ItemsClient(invoker), new Notifications.NotificationsClient(invoker), new CalendarFeeds.CalendarFeedsClient(invoker));
    }

    /// <summary>The scheduling service's gRPC channel carrying <paramref name="user"/>'s token, for the clients of other proto services.</summary>
    public CallInvoker Grpc(TestUser user)
    {
        var token = TestTokens.For(user, TimeSpan.FromHours(2));
        return _channel!.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        });
    }

    public HttpClient Anonymous() => _factory!.CreateClient();

    public IServiceProvider Services => _factory!.Services;

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        _clientsChannel?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        if (_clients is not null)
        {
            await _clients.DisposeAsync();
        }
    }

    // ------------------------------------------------------------ the clients service's records

    /// <summary>The clients service's gRPC channel carrying <paramref name="user"/>'s token.</summary>
    public CallInvoker ClientsInvoker(TestUser user)
    {
        var token = TestTokens.For(user, TimeSpan.FromHours(2));
        return _clientsChannel!.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        });
    }

    /// <summary>A company owned by <paramref name="owner"/>, with a contact and an open deal.</summary>
    public async Task<(string Company, string Contact, string Deal)> ClientAsync(TestUser owner)
    {
        var invoker = ClientsInvoker(owner);
        var companies = new ClientsContracts.Companies.CompaniesClient(invoker);
        var company = await companies.CreateCompanyAsync(new ClientsContracts.CreateCompanyRequest { Name = "Клиент " + Guid.NewGuid().ToString("N")[..6] }, cancellationToken: Ct);
        var contact = await companies.CreateContactAsync(new ClientsContracts.CreateContactRequest { CompanyId = company.Id, FullName = "Иван Петров", Phone = "+7 903 100-00-01" }, cancellationToken: Ct);
        var deal = await new ClientsContracts.Deals.DealsClient(invoker).CreateDealAsync(new ClientsContracts.CreateDealRequest
        {
            Title = "Сделка " + company.Name, CompanyId = company.Id, Amount = "1000.00", Currency = "RUB",
        }, cancellationToken: Ct);
        return (company.Id, contact.Id, deal.Id);
    }

    public async Task<string> LeadAsync(TestUser owner) =>
        (await new ClientsContracts.Leads.LeadsClient(ClientsInvoker(owner)).CreateLeadAsync(new ClientsContracts.CreateLeadRequest
        {
            PersonName = "Мария Лидова", CompanyName = "Лид " + Guid.NewGuid().ToString("N")[..6], Phone = "+7 903 200-00-0" + Random.Shared.Next(10),
        }, cancellationToken: Ct)).Id;

    // ------------------------------------------------------------ helpers a test reads like a story

    /// <summary>A one-hour meeting in Berlin owned by <paramref name="owner"/>.</summary>
    public async Task<Item> MeetingAsync(TestUser owner, string start = "2026-03-10T09:00", string end = "2026-03-10T10:00", Action<CreateItemRequest>? edit = null)
    {
        var request = new CreateItemRequest { Kind = ItemKind.Meeting, Title = "Встреча " + Guid.NewGuid().ToString("N")[..6], Start = start, End = end, TimeZone = "Europe/Berlin" };
        edit?.Invoke(request);
        return await As(owner).Items.CreateItemAsync(request, cancellationToken: Ct);
    }

    public Task<long> ScalarAsync(string sql, params object[] parameters) => OutboxReader.ScalarAsync(ConnectionString, sql, parameters, Ct);

    /// <summary>Events the service queued in its outbox for a topic (no sidecar in these tests: they stay there).</summary>
    public Task<List<JsonElement>> OutboxAsync(string topic) => OutboxReader.EventsAsync(ConnectionString, topic, Ct);

    public async Task<List<JsonElement>> AuditAsync(string action, string entityId) =>
        (await OutboxAsync("audit")).Where(e => e.GetProperty("action").GetString() == action && e.GetProperty("entityId").GetString() == entityId).ToList();

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);

    /// <summary>The fields a 400 problem+json names.</summary>
    public static async Task<List<string>> BadFieldsAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        var problem = await ReadJsonAsync(response);
        return problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(p => p.Name)] : [];
    }
}
