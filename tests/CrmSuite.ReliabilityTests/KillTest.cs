using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Testing;
using Npgsql;
using static CrmSuite.ReliabilityTests.KillTestKit;

namespace CrmSuite.ReliabilityTests;

/// <summary>
/// Nothing is lost: while companies are created every few milliseconds, the clients service is
/// SIGKILLed and restarted again and again, and PostgreSQL itself is stopped immediately (as by a
/// power cut) once. Afterwards every company that committed has exactly one "created" row in the
/// audit log: the outbox commits with the change, the relay publishes until the broker accepts,
/// and the audit service stores each CloudEvent id once.
/// </summary>
public sealed class KillTest
{
    private const int Kills = 6;
    private const int Writers = 4;
    private static readonly TimeSpan BetweenKills = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan Healthy = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_committed_change_has_exactly_one_audit_row_after_kills_and_a_database_crash()
    {
        await using var postgres = await PostgresServer.StartPrivateAsync(durable: true);
        await using var issuer = await TestIssuer.StartAsync();
        var clientsDb = postgres.ConnectionString("clientsdb");
        var auditOwnerDb = postgres.ConnectionString("auditdb");
        const string writerPassword = "kill-test-writer";
        var auditWriterDb = $"Host=127.0.0.1;Port={postgres.Port};Username=audit_writer;Password={writerPassword};Database=auditdb";

        var identity = new Dictionary<string, string>
        {
            ["Identity__Issuer"] = TestTokens.Issuer,
            ["Identity__InternalUrl"] = issuer.Url.ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var clientsDll = ServiceProcess.BuiltDll("services/Clients/CrmSuite.Clients.Api", "CrmSuite.Clients.Api");
        var auditDll = ServiceProcess.BuiltDll("services/Audit/CrmSuite.Audit.Api", "CrmSuite.Audit.Api");
        var pubsubDll = ServiceProcess.BuiltDll("AppHost/CrmSuite.PubSubEmulator", "CrmSuite.PubSubEmulator");

        await using (var migrateClients = new ServiceProcess(clientsDll, With(identity, ("ConnectionStrings__clientsdb", clientsDb)), "migrate"))
        {
            await migrateClients.RunToCompletionAsync(TimeSpan.FromMinutes(2));
        }
        await using (var migrateAudit = new ServiceProcess(auditDll, With(identity,
            ("ConnectionStrings__auditdb-owner", auditOwnerDb), ("Audit__WriterPassword", writerPassword)), "migrate"))
        {
            await migrateAudit.RunToCompletionAsync(TimeSpan.FromMinutes(2));
        }

        var (auditHttp, auditGrpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        var (pubsubHttp, pubsubGrpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        var (clientsHttp, clientsGrpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        await using var audit = new ServiceProcess(auditDll, With(identity,
            ("ConnectionStrings__auditdb", auditWriterDb),
            ("Kestrel__Endpoints__http__Url", $"http://127.0.0.1:{auditHttp}"),
            ("Kestrel__Endpoints__grpc__Url", $"http://127.0.0.1:{auditGrpc}")));
        await using var pubsub = new ServiceProcess(pubsubDll, With(identity,
            ("PubSub__Apps__audit", $"http://127.0.0.1:{auditHttp}"),
            ("Kestrel__Endpoints__http__Url", $"http://127.0.0.1:{pubsubHttp}"),
            ("Kestrel__Endpoints__grpc__Url", $"http://127.0.0.1:{pubsubGrpc}")));
        await using var clients = new ServiceProcess(clientsDll, With(identity,
            ("ConnectionStrings__clientsdb", clientsDb),
            ("DAPR_HTTP_ENDPOINT", $"http://127.0.0.1:{pubsubHttp}"),
            ("DAPR_GRPC_ENDPOINT", $"http://127.0.0.1:{pubsubGrpc}"),
            ("Kestrel__Endpoints__http__Url", $"http://127.0.0.1:{clientsHttp}"),
            ("Kestrel__Endpoints__grpc__Url", $"http://127.0.0.1:{clientsGrpc}")));

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        audit.Start();
        pubsub.Start();
        clients.Start();
        await audit.WaitHealthyAsync(probe, new Uri($"http://127.0.0.1:{auditHttp}/health"), Healthy);
        await pubsub.WaitHealthyAsync(probe, new Uri($"http://127.0.0.1:{pubsubHttp}/health"), Healthy);
        var clientsHealth = new Uri($"http://127.0.0.1:{clientsHttp}/health");
        await clients.WaitHealthyAsync(probe, clientsHealth, Healthy);

        // The writers: each creates companies one after another, as fast as the service answers,
        // through the REST API with a manager's token. A refused connection (service killed) or an
        // error (database down) is simply retried with a new company: whether an unanswered request
        // committed is decided below from the database, not from the answers.
        var token = TestTokens.For(TestUser.ManagerAnna, TimeSpan.FromHours(1));
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var failures = 0;
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{clientsHttp}"), Timeout = TimeSpan.FromSeconds(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var n = 0;
            while (!stopWriting.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.PostAsJsonAsync("/v1/companies", new { name = $"Kill test {writer}-{++n}" }, stopWriting.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stopWriting.Token));
                        acknowledged.Add(Guid.Parse(body.RootElement.GetProperty("id").GetString()!));
                    }
                    else
                    {
                        Interlocked.Increment(ref failures);
                        await Task.Delay(20, CancellationToken.None);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stopWriting.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                    await Task.Delay(20, CancellationToken.None);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        })).ToArray();

        var watch = Stopwatch.StartNew();
        var databaseCrashes = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            await Task.Delay(BetweenKills, Ct);
            clients.Kill();
            if (kill == Kills / 2)
            {
                // Mid-run, the database goes down hard as well, while the writers keep calling.
                await postgres.StopImmediatelyAsync();
                databaseCrashes++;
                await Task.Delay(TimeSpan.FromSeconds(1), Ct);
                await postgres.RestartAsync();
            }
            clients.Start();
            await clients.WaitHealthyAsync(probe, clientsHealth, Healthy);
        }
        await Task.Delay(BetweenKills, Ct);
        await stopWriting.CancelAsync();
        await Task.WhenAll(writers);
        var writing = watch.Elapsed;

        // Let the relay drain the outbox (it retries with backoff, so allow for that).
        var drained = await WaitUntilAsync(async () => await ScalarAsync(clientsDb, "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL") == 0,
            TimeSpan.FromSeconds(120));

        var committed = await IdsAsync(clientsDb, "SELECT id::text FROM companies");
        var auditRows = await IdsAsync(auditOwnerDb, "SELECT entity_id FROM audit_entries WHERE action = 'clients.company.created'");
        var committedSet = committed.ToHashSet();
        var auditCounts = auditRows.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var lost = committedSet.Count(id => !auditCounts.ContainsKey(id));
        var duplicates = auditCounts.Values.Sum(c => c - 1);
        var phantom = auditCounts.Keys.Count(id => !committedSet.Contains(id));
        var acknowledgedMissing = acknowledged.Count(id => !committedSet.Contains(id.ToString()));

        TestReport.Print($"Kill test: {Kills} SIGKILLs of the clients service, {databaseCrashes} immediate PostgreSQL stop(s), "
            + $"{writing.TotalSeconds:F0} s of writing by {Writers} writers; committed companies {committed.Count}, acknowledged {acknowledged.Count}, "
            + $"failed/unanswered calls {failures}; audit 'created' rows {auditRows.Count}: lost = {lost}, duplicates = {duplicates}, "
            + $"audit rows without a company = {phantom}, acknowledged but not committed = {acknowledgedMissing}; outbox drained: {drained}.");

        Assert.True(drained, "The outbox still held unpublished events two minutes after the last write.\n" + clients.Output);
        Assert.True(committed.Count > 100, $"Only {committed.Count} companies were created: the load did not run.");
        Assert.True(failures > 0, "No call failed: the kills did not hit the load.");
        Assert.Equal(0, acknowledgedMissing);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, phantom);

        // The chain the audit service kept through all of this verifies.
        using var auditor = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{auditHttp}") };
        auditor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(TestUser.Auditor));
        using var verdict = JsonDocument.Parse(await auditor.GetStringAsync("/v1/audit/chain:verify", Ct));
        Assert.True(verdict.RootElement.GetProperty("ok").GetBoolean(), verdict.RootElement.ToString());
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> IdsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
