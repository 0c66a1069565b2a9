using System.Threading.Channels;
using CrmSuite.Audit.Api.Entries;
using Npgsql;

namespace CrmSuite.Audit.Api.Chain;

/// <summary>
/// Group commit for delivered events. Appends are sequential by nature (each links to the previous
/// hash under the chain-head lock), so one transaction per event would cap ingestion at one disk
/// flush per event. Concurrent deliveries are queued here and a single writer appends everything
/// waiting in one transaction (one flush), then answers each delivery. An entry is acknowledged
/// only after its transaction committed.
/// </summary>
public sealed class GroupCommit(AuditChain chain, ILogger<GroupCommit> logger) : BackgroundService
{
    private const int MaxGroup = 500;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Appends the entry together with whatever else is waiting; true when it was stored before.</summary>
    public async Task<bool> AppendAsync(NewAuditEntry entry, CancellationToken cancellationToken)
    {
        var pending = new Pending(entry, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<Pending>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            group.Clear();
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }
            await AppendGroupAsync(group, stoppingToken);
        }
    }

    private async Task AppendGroupAsync(List<Pending> group, CancellationToken cancellationToken)
    {
        try
        {
            var result = await chain.AppendAsync([.. group.Select(p => p.Entry)], cancellationToken);
            var appended = result.Appended.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
            var answered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pending in group)
            {
                // The first delivery of an id in the group stored it; a second one in the same group was a duplicate.
                var storedNow = appended.Contains(pending.Entry.EventId) && answered.Add(pending.Entry.EventId);
                pending.Done.TrySetResult(!storedNow);
            }
        }
        catch (PostgresException ex) when (group.Count > 1 && ex.SqlState.StartsWith("22", StringComparison.Ordinal))
        {
            // One entry's data is refused: append one by one, so only that delivery fails.
            logger.LogInformation("A group of {Count} audit entries was refused ({Reason}); appending them one by one", group.Count, ex.MessageText);
            foreach (var pending in group)
            {
                await AppendGroupAsync([pending], cancellationToken);
            }
        }
        catch (Exception ex)
        {
            foreach (var pending in group)
            {
                pending.Done.TrySetException(ex);
            }
        }
    }

    private sealed record Pending(NewAuditEntry Entry, TaskCompletionSource<bool> Done);
}
