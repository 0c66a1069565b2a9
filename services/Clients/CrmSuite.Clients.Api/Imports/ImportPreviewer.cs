using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmSuite.Clients.Api.Imports;

/// <summary>
/// Works out import previews in the background (a 100,000-row file takes seconds at a million
/// companies), with the importer's own view of the client base: the request that set the mapping
/// answers at once with PREVIEWING, and GetImport shows the rows checked so far. A preview cut off
/// by a stop or an error leaves the import as uploaded, with the reason, to be previewed again.
/// While a preview is worked out its replica holds a lease on it (<see cref="TryLeaseAsync"/>), so
/// that another replica starting meanwhile does not take it for one cut off.
/// </summary>
public sealed class ImportPreviewer(IServiceScopeFactory scopes, ILogger<ImportPreviewer> logger) : BackgroundService
{
    private const string Interrupted = "The preview was interrupted (the service restarted); show it again.";
    private const string Broken = "The preview stopped on an unexpected error; show it again.";

    // Not disposed on purpose: a host may be disposed before it is stopped (a test host is), and a
    // source without timers or links holds nothing to free.
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _running = [];

    /// <summary>
    /// The lease on one import's preview: a session-level advisory lock on a connection of its own,
    /// held while the preview is worked out. Every replica of the service can tell a preview some
    /// replica is still working on (locked) from one whose replica died (the lock went with its
    /// connection). Null when somebody holds it already.
    /// </summary>
    public async Task<PreviewLease?> TryLeaseAsync(Guid importId, CancellationToken cancellationToken)
    {
        string connectionString;
        using (var scope = scopes.CreateScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<ClientsDbContext>().Database.GetConnectionString()
                ?? throw new InvalidOperationException("The clients database has no connection string.");
        }
        // Its own physical connection (no pool), so that closing it ends the session and frees the
        // lock; keepalives make a replica whose node vanished lose it within a minute or so.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = 15,
            TcpKeepAlive = true,
            TcpKeepAliveTime = 30,
            TcpKeepAliveInterval = 10,
        }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({PreviewLease.Key})", connection);
            command.Parameters.AddWithValue(importId.ToString());
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                return new PreviewLease(importId, connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>
    /// The lease for a new preview of an import that is not previewing: held at most for moments
    /// by then (a preview finishing, a replica's start looking for orphans), so waited for briefly.
    /// </summary>
    public async Task<PreviewLease?> LeaseForNewPreviewAsync(Guid importId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var lease = await TryLeaseAsync(importId, cancellationToken);
            if (lease is not null || attempt == 50)
            {
                return lease;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>Works out the preview in the background; the lease is released when it is done.</summary>
    public void Start(PreviewLease lease, string[] mapping, Visibility visibility)
    {
        var work = Task.Run(async () =>
        {
            await using (lease)
            {
                await PreviewAsync(lease.ImportId, mapping, visibility, _stopping.Token);
            }
        });
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(work);
        }
    }

    /// <summary>
    /// Previews cut off by a replica's stop or crash are handed back to the person: at start, and
    /// every minute after (a replica that died leaves its previews to whichever replica looks next).
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(OrphanCheck);
        do
        {
            try
            {
                await HandBackOrphansAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Looking for interrupted import previews failed; trying again in {Interval}", OrphanCheck);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static readonly TimeSpan OrphanCheck = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Hands back every preview no replica is working on any more (its lease is free): the import
    /// is uploaded again, with the reason. A preview another replica is still working on is left
    /// alone. Returns how many were handed back.
    /// </summary>
    public async Task<int> HandBackOrphansAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
        var previewing = await db.Imports.Where(j => j.State == ImportState.Previewing).Select(j => j.Id).ToListAsync(cancellationToken);
        var handedBack = 0;
        foreach (var importId in previewing)
        {
            await using var lease = await TryLeaseAsync(importId, cancellationToken);
            if (lease is not null)
            {
                handedBack += await ResetAsync(db, importId, Interrupted, cancellationToken);
            }
        }
        return handedBack;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }
        await Task.WhenAll(running).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        await base.StopAsync(cancellationToken);
    }

    private async Task PreviewAsync(Guid importId, string[] mapping, Visibility visibility, CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ImportPlanner>().PlanAsync(importId, mapping, visibility, cancellationToken);
        }
        catch (Exception exception)
        {
            var stopped = exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
            if (!stopped)
            {
                logger.LogError(exception, "The preview of import {ImportId} failed", importId);
            }
            try
            {
                using var scope = scopes.CreateScope();
                await ResetAsync(scope.ServiceProvider.GetRequiredService<ClientsDbContext>(), importId, stopped ? Interrupted : Broken, CancellationToken.None);
            }
            catch (Exception resetFailure)
            {
                // Once the lease is released, the next replica to start hands it back (HandBackOrphansAsync).
                logger.LogWarning(resetFailure, "Import {ImportId} stays previewing until a replica of the service starts", importId);
            }
        }
    }

    private static Task<int> ResetAsync(ClientsDbContext db, Guid importId, string reason, CancellationToken cancellationToken) =>
        db.Imports.Where(j => j.State == ImportState.Previewing && j.Id == importId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, ImportState.Uploaded)
                .SetProperty(j => j.RowsDone, 0)
                .SetProperty(j => j.Failure, reason), cancellationToken);
}

/// <summary>A held lease on one import's preview (see <see cref="ImportPreviewer.TryLeaseAsync"/>).</summary>
public sealed class PreviewLease(Guid importId, NpgsqlConnection connection) : IAsyncDisposable
{
    /// <summary>The advisory lock's key for the import id given as $1.</summary>
    internal const string Key = "hashtextextended('clients.import-preview:' || $1, 0)";

    public Guid ImportId { get; } = importId;

    /// <summary>Closing the lease's own connection ends its session, and the lock with it.</summary>
    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
