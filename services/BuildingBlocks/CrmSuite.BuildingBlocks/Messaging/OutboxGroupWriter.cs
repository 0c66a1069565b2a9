using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmSuite.BuildingBlocks.Messaging;

/// <summary>
/// Writes events that accompany no state change (the audit of a read: a record viewed, a list
/// searched) to the outbox by group commit: the events of the reads in flight go in one INSERT
/// (and one NOTIFY), and each caller's task completes only once that commit is done. So a read is
/// still answered only after its audit row is durable, as with a SaveChanges of its own, while
/// concurrent reads share one round trip instead of paying two each (bench/clients-scale).
/// A write keeps using <see cref="OutboxModel.Enqueue{TEvent}"/> in its own transaction.
/// </summary>
public sealed class OutboxGroupWriter<TContext>(IServiceScopeFactory scopes) : BackgroundService
    where TContext : DbContext, IOutboxContext
{
    private const int MaxBatch = 500;
    private readonly Channel<(OutboxMessage Message, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(OutboxMessage, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Commits the event to the outbox together with whatever other reads are being audited now.</summary>
    public Task WriteAsync<TEvent>(string topic, TEvent @event, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((OutboxModel.Message(topic, @event, occurredAt), done)))
        {
            throw new InvalidOperationException("The service is stopping; the read cannot be audited.");
        }
        return done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(OutboxMessage Message, TaskCompletionSource Done)>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<TContext>();
                    db.OutboxMessages.AddRange(batch.Select(b => b.Message));
                    await db.SaveChangesAsync(stoppingToken);
                    batch.ForEach(b => b.Done.TrySetResult());
                }
                catch (Exception ex)
                {
                    // Not written: those reads fail rather than go unaudited.
                    batch.ForEach(b => b.Done.TrySetException(ex));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.Writer.TryComplete();
            var stopped = new InvalidOperationException("The service stopped before the read was audited.");
            batch.ForEach(b => b.Done.TrySetException(stopped));
            while (_queue.Reader.TryRead(out var item))
            {
                item.Done.TrySetException(stopped);
            }
        }
    }
}
