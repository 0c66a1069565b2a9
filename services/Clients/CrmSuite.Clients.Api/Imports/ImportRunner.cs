using CrmSuite.Clients.Contracts.Events;
using System.Threading.Channels;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Imports;

public sealed class ImportOptions
{
    public const string Section = "Clients:Imports";

    /// <summary>Rows per transaction of a run: progress moves (and a restart resumes) per batch.</summary>
    public int BatchSize { get; set; } = 10_000;
}

/// <summary>
/// Runs started imports in the background, one batch of rows per transaction. Each batch is
/// set-based SQL over the row plans (no row goes through the application twice): the previous
/// row of every company it changes is journalled (for undo), then updates, merges and inserts,
/// then the progress. A batch locks its import row and checks the progress it expects, so a
/// restarted or second replica resumes where the last commit left off and never repeats a batch.
/// The hot path of an import (with the binary COPY in ImportUploads and ImportPlanner): measured by
/// ImportScaleTests, 100,000 rows, whose rows/s per step go to the test report.
/// </summary>
public sealed class ImportRunner(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ImportOptions> options, ILogger<ImportRunner> logger) : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();

    private const string Effective = "coalesce(p.chosen_action, p.suggested_action)";
    private const string Batch = "p.import_id = {0} AND p.row_number > {1} AND p.row_number <= {2}";

    // A merge only fills what the company lacks; one that fills nothing leaves the company as it
    // was (not journalled, not rewritten with all its indexes and search words).
    private const string MergeFills = "((c.inn IS NULL AND p.inn IS NOT NULL) OR (c.email IS NULL AND p.email IS NOT NULL) OR (c.phone IS NULL AND p.phone IS NOT NULL))";

    // {0} import id, {1} rows done, {2} batch end, {3} run time, {4} owner, {5} team.
    // The NOTIFY wakes the relay at the batch's commit for the CompanyCreated events it queued.
    private static readonly string[] BatchSql =
    [
        $$"""
        INSERT INTO import_changes (import_id, company_id, row_number, kind, previous)
        SELECT p.import_id, c.id, p.row_number, {{Effective}}, to_jsonb(c)
        FROM import_row_plans p JOIN companies c ON c.id = p.match_id
        WHERE {{Batch}} AND ({{Effective}} = 2 OR ({{Effective}} = 3 AND {{MergeFills}}))
        ON CONFLICT DO NOTHING
        """,
        $$"""
        UPDATE companies c SET name = p.name, inn = coalesce(p.inn, c.inn), email = coalesce(p.email, c.email),
            phone = coalesce(p.phone, c.phone), updated_at = {3}, import_id = {0}
        FROM import_row_plans p WHERE {{Batch}} AND {{Effective}} = 2 AND c.id = p.match_id
        """,
        $$"""
        UPDATE companies c SET inn = coalesce(c.inn, p.inn), email = coalesce(c.email, p.email),
            phone = coalesce(c.phone, p.phone), updated_at = {3}, import_id = {0}
        FROM import_row_plans p WHERE {{Batch}} AND {{Effective}} = 3 AND c.id = p.match_id AND {{MergeFills}}
        """,
        $$"""
        INSERT INTO companies (id, name, inn, email, phone, created_at, updated_at, owner_user_id, team_id, import_id)
        SELECT p.new_id, p.name, p.inn, p.email, p.phone, {3}, {3}, {4}, {5}, {0}
        FROM import_row_plans p WHERE {{Batch}} AND {{Effective}} = 1
        """,
        $$"""
        INSERT INTO import_changes (import_id, company_id, row_number, kind)
        SELECT p.import_id, p.new_id, p.row_number, 1
        FROM import_row_plans p WHERE {{Batch}} AND {{Effective}} = 1
        """,
        // CompanyCreated per created company, in the batch's transaction: the outbox row CompanyEvents
        // queues, written here in the same set-based statement (camelCase as the relay's JSON).
        $$"""
        INSERT INTO {{OutboxModel.Table}} (id, topic, payload, occurred_at, attempts)
        SELECT gen_random_uuid(), '{{CompanyCreated.Topic}}', jsonb_build_object(
            'companyId', p.new_id, 'name', p.name, 'ownerUserId', {4}, 'teamId', {5}, 'origin', '{{CompanyCreated.Import}}',
            'leadId', NULL, 'leadSource', NULL, 'importId', {0}, 'occurredAt', {3}), {3}, 0
        FROM import_row_plans p WHERE {{Batch}} AND {{Effective}} = 1
        """,
        $"NOTIFY {OutboxModel.Channel}",
        "UPDATE imports SET rows_done = {2} WHERE id = {0}",
    ];

    public void Enqueue(Guid importId) => _queue.Writer.TryWrite(importId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ResumeRunningAsync(stoppingToken);
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunSafelyAsync(id, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Queues the imports a stopped replica left running. A database that does not answer yet (the
    /// service started before it) is tried again, so the runner never stops the service with it.
    /// </summary>
    private async Task ResumeRunningAsync(CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromSeconds(1); ; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 60)))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
                foreach (var id in await db.Imports.Where(j => j.State == ImportState.Running).Select(j => j.Id).ToListAsync(stoppingToken))
                {
                    Enqueue(id);
                }
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Looking for interrupted imports failed; trying again in {Delay}", delay);
            }
            await Task.Delay(delay, clock, stoppingToken);
        }
    }

    private async Task RunSafelyAsync(Guid id, CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(id, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Import {ImportId} failed", id);
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
                await db.Imports.Where(j => j.Id == id && j.State == ImportState.Running).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, ImportState.Failed)
                    .SetProperty(j => j.FinishedAt, clock.GetUtcNow())
                    .SetProperty(j => j.Failure, "The import stopped on an unexpected error; the rows done so far stay imported and can be undone."), stoppingToken);
            }
            catch (Exception markFailed) when (markFailed is not OperationCanceledException)
            {
                // The database is gone too: the import stays running and the next start resumes it.
                logger.LogWarning(markFailed, "Import {ImportId} could not be marked failed", id);
            }
        }
    }

    private async Task RunAsync(Guid id, CancellationToken cancellationToken)
    {
        var batchSize = Math.Max(1, options.Value.BatchSize);
        while (true)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var job = await db.Imports.FromSql($"SELECT *, xmin FROM imports WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
            if (job is null || job.State != ImportState.Running)
            {
                return;
            }
            if (job.RowsDone >= job.TotalRows)
            {
                await FinishAsync(db, job, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Import {ImportId} finished: {Rows} rows", id, job.TotalRows);
                return;
            }
            var end = Math.Min(job.TotalRows, job.RowsDone + batchSize);
            object[] parameters = [job.Id, job.RowsDone, end, job.RunAt!.Value, job.CreatedBy,
                new Npgsql.NpgsqlParameter("team", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)job.TeamId ?? DBNull.Value }];
            foreach (var sql in BatchSql)
            {
                await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The counts, the state, one audit event and one integration event: one commit.</summary>
    private async Task FinishAsync(ClientsDbContext db, ImportJob job, CancellationToken cancellationToken)
    {
        var counts = await db.ImportRowPlans.Where(p => p.ImportId == job.Id)
            .GroupBy(p => p.ChosenAction ?? p.SuggestedAction)
            .Select(g => new { Action = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Action, g => g.Count, cancellationToken);
        int Count(RowAction action) => counts.GetValueOrDefault(action);
        var now = clock.GetUtcNow();
        job.Created = Count(RowAction.Create);
        job.Updated = Count(RowAction.Update);
        job.Merged = Count(RowAction.Merge);
        job.Skipped = Count(RowAction.Skip);
        job.Errors = Count(RowAction.Error);
        job.State = ImportState.Completed;
        job.FinishedAt = now;
        var summary = new { importId = job.Id, job.FileName, job.TotalRows, job.Created, job.Updated, job.Merged, job.Skipped, job.Errors };
        db.Audit(AuditEvent.OnBehalfOf(job.CreatedBy, job.CreatedByName, job.CreatedByRole, now, "clients.import.completed", "import", job.Id.ToString(),
            details: summary));
        db.Enqueue(CompaniesImported.Topic, new CompaniesImported(job.Id, job.Created, job.Updated, job.Merged, job.Skipped, job.Errors, now), now);
        await db.SaveChangesAsync(cancellationToken);
    }
}
