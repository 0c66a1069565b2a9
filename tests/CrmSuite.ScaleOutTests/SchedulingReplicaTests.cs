using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Testing;

namespace CrmSuite.ScaleOutTests;

/// <summary>
/// Two replicas of the scheduling service on one database, each with its own sidecar (a pub/sub
/// emulator), both written to under load while their outbox relays and reminder dispatchers run:
/// every event is published once (counted by CloudEvent id at a subscriber: none lost, none twice)
/// and every reminder is delivered once (one notification each, and the dispatchers' own counts of
/// what they delivered add up to the reminders, not more).
/// </summary>
public sealed class SchedulingReplicaTests
{
    private const int WritersPerReplica = 2;
    private static readonly TimeSpan Writing = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Healthy = TimeSpan.FromSeconds(90);
    private static readonly TestUser Manager = TestUser.ManagerAnna with
    {
        Granted = [.. TestUser.ManagerAnna.Granted, Permissions.SchedulingRead, Permissions.SchedulingWrite],
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_replicas_under_load_publish_every_event_once_and_deliver_every_reminder_once()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("schedulingdb");
        await using var issuer = await TestIssuer.StartAsync();
        await using var counter = await EventCounter.StartAsync("audit", replicas: 2);
        var schedulingDll = ServiceProcess.BuiltDll("services/Scheduling/CrmSuite.Scheduling.Api", "CrmSuite.Scheduling.Api");
        var pubsubDll = ServiceProcess.BuiltDll("AppHost/CrmSuite.PubSubEmulator", "CrmSuite.PubSubEmulator");
        var common = new Dictionary<string, string>
        {
            ["Identity__Issuer"] = TestTokens.Issuer,
            ["Identity__InternalUrl"] = issuer.Url.ToString(),
            ["ConnectionStrings__schedulingdb"] = database,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using (var migrate = new ServiceProcess(schedulingDll, common, "migrate"))
        {
            await migrate.RunToCompletionAsync(TimeSpan.FromMinutes(2));
        }

        // Each replica with its own sidecar, as in Kubernetes; both sidecars deliver to the one subscriber.
        await using var replicas = new Processes();
        var addresses = new List<Uri>();
        for (var replica = 0; replica < 2; replica++)
        {
            var (pubsubHttp, pubsubGrpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
            var (http, grpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
            replicas.Start(new ServiceProcess(pubsubDll, new Dictionary<string, string>
            {
                ["PubSub__Apps__counter"] = counter.Addresses[replica].ToString(),
                ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{pubsubHttp}",
                ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{pubsubGrpc}",
                ["Logging__LogLevel__Default"] = "Warning",
            }), new Uri($"http://127.0.0.1:{pubsubHttp}/health"));
            replicas.Start(new ServiceProcess(schedulingDll, new Dictionary<string, string>(common)
            {
                ["DAPR_HTTP_ENDPOINT"] = $"http://127.0.0.1:{pubsubHttp}",
                ["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{pubsubGrpc}",
                // Nothing here links items to the clients' records: the address is never called.
                ["Clients__GrpcAddress"] = "http://127.0.0.1:1",
                ["Scheduling__Channels__PublicBaseUrl"] = "http://crm.test/",
                ["Scheduling__Reminders__PollInterval"] = "00:00:01",
                ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{http}",
                ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{grpc}",
            }), new Uri($"http://127.0.0.1:{http}/health"));
            addresses.Add(new Uri($"http://127.0.0.1:{http}"));
        }
        await replicas.WaitHealthyAsync(Healthy);

        // Writers on both replicas create meetings whose two reminders are already due: the
        // dispatchers of both replicas claim them while the writing goes on.
        var token = TestTokens.For(Manager, TimeSpan.FromHours(1));
        var created = new int[addresses.Count];
        var refused = 0;
        var unanswered = 0;
        // One meeting through each replica first: a cold process's first request (token keys, the
        // model, JIT) takes seconds on a busy machine and is not what the load is about.
        for (var replica = 0; replica < addresses.Count; replica++)
        {
            using var http = new HttpClient { BaseAddress = addresses[replica], Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var first = await http.PostAsJsonAsync("/v1/items", Meeting(), Ct);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            created[replica]++;
        }
        var watch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(Writing);
        await Task.WhenAll(addresses.SelectMany((address, replica) => Enumerable.Range(0, WritersPerReplica).Select(_ => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.PostAsJsonAsync("/v1/items", Meeting(), Ct);
                    Interlocked.Increment(ref response.StatusCode == HttpStatusCode.OK ? ref created[replica] : ref refused);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !Ct.IsCancellationRequested)
                {
                    // A machine too busy to answer in time: whether it committed is read from the database below.
                    Interlocked.Increment(ref unanswered);
                }
            }
        }, Ct))));
        var writing = watch.Elapsed;

        var settled = await UntilAsync(async () =>
            await ScalarAsync(database, "SELECT count(*) FROM reminders WHERE status = 1") == 0
            && await ScalarAsync(database, "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL") == 0);
        var settling = watch.Elapsed - writing;

        var outboxIds = await IdsAsync(database, "SELECT id::text FROM outbox_messages");
        var otherTopics = await ScalarAsync(database, "SELECT count(*) FROM outbox_messages WHERE topic <> 'audit'");
        var received = counter.Received;
        var receivedIds = received.Select(e => e.Id).ToHashSet();
        var lost = outboxIds.Count(id => !receivedIds.Contains(id));
        var duplicates = received.Count - receivedIds.Count;
        var strangers = receivedIds.Count(id => !outboxIds.Contains(id));
        var viaA = received.Count(e => e.Via == 0);
        var viaB = received.Count(e => e.Via == 1);

        var meetings = await ScalarAsync(database, "SELECT count(*) FROM items");
        var reminders = await ScalarAsync(database, "SELECT count(*) FROM reminders");
        var delivered = await ScalarAsync(database, "SELECT count(*) FROM reminders WHERE status = 2");
        var notifications = await ScalarAsync(database, "SELECT count(*) FROM notifications");
        var notifiedOtherThanOnce = await ScalarAsync(database,
            "SELECT count(*) FROM reminders r WHERE (SELECT count(*) FROM notifications n WHERE n.reminder_id = r.id) <> 1");
        // Each dispatcher batch audits how many reminders it delivered: their sum counts every delivery, doubled ones too.
        var batches = received.Where(e => e.Data.ValueKind == JsonValueKind.Object
            && e.Data.GetProperty("action").GetString() == "scheduling.reminders.delivered").ToList();
        var deliveredByBatches = batches.Sum(e => Details(e.Data).GetProperty("delivered").GetInt32());

        TestReport.Print($"Scale-out, scheduling: 2 replicas, {2 * WritersPerReplica} writers for {writing.TotalSeconds:F0} s; "
            + $"meetings created through A {created[0]}, through B {created[1]}, refused {refused}, unanswered {unanswered}, committed {meetings}; settled in {settling.TotalSeconds:F1} s: {settled}. "
            + $"Events: outbox {outboxIds.Count}, received {received.Count} (relayed by A {viaA}, by B {viaB}): lost = {lost}, duplicates = {duplicates}, "
            + $"unknown = {strangers}. Reminders {reminders}: delivered {delivered}, notifications {notifications}, "
            + $"reminders notified other than once = {notifiedOtherThanOnce}, delivered by {batches.Count} dispatcher batches = {deliveredByBatches}.");

        Assert.True(settled, "Reminders or events were still pending two minutes after the writing stopped.\n" + replicas.Output);
        Assert.True(created[0] > 20 && created[1] > 20, $"Too little load: {created[0]} and {created[1]} meetings.\n" + replicas.Output);
        Assert.Equal(0, refused);
        Assert.InRange(meetings, created[0] + created[1], created[0] + created[1] + unanswered);
        Assert.Equal(0, otherTopics);
        Assert.True(viaA > 0 && viaB > 0, $"Only one relay published: A {viaA}, B {viaB}.");
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, strangers);
        Assert.Equal(2 * meetings, reminders);
        Assert.Equal(reminders, delivered);
        Assert.Equal(reminders, notifications);
        Assert.Equal(0, notifiedOtherThanOnce);
        Assert.Equal(reminders, deliveredByBatches);
    }

    /// <summary>A meeting half an hour from now, reminded 60 and 45 minutes before: both reminders are due at once.</summary>
    private static object Meeting()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var start = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(30), berlin);
        return new
        {
            kind = "ITEM_KIND_MEETING",
            title = "Встреча " + Guid.NewGuid().ToString("N")[..6],
            start = start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            end = start.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            timeZone = "Europe/Berlin",
            reminderMinutesBefore = new[] { 60, 45 },
        };
    }

    private static JsonElement Details(JsonElement audit)
    {
        var details = audit.GetProperty("details");
        return details.ValueKind == JsonValueKind.String ? JsonDocument.Parse(details.GetString()!).RootElement : details;
    }

    private static Task<long> ScalarAsync(string database, string sql) => OutboxReader.ScalarAsync(database, sql, [], Ct);

    private static async Task<HashSet<string>> IdsAsync(string database, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var ids = new HashSet<string>();
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(250, Ct);
        }
        return false;
    }
}
