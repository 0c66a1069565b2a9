using CrmSuite.Scheduling.Api.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// Exactly once with several replicas: two dispatchers claim the same due reminders at once, and
/// a third is killed in the middle of its batch. Every reminder is delivered, none twice.
/// </summary>
public sealed class DispatcherConcurrencyTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private const int Items = 100;
    private const int RemindersPerItem = 20;
    private const int Due = Items * RemindersPerItem;

    private ReminderDispatcher Dispatcher(int batchSize) => ActivatorUtilities.CreateInstance<ReminderDispatcher>(api.Services,
        Options.Create(new ReminderOptions { DispatcherEnabled = false, BatchSize = batchSize }));

    /// <summary>Items (one per person) with reminders all due a minute ago, written straight into the tables.</summary>
    private async Task SeedDueRemindersAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            INSERT INTO items (id, kind, title, start_local, time_zone, all_day, starts_at, priority, status, owner_user_id, owner_name,
                watcher_user_ids, checklist, result_required, participant_user_ids, participant_contact_ids, recurrence_exceptions,
                reminder_minutes_before, created_at, updated_at, created_by)
            SELECT gen_random_uuid(), 1, 'Задача ' || n, '2026-03-01T13:00', 'Europe/Berlin', false, @now + interval '1 hour', 2, 1, 'person-' || n, '',
                '{}', '[]', false, '{}', '{}', '{}', '{60}', @now, @now, 'person-' || n
            FROM generate_series(1, @items) n;
            INSERT INTO reminders (id, item_id, user_id, minutes_before, due_at, status, created_at, late)
            SELECT gen_random_uuid(), i.id, i.owner_user_id, 60 + k, @now - interval '1 minute', 1, @now, false
            FROM items i CROSS JOIN generate_series(1, @per_item) k;
            """, connection);
        command.Parameters.AddWithValue("now", api.Clock.Now);
        command.Parameters.AddWithValue("items", Items);
        command.Parameters.AddWithValue("per_item", RemindersPerItem);
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>
    /// Records every notification a dispatcher proposes (a BEFORE INSERT trigger fires even for a row
    /// the unique index then skips): what a person would receive on a channel that, unlike the
    /// in-app table, has no unique index to absorb a second claim (an e-mail, a push).
    /// </summary>
    private async Task RecordDeliveryAttemptsAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            CREATE TABLE test_delivery_attempts (reminder_id uuid NOT NULL, user_id text NOT NULL);
            CREATE FUNCTION test_record_delivery_attempt() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO test_delivery_attempts VALUES (NEW.reminder_id, NEW.user_id);
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_record_delivery_attempt BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION test_record_delivery_attempt();
            """, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<int> DrainAsync(ReminderDispatcher dispatcher)
    {
        var total = 0;
        int delivered;
        while ((delivered = await dispatcher.DispatchBatchAsync(Ct)) > 0)
        {
            total += delivered;
        }
        return total;
    }

    [Fact]
    public async Task Two_dispatchers_claiming_at_once_and_one_killed_mid_batch_deliver_every_reminder_exactly_once()
    {
        await SeedDueRemindersAsync();
        await RecordDeliveryAttemptsAsync();

        // A third replica claims a batch and dies before committing (its connection is dropped).
        var killed = new NpgsqlConnection(api.ConnectionString);
        await killed.OpenAsync(Ct);
        var claimed = await killed.BeginTransactionAsync(Ct);
        await using (var claim = new NpgsqlCommand("SELECT id FROM reminders WHERE status = 1 ORDER BY due_at, id LIMIT 150 FOR UPDATE SKIP LOCKED", killed, claimed))
        {
            await claim.ExecuteNonQueryAsync(Ct);
        }

        var first = Dispatcher(batchSize: 40);
        var second = Dispatcher(batchSize: 40);
        var together = await Task.WhenAll(Task.Run(() => DrainAsync(first), Ct), Task.Run(() => DrainAsync(second), Ct));
        var whileHeld = await api.ScalarAsync("SELECT count(*) FROM reminders WHERE status = 1");
        await killed.DisposeAsync();
        var afterKill = await DrainAsync(second);

        var delivered = await api.ScalarAsync("SELECT count(*) FROM notifications");
        var distinct = await api.ScalarAsync("SELECT count(DISTINCT reminder_id) FROM notifications");
        var pending = await api.ScalarAsync("SELECT count(*) FROM reminders WHERE status = 1");
        // A reminder claimed by both dispatchers (or twice by one) is one the person would get twice:
        // counted from the committed claims, not from the table whose unique index hides the second.
        var duplicates = await api.ScalarAsync("SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM test_delivery_attempts GROUP BY reminder_id, user_id) claims");
        var lost = Due - distinct;
        CrmSuite.Testing.TestReport.Print(
            $"Reminders in-app, two dispatchers and one killed mid-batch: due {Due}, delivered {delivered} (dispatcher A {together[0]}, B {together[1]}, after the killed claim rolled back {afterKill}), duplicates {duplicates}, lost {lost}, still pending {pending}");

        // The held claim was skipped, not waited for and not taken twice.
        Assert.Equal(150, whileHeld);
        Assert.Equal(150, afterKill);
        Assert.Equal((0L, 0L, 0L), (duplicates, lost, pending));
        Assert.Equal(Due, delivered);
        Assert.Equal(Due, together[0] + together[1] + afterKill);
    }
}
