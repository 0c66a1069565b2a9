using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using CrmSuite.Clients.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Gateway.Tests;

/// <summary>
/// A service's own words (an import's line notes, for one) come back in the language of the request. The staff UI's
/// gRPC calls carry the language the person sees the UI in, so a Russian-speaking manager reads Russian notes.
/// </summary>
public sealed class CallLanguageTests : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _languages = new();
    private readonly WebApplication _service;
    private WebApplicationFactory<Program>? _gateway;

    public CallLanguageTests()
    {
        // A stand-in for the clients service on real h2c: it records the request's language and answers every call
        // with a trailers-only "unimplemented", which is all the gateway's client needs to finish the call.
        var builder = WebApplication.CreateSlimBuilder();
        // Not the gateway's appsettings.json (copied beside the tests), whose Kestrel endpoints would be opened too.
        builder.Configuration.Sources.Clear();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        _service = builder.Build();
        _service.Run(context =>
        {
            _languages.Enqueue(context.Request.Headers.AcceptLanguage.ToString());
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "12";
            return Task.CompletedTask;
        });
    }

    [Theory]
    [InlineData("ru-RU")]
    [InlineData("en-GB")]
    public async Task A_staff_UI_call_carries_the_language_the_person_sees(string culture)
    {
        await _service.StartAsync(TestContext.Current.CancellationToken);
        var address = _service.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("Identity:Issuer", "http://crm.test/");
            host.UseSetting("Identity:Clients:Gateway:Secret", "test-secret");
            host.UseSetting("ConnectionStrings:gatewaydb", GatewayTestDatabase.Shared);
            host.UseSetting("services:identity:http:0", address);
            host.UseSetting("services:clients:grpc:0", address);
        });
        await using var circuit = _gateway.Services.CreateAsyncScope();
        circuit.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext =
            new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "manager")], "test")) };
        var companies = circuit.ServiceProvider.GetRequiredService<Companies.CompaniesClient>();

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var failure = await Assert.ThrowsAsync<RpcException>(async () =>
                await companies.GetCompanyAsync(new GetCompanyRequest { Id = "c-1" }, cancellationToken: TestContext.Current.CancellationToken));
            Assert.Equal(StatusCode.Unimplemented, failure.StatusCode);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        Assert.Equal(culture, Assert.Single(_languages));
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
        await _service.DisposeAsync();
    }
}
