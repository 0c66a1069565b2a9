using System.Net;
using System.Net.Sockets;
using CrmSuite.Clients.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmSuite.Gateway.Tests;

/// <summary>
/// The staff UI's gRPC clients live in the circuit's scope and read the user from the circuit's
/// connection. A person who closes the tab while a call starts ends the circuit under that call:
/// the call must end as cancelled, and the gateway's log must not show ObjectDisposedException.
/// </summary>
public sealed class CircuitEndTests : IAsyncDisposable
{
    private readonly CapturedLogs _logs = new();
    private readonly WebApplicationFactory<Program> _gateway;

    public CircuitEndTests()
    {
        var closedPort = ClosedPort();
        _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("Identity:Issuer", "http://crm.test/");
            host.UseSetting("Identity:Clients:Gateway:Secret", "test-secret");
            host.UseSetting("ConnectionStrings:gatewaydb", GatewayTestDatabase.Shared);
            host.UseSetting("services:identity:http:0", $"http://127.0.0.1:{closedPort}");
            host.UseSetting("services:clients:grpc:0", $"http://127.0.0.1:{closedPort}");
            host.ConfigureLogging(logging => logging.AddProvider(_logs));
        });
    }

    [Fact]
    public async Task A_call_started_as_the_circuit_scope_is_disposed_ends_cancelled()
    {
        var circuit = _gateway.Services.CreateAsyncScope();
        var companies = circuit.ServiceProvider.GetRequiredService<Companies.CompaniesClient>();
        await circuit.DisposeAsync();

        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
            await companies.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "ромашка" }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.Cancelled, failure.StatusCode);
        AssertNoObjectDisposedLogged();
    }

    [Fact]
    public async Task A_call_whose_circuit_connection_ended_ends_cancelled()
    {
        await using var circuit = _gateway.Services.CreateAsyncScope();
        var companies = circuit.ServiceProvider.GetRequiredService<Companies.CompaniesClient>();
        // The circuit's connection request (the websocket) ends: ASP.NET Core disposes its HttpContext,
        // which the call still reaches through IHttpContextAccessor to find the user.
        var connection = new DefaultHttpContext();
        circuit.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = connection;
        connection.Uninitialize();

        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
            await companies.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "ромашка" }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.Cancelled, failure.StatusCode);
        AssertNoObjectDisposedLogged();
    }

    private void AssertNoObjectDisposedLogged()
    {
        var disposed = _logs.Entries.Where(e => Chain(e.Exception).Any(x => x is ObjectDisposedException)
            || e.Message.Contains(nameof(ObjectDisposedException), StringComparison.Ordinal)).ToList();
        Assert.True(disposed.Count == 0, "Logged: " + string.Join(Environment.NewLine, disposed.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception}")));
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
