using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Clients.Api.Demo;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// The clients service in-process (TestServer) against its own fresh database on the real
/// PostgreSQL, migrated by the same step the AppHost and Kubernetes run. One per test class.
/// </summary>
public sealed class ClientsApi : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private GrpcChannel? _channel;

    public string ConnectionString { get; private set; } = string.Empty;

    public HttpClient Http { get; private set; } = null!;

    public Companies.CompaniesClient Grpc { get; private set; } = null!;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        ConnectionString = await postgres.CreateDatabaseAsync("clients");
        var exit = await ClientsMigrator.RunAsync(["migrate", $"--ConnectionStrings:clientsdb={ConnectionString}"]);
        Assert.Equal(0, exit);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
            host.UseSetting("ConnectionStrings:clientsdb", ConnectionString));
        Http = _factory.CreateClient();
        _channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
        Grpc = new Companies.CompaniesClient(_channel);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        Http?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    public async Task<Company> CreateCompanyAsync(string name, string inn = "", string email = "", string phone = "") =>
        await Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = name, Inn = inn, Email = email, Phone = phone });

    public async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json);
}
