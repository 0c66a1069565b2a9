using System.ComponentModel.DataAnnotations;
using CrmSuite.Audit.Api.Entries;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmSuite.Audit.Api.Alerts;

public sealed class AlertOptions
{
    public const string Section = "Audit:Alerts";

    /// <summary>More client records than this read by one actor in one clock hour raises an alert.</summary>
    [Range(1, int.MaxValue)]
    public int MaxClientReadsPerHour { get; set; } = 200;
}

/// <summary>
/// Bulk reads of client data: when one actor views more than
/// <see cref="AlertOptions.MaxClientReadsPerHour"/> companies in one clock hour (UTC, by when the
/// reads happened), counting each exported row (<c>details.rowCount</c>) as a read, an alert is
/// recorded once for that actor-hour. Evaluated inside the append transaction, under the chain
/// lock, so two appends cannot both raise (or both miss) the same alert.
/// </summary>
public sealed class AlertRule(IOptions<AlertOptions> options, TimeProvider clock, ILogger<AlertRule> logger)
{
    public const string ViewAction = "clients.company.viewed";
    public const string ExportAction = "clients.export";

    // An export without a usable rowCount counts as one read; absurd counts are capped so the sum stays a bigint.
    private const string CountSql = $"""
        SELECT coalesce(sum(CASE
                   WHEN action = '{ExportAction}' AND jsonb_typeof(details -> 'rowCount') = 'number'
                       THEN least(greatest((details ->> 'rowCount')::numeric, 0), 1000000000)
                   ELSE 1 END), 0)::bigint
        FROM audit_entries
        WHERE actor_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND action IN ('{ViewAction}', '{ExportAction}')
        """;

    private const string InsertSql = """
        INSERT INTO audit_alerts (actor_id, actor_name, window_start, window_end, read_count, threshold, raised_at, entry_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (actor_id, window_start) DO NOTHING
        """;

    public static bool IsClientRead(string action) => action is ViewAction or ExportAction;

    public async Task EvaluateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AuditEntry> appended, CancellationToken cancellationToken)
    {
        var threshold = options.Value.MaxClientReadsPerHour;
        var windows = appended
            .Where(e => IsClientRead(e.Action))
            .GroupBy(e => (e.ActorId, Start: HourOf(e.OccurredAt)))
            .Select(g => (g.Key.ActorId, g.Key.Start, Last: g.Last()));
        foreach (var (actorId, start, last) in windows)
        {
            var end = start.AddHours(1);
            await using (var exists = new NpgsqlCommand("SELECT 1 FROM audit_alerts WHERE actor_id = $1 AND window_start = $2", connection, transaction))
            {
                exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actorId });
                exists.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = start });
                if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    continue;
                }
            }

            long reads;
            await using (var count = new NpgsqlCommand(CountSql, connection, transaction))
            {
                count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actorId });
                count.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = start });
                count.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = end });
                reads = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            }
            if (reads <= threshold)
            {
                continue;
            }

            await using var insert = new NpgsqlCommand(InsertSql, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actorId });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)last.ActorName ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = start });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = end });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = reads });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = threshold });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = last.Id });
            await insert.ExecuteNonQueryAsync(cancellationToken);
            logger.LogWarning(
                "Audit alert: {ActorId} read {Reads} client records in the hour from {WindowStart:O} (threshold {Threshold}), last entry {EntryId}",
                actorId, reads, start, threshold, last.Id);
        }
    }

    public static DateTimeOffset HourOf(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
