using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CrmSuite.Testing;

/// <summary>
/// A real SMTP server in-process on a free loopback port (SmtpServer) that keeps every message it accepts:
/// the documents service's functional tests and the end-to-end invoice test send to it.
/// </summary>
public sealed class TestSmtpServer : MessageStore, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public int Port { get; } = PostgresServer.FreePort();
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public static TestSmtpServer Start()
    {
        var server = new TestSmtpServer();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port))).Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(server);
        server._running = new SmtpServer.SmtpServer(options, provider).StartAsync(server._stop.Token);
        return server;
    }

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        await using var stream = new MemoryStream(buffer.ToArray());
        Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
        return SmtpResponse.Ok;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await (_running ?? Task.CompletedTask);
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }
        _stop.Dispose();
    }
}
