using CrmSuite.Scheduling.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmSuite.Scheduling.Api.Channels;

public enum SendOutcome { Sent, Retry, Failed, Cancelled }

/// <summary>How one claimed row's send went: its id, the attempts counted so far, and why it was not sent.</summary>
public sealed record SendResult(Guid Id, int Attempts, SendOutcome Outcome, string? Reason);

/// <summary>
/// Sends the rows of an outgoing queue table (reminder deliveries, business processes' mails), safe
/// with any number of replicas. A claim leases a batch of due rows (<c>FOR UPDATE SKIP LOCKED</c>,
/// then <c>next_attempt_at</c> moves a lease ahead and the transaction commits at once, so no lock
/// is held during a send); the sends run; each row is then marked sent, retried after an exponential
/// backoff, or failed — only if the lease is still this claim's (a replica that outlived its lease
/// writes nothing). A replica that dies mid-batch leaves its rows to the next claim after the lease.
/// The table has the columns id, status (<see cref="DeliveryState"/>), attempts, next_attempt_at,
/// sent_at, failed_at and last_error.
/// </summary>
public abstract class LeasedDispatcher(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ChannelOptions> options, ILogger logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    protected ChannelOptions Options => options.Value;

    protected DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The queue table (a constant of the subclass, never input).</summary>
    protected abstract string Table { get; }

    /// <summary>Whether this replica's loops run at all (besides <see cref="ChannelOptions.DispatcherEnabled"/>).</summary>
    protected virtual bool Enabled => true;

    /// <summary>Claims, sends and records one batch; returns how many rows it claimed.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var now = clock.GetUtcNow();
        var lease = LeaseFrom(now);
        var ids = await ClaimAsync(db, now, lease, cancellationToken);
        if (ids.Count > 0)
        {
            await SendClaimedAsync(db, ids, lease, cancellationToken);
        }
        return ids.Count;
    }

    /// <summary>Sends the claimed rows (<see cref="SendAllAsync"/>) and records how each went (<see cref="MarkAsync"/>).</summary>
    protected abstract Task SendClaimedAsync(SchedulingDbContext db, List<Guid> ids, DateTimeOffset lease, CancellationToken cancellationToken);

    /// <summary>The rows' sends, up to <see cref="ChannelOptions.Parallelism"/> at once.</summary>
    protected async Task<SendResult[]> SendAllAsync<T>(IEnumerable<T> rows, Func<T, CancellationToken, Task<SendResult>> send, CancellationToken cancellationToken)
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<SendResult>();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (row, token) => results.Add(await send(row, token)));
        return [.. results];
    }

    /// <summary>Something was queued in this process: every batch loop claims now instead of at the next poll.</summary>
    public void Wake()
    {
        var missing = options.Value.Workers - _wake.CurrentCount;
        if (missing > 0)
        {
            _wake.Release(missing);
        }
    }

    /// <summary>The lease of a claim made now, in microseconds as PostgreSQL stores it: it is also the claim's mark.</summary>
    private DateTimeOffset LeaseFrom(DateTimeOffset now) => new((now + options.Value.Lease).UtcTicks / 10 * 10, TimeSpan.Zero);

    private async Task<List<Guid>> ClaimAsync(SchedulingDbContext db, DateTimeOffset now, DateTimeOffset lease, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await IdsAsync(db, $"""
            WITH due AS (
                SELECT q.id FROM {Table} q
                WHERE q.status = 1 AND q.next_attempt_at <= @now
                ORDER BY q.next_attempt_at, q.id
                LIMIT @batch
                FOR UPDATE SKIP LOCKED)
            UPDATE {Table} q SET attempts = q.attempts + 1, next_attempt_at = @lease
            FROM due WHERE q.id = due.id
            RETURNING q.id
            """, cancellationToken, ("now", now), ("lease", lease), ("batch", options.Value.BatchSize));
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    /// <summary>
    /// One send: sent; failed at once when the far side refuses for good (<see cref="ChannelSendException.Permanent"/>);
    /// otherwise retried, until <see cref="ChannelOptions.MaxAttempts"/> attempts have failed.
    /// </summary>
    protected async Task<SendResult> TryAsync(Guid id, int attempts, string what, Func<Task> send, CancellationToken cancellationToken)
    {
        try
        {
            await send();
            return new(id, attempts, SendOutcome.Sent, null);
        }
        catch (ChannelSendException e) when (e.Permanent)
        {
            return new(id, attempts, SendOutcome.Failed, e.Message);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = e is ChannelSendException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            logger.LogInformation("Sending {What} {Id} failed (attempt {Attempt}): {Reason}", what, id, attempts, reason);
            return attempts >= options.Value.MaxAttempts
                ? new(id, attempts, SendOutcome.Failed, $"{reason} (after {attempts} attempts)")
                : new(id, attempts, SendOutcome.Retry, reason);
        }
    }

    /// <summary>
    /// Marks each result's row, in the caller's transaction, if the row is still leased by this
    /// claim; returns the results whose row was marked (the sent and the finally failed ones are
    /// the caller's to report, once).
    /// </summary>
    protected async Task<List<SendResult>> MarkAsync(SchedulingDbContext db, IReadOnlyCollection<SendResult> results, DateTimeOffset lease, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var ours = $"WHERE id = ANY(@ids) AND status = {(short)DeliveryState.Pending} AND next_attempt_at = @lease RETURNING id";
        var marked = new List<SendResult>();
        var sent = results.Where(r => r.Outcome == SendOutcome.Sent).ToDictionary(r => r.Id);
        if (sent.Count > 0)
        {
            var ids = await IdsAsync(db, $"UPDATE {Table} SET status = {(short)DeliveryState.Sent}, sent_at = @now, last_error = NULL {ours}", cancellationToken,
                ("ids", sent.Keys.ToArray()), ("lease", lease), ("now", now));
            marked.AddRange(ids.Select(id => sent[id]));
        }
        foreach (var result in results.Where(r => r.Outcome != SendOutcome.Sent))
        {
            var reason = Cut(result.Reason ?? "unknown", 1000);
            var set = result.Outcome switch
            {
                SendOutcome.Retry => "next_attempt_at = @next, last_error = @reason",
                SendOutcome.Cancelled => $"status = {(short)DeliveryState.Cancelled}, last_error = @reason",
                _ => $"status = {(short)DeliveryState.Failed}, failed_at = @now, last_error = @reason",
            };
            var next = now + options.Value.RetryDelay(result.Attempts);
            if ((await IdsAsync(db, $"UPDATE {Table} SET {set} {ours}", cancellationToken,
                ("ids", new[] { result.Id }), ("lease", lease), ("now", now), ("next", next), ("reason", reason))).Count == 1)
            {
                marked.Add(result);
            }
        }
        return marked;
    }

    private static async Task<List<Guid>> IdsAsync(SchedulingDbContext db, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    protected static string Cut(string value, int max) => value.Length > max ? value[..max] : value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled || !Enabled)
        {
            return;
        }
        // Several batch loops, each as a replica of its own would run: their claims never share a row.
        await Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchBatchAsync(stoppingToken) == options.Value.BatchSize)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Sending from {Table} failed; retrying in {Interval}", Table, options.Value.PollInterval);
            }
            try
            {
                await _wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
