using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CrmSuite.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CrmSuite.ScaleOutTests;

/// <summary>
/// A subscriber app as the pub/sub emulator (or a Dapr sidecar) sees it: <c>/dapr/subscribe</c> lists
/// the topic, every delivery is answered SUCCESS and counted by its CloudEvent id. It listens on one
/// address per publishing replica (each replica has its own emulator pointing at its own address), so
/// the counts also say which replica's relay published each event.
/// </summary>
public sealed class EventCounter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Id, int Via, JsonElement Data)> _received = new();

    private EventCounter(WebApplication app, IReadOnlyList<Uri> addresses)
    {
        _app = app;
        Addresses = addresses;
    }

    /// <summary>One address per replica, in the order given to <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    public IReadOnlyList<(string Id, int Via, JsonElement Data)> Received => [.. _received];

    public static async Task<EventCounter> StartAsync(string topic, int replicas)
    {
        var ports = Enumerable.Range(0, replicas).Select(_ => PostgresServer.FreePort()).ToList();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => ports.ForEach(port => kestrel.Listen(IPAddress.Loopback, port)));
        var app = builder.Build();
        var counter = new EventCounter(app, [.. ports.Select(p => new Uri($"http://127.0.0.1:{p}"))]);
        app.MapGet("/dapr/subscribe", () => Results.Json(new[] { new { pubsubname = "pubsub", topic, route = "/events" } }));
        app.MapPost("/events", async (HttpContext context) =>
        {
            using var cloudEvent = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = cloudEvent.RootElement;
            counter._received.Enqueue((root.GetProperty("id").GetString()!, ports.IndexOf(context.Connection.LocalPort),
                root.TryGetProperty("data", out var data) ? data.Clone() : default));
            return Results.Json(new { status = "SUCCESS" });
        });
        await app.StartAsync();
        return counter;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
