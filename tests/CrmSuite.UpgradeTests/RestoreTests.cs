using System.Diagnostics;
using System.Text.Json;
using CrmSuite.Testing;

namespace CrmSuite.UpgradeTests;

/// <summary>
/// Issue 15, item 6: a running suite's databases dumped with the chart's own backup script
/// (charts/crmsuite/files/backup.sh, as the CronJob runs it), restored into a fresh PostgreSQL
/// cluster as docs/operations.md says (files/restore.sh, then every service's migrate), and the
/// services started on it: every table holds the same rows, the records answer through the APIs,
/// the audit chain verifies and carries on with new entries.
/// </summary>
public sealed class RestoreTests(SourceSuite source)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Script(string name) => Path.Combine(RepositoryPaths.Root, "charts", "crmsuite", "files", name);

    [Fact]
    public async Task A_backup_restored_into_a_fresh_cluster_keeps_every_row_and_an_intact_audit_chain()
    {
        var backups = Directory.CreateTempSubdirectory("crmsuite-backups-");
        try
        {
            // A run older than the retention, which the backup prunes.
            var old = Directory.CreateDirectory(Path.Combine(backups.FullName, "2026-01-01T023000Z"));
            Directory.SetLastWriteTimeUtc(old.FullName, DateTime.UtcNow.AddDays(-20));
            var databases = SuiteService.All.Select(s => s.Database).ToList();
            var before = new Dictionary<string, IReadOnlyDictionary<string, TableFigures>>();
            foreach (var database in databases)
            {
                before[database] = await DatabaseSnapshot.TakeAsync(source.Postgres.ConnectionString(database));
            }

            var backup = await RunAsync("sh", [Script("backup.sh")], source.Postgres, new()
            {
                ["BACKUP_DATABASES"] = string.Join(' ', databases),
                ["BACKUP_DIR"] = backups.FullName,
                ["BACKUP_RETENTION_DAYS"] = "14",
            });
            var run = Assert.Single(backups.GetDirectories());
            Assert.True(File.Exists(Path.Combine(run.FullName, "COMPLETE")), backup);
            Assert.Equal(databases.Select(d => d + ".dump").Order(), run.GetFiles("*.dump").Select(f => f.Name).Order());
            Assert.Contains("pruned", backup, StringComparison.Ordinal);

            await using var target = await PostgresServer.StartPrivateAsync(durable: false);
            var restore = await RunAsync("sh", [Script("restore.sh"), run.FullName], target, []);

            var rows = 0L;
            var tables = 0;
            foreach (var database in databases)
            {
                var after = await DatabaseSnapshot.TakeAsync(target.ConnectionString(database));
                Assert.Equal(before[database].Keys, after.Keys);
                foreach (var (table, figures) in before[database])
                {
                    Assert.True((figures.Rows, figures.KeyDigest, figures.RowDigest) == (after[table].Rows, after[table].KeyDigest, after[table].RowDigest),
                        $"{database}.{table}: {figures.Rows} rows before, {after[table].Rows} after the restore, rows equal: {figures.RowDigest == after[table].RowDigest}\n{restore}");
                    rows += figures.Rows;
                    tables++;
                }
            }
            var sizes = string.Join(", ", run.GetFiles("*.dump").OrderBy(f => f.Name).Select(f => $"{f.Name} {f.Length / 1024.0:F0} KiB"));
            TestReport.Print($"Restore test: {databases.Count} databases dumped by charts/crmsuite/files/backup.sh ({sizes}), restored into a fresh cluster: "
                + $"{tables} tables, {rows} rows, every table's rows identical; an old run pruned.");

            // The documented order: every database restored, then every service's migrate (audit's
            // gives its append-only role back its rights), then the services start and serve what was there.
            await SuiteService.Named("audit").MigrateAsync(target.ConnectionString("auditdb"), source.Issuer.Url);
            await Task.WhenAll(SuiteService.All.Where(s => s.Name != "audit").Select(s => s.MigrateAsync(target.ConnectionString(s.Database), source.Issuer.Url)));
            await using var restored = await RunningSuite.StartAsync(target, source.Issuer.Url);
            foreach (var (id, name) in source.Companies)
            {
                Assert.Equal(name, (await SourceSuite.GetAsync(restored.Clients, $"/v1/companies/{id}")).GetProperty("name").GetString());
            }
            Assert.Equal(source.Companies[0].Id, (await SourceSuite.GetAsync(restored.Clients, $"/v1/deals/{source.DealId}")).GetProperty("companyId").GetString());
            foreach (var movement in source.MovementIds)
            {
                Assert.Equal(movement, (await SourceSuite.GetAsync(restored.Warehouse, $"/v1/warehouse/movements/{movement}")).GetProperty("id").GetString());
            }
            var entries = await SourceSuite.GetAsync(restored.Audit, $"/v1/audit/entries?entityId={source.Companies[0].Id}");
            Assert.Contains(entries.GetProperty("entries").EnumerateArray(), e => e.GetProperty("action").GetString() == "clients.company.created");
            await AssertChainIntactAsync(restored);

            // And the chain carries on from the restored head: a new change is audited and verifies.
            var company = await SourceSuite.PostAsync(restored.Clients, "/v1/companies", new { name = "ООО После восстановления" });
            var newId = company.GetProperty("id").GetString()!;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await SourceSuite.GetAsync(restored.Audit, $"/v1/audit/entries?entityId={newId}")).GetProperty("entries").GetArrayLength() == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "The new company did not reach the restored audit log:\n" + restored.Output);
                await Task.Delay(250, Ct);
            }
            await AssertChainIntactAsync(restored);
        }
        finally
        {
            backups.Delete(recursive: true);
        }
    }

    private static async Task AssertChainIntactAsync(RunningSuite suite)
    {
        var verdict = await SourceSuite.GetAsync(suite.Audit, "/v1/audit/chain:verify");
        Assert.True(verdict.GetProperty("ok").GetBoolean(), verdict.ToString());
    }

    /// <summary>Runs a script with libpq's settings for <paramref name="postgres"/> as its owner; fails with its output.</summary>
    private static async Task<string> RunAsync(string file, string[] arguments, PostgresServer postgres, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(postgres.ConnectionString("postgres"));
        start.Environment["PGHOST"] = settings.Host;
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = settings.Username;
        start.Environment["PGPASSWORD"] = settings.Password;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(arguments[0])} exited with {process.ExitCode}:\n{text}");
        return text;
    }
}
