using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Clients.Api.Demo;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// The clients service in-process (TestServer) against its own fresh database on the real
/// PostgreSQL, migrated by the same step the AppHost and Kubernetes run. One per test class.
/// </summary>
public class ClientsApi : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private GrpcChannel? _channel;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>REST as a Director (sees every company).</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>gRPC as a Director (sees every company).</summary>
    public Companies.CompaniesClient Grpc { get; private set; } = null!;

    /// <summary>REST without any token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        ConnectionString = await postgres.CreateDatabaseAsync("clients");
        var exit = await ClientsMigrator.RunAsync(["migrate", $"--ConnectionStrings:clientsdb={ConnectionString}"]);
        Assert.Equal(0, exit);

        _factory = NewHost();
        Anonymous = _factory.CreateClient();
        _channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
        (Http, Grpc) = As(TestUser.Director);
    }

    private WebApplicationFactory<Program> NewHost() => new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
    {
        host.UseSetting("ConnectionStrings:clientsdb", ConnectionString);
        host.UseSetting("Identity:Issuer", TestTokens.Issuer);
        host.ConfigureTestServices(services => services.TrustTestTokens());
        Configure(host);
    });

    /// <summary>
    /// Another instance of the service on the same database, as a second replica (pod) runs in
    /// Kubernetes; the caller disposes it.
    /// </summary>
    public WebApplicationFactory<Program> StartReplica() => NewHost();

    /// <summary>The services of this fixture's host.</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>REST with the user's access token to <paramref name="host"/> (this fixture's service or a replica).</summary>
    public static HttpClient HttpAs(WebApplicationFactory<Program> host, TestUser user)
    {
        var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(user));
        return http;
    }

    /// <summary>REST and gRPC clients that carry the user's access token.</summary>
    public (HttpClient Http, Companies.CompaniesClient Grpc) As(TestUser user)
    {
        return (HttpAs(_factory!, user), new Companies.CompaniesClient(InvokerFor(TestTokens.For(user))));
    }

    /// <summary>gRPC calls carrying the user's access token, for any of the service's clients.</summary>
    public CallInvoker InvokerFor(TestUser user) => InvokerFor(TestTokens.For(user));

    /// <summary>More settings for the host, by a fixture that needs them.</summary>
    protected virtual void Configure(IWebHostBuilder host)
    {
    }

    /// <summary>The custom fields API over gRPC as this user.</summary>
    public CustomFields.CustomFieldsClient CustomFieldsAs(TestUser user)
    {
        return new CustomFields.CustomFieldsClient(InvokerFor(user));
    }

    private CallInvoker InvokerFor(string token) => _channel!.Intercept(metadata =>
    {
        metadata.Add("Authorization", "Bearer " + token);
        return metadata;
    });

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        Http?.Dispose();
        Anonymous?.Dispose();
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
