using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Imports;

/// <summary>
/// Works out import previews in the background (a 100,000-row file takes seconds at a million
/// companies), with the importer's own view of the client base: the request that set the mapping
/// answers at once with PREVIEWING, and GetImport shows the rows checked so far. A preview cut off
/// by a stop or an error leaves the import as uploaded, with the reason, to be previewed again.
/// </summary>
public sealed class ImportPreviewer(IServiceScopeFactory scopes, ILogger<ImportPreviewer> logger) : BackgroundService
{
    private const string Interrupted = "The preview was interrupted (the service restarted); show it again.";
    private const string Broken = "The preview stopped on an unexpected error; show it again.";

    // Not disposed on purpose: a host may be disposed before it is stopped (a test host is), and a
    // source without timers or links holds nothing to free.
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _running = [];

    public void Start(Guid importId, string[] mapping, Visibility visibility)
    {
        var work = Task.Run(() => PreviewAsync(importId, mapping, visibility, _stopping.Token));
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(work);
        }
    }

    /// <summary>Previews cut off by the last stop are handed back to the person.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
        await ResetAsync(db, null, Interrupted, stoppingToken);
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
                // The next start hands it back (ExecuteAsync).
                logger.LogWarning(resetFailure, "Import {ImportId} stays previewing until the next start", importId);
            }
        }
    }

    private static Task<int> ResetAsync(ClientsDbContext db, Guid? importId, string reason, CancellationToken cancellationToken) =>
        db.Imports.Where(j => j.State == ImportState.Previewing && (importId == null || j.Id == importId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, ImportState.Uploaded)
                .SetProperty(j => j.RowsDone, 0)
                .SetProperty(j => j.Failure, reason), cancellationToken);
}
