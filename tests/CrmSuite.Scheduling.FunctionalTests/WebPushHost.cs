using System.Buffers.Text;
using System.Security.Cryptography;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>A VAPID key pair as `web-push generate-vapid-keys` makes it: P-256, public uncompressed, both base64url.</summary>
public sealed record VapidKeys(string PublicKey, string PrivateKey)
{
    public static VapidKeys New()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        return new VapidKeys(Base64Url.EncodeToString([0x04, .. p.Q.X!, .. p.Q.Y!]), Base64Url.EncodeToString(p.D));
    }
}

/// <summary>
/// The scheduling service (as <see cref="SchedulingApi"/>: real PostgreSQL, real clients service
/// beside it) plus a second host on the same database with browser notifications configured, the
/// way an administrator turns them on: Scheduling:WebPush with a VAPID key pair.
/// </summary>
public sealed class WebPushHost : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _unconfigured;
    private WebApplicationFactory<Program>? _configured;
    private GrpcChannel? _channel;

    public SchedulingApi Api { get; } = new();
    public VapidKeys Vapid { get; } = VapidKeys.New();
    public const string Subject = "mailto:it@crm.example";

    public async ValueTask InitializeAsync()
    {
        await Api.InitializeAsync();
        _configured = WithVapid(Vapid);
        _channel = GrpcChannel.ForAddress(_configured.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _configured.Server.CreateHandler() });
    }

    /// <summary>Another host on the same database signing with <paramref name="keys"/>. Disposed with this fixture.</summary>
    public WebApplicationFactory<Program> WithVapid(VapidKeys keys)
    {
        // The clients service is not needed for devices; its address answers nothing.
        _unconfigured ??= Api.StartWithClientsAt(new Uri("http://127.0.0.1:9"));
        return _unconfigured.WithWebHostBuilder(host =>
        {
            host.UseSetting("Scheduling:WebPush:PublicKey", keys.PublicKey);
            host.UseSetting("Scheduling:WebPush:PrivateKey", keys.PrivateKey);
            host.UseSetting("Scheduling:WebPush:Subject", Subject);
        });
    }

    public IServiceProvider Services => _configured!.Services;

    /// <summary>The REST API as the person calls it through the gateway (bearer token).</summary>
    public HttpClient Http(TestUser user)
    {
        var http = _configured!.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(user, TimeSpan.FromHours(2)));
        return http;
    }

    /// <summary>The gRPC API as the staff UI calls it.</summary>
    public PushDevices.PushDevicesClient Grpc(TestUser user)
    {
        var token = TestTokens.For(user, TimeSpan.FromHours(2));
        return new PushDevices.PushDevicesClient(_channel!.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        }));
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_unconfigured is not null)
        {
            // Disposes the hosts made from it too.
            await _unconfigured.DisposeAsync();
        }
        await Api.DisposeAsync();
    }
}
