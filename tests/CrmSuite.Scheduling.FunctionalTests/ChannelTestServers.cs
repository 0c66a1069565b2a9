using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using CrmSuite.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// A real SMTP server in-process on a free loopback port (SmtpServer): it keeps every message it
/// accepts, or refuses the DATA with the code a test sets.
/// </summary>
public sealed class TestSmtpServer : MessageStore, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public int Port { get; } = PostgresServer.FreePort();
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();
    /// <summary>Every DATA the server was offered, accepted or not.</summary>
    public int Offered => _offered;
    private int _offered;

    /// <summary>SMTP sessions (connections) opened and ended so far.</summary>
    public int Sessions => _sessions;
    public int SessionsEnded => _sessionsEnded;
    private int _sessions;
    private int _sessionsEnded;

    /// <summary>Set: the server answers this code (451: try later; 554: refused) instead of accepting.</summary>
    public SmtpReplyCode? Refuse { get; set; }

    /// <param name="idleTimeout">Set: the server ends a session that sends no command for this long (its idle timeout).</param>
    public static TestSmtpServer Start(TimeSpan? idleTimeout = null)
    {
        var server = new TestSmtpServer();
        var builder = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port)));
        if (idleTimeout is { } timeout)
        {
            builder.CommandWaitTimeout(timeout);
        }
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(server);
        var smtp = new SmtpServer.SmtpServer(builder.Build(), provider);
        smtp.SessionCreated += (_, _) => Interlocked.Increment(ref server._sessions);
        smtp.SessionCompleted += (_, _) => Interlocked.Increment(ref server._sessionsEnded);
        smtp.SessionFaulted += (_, _) => Interlocked.Increment(ref server._sessionsEnded);
        server._running = smtp.StartAsync(server._stop.Token);
        return server;
    }

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _offered);
        if (Refuse is { } code)
        {
            return new SmtpResponse(code, "Test server refuses");
        }
        await using var stream = new MemoryStream(buffer.ToArray());
        Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
        return SmtpResponse.Ok;
    }

    public (string, string)[] Settings(params (string, string)[] more) =>
    [
        ("Scheduling:Email:Host", "127.0.0.1"),
        ("Scheduling:Email:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Scheduling:Email:From", "crm@example.com"),
        ("Scheduling:Email:Tls", "None"),
        ("Scheduling:Channels:PublicBaseUrl", "https://crm.example.com"),
        .. more,
    ];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }
}

/// <summary>An SMS provider's HTTP API on real loopback Kestrel: it records each request and answers the statuses a test queues (then 200).</summary>
public sealed class TestSmsProvider : IAsyncDisposable
{
    private readonly WebApplication _app;

    public sealed record Received(string Method, string PathAndQuery, string Body, string? Authorization, int Answered);

    public ConcurrentQueue<Received> Requests { get; } = new();
    public ConcurrentQueue<int> Answers { get; } = new();
    public Uri Address { get; }

    private TestSmsProvider(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public static async Task<TestSmsProvider> StartAsync()
    {
        var port = PostgresServer.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new TestSmsProvider(app, address);
        app.Map("/{**path}", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var status = provider.Answers.TryDequeue(out var queued) ? queued : 200;
            provider.Requests.Enqueue(new Received(http.Request.Method, http.Request.Path + http.Request.QueryString, body, http.Request.Headers.Authorization, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        return provider;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
