using System.Text;
using CrmSuite.BuildingBlocks.Errors;
using Npgsql;
using NpgsqlTypes;

namespace CrmSuite.Audit.Api.Entries;

/// <summary>The filters of search and export. Empty strings mean "any".</summary>
public sealed record EntryFilter(
    string? ActorId, string? Action, string? EntityType, string? EntityId,
    DateTimeOffset? From, DateTimeOffset? To, string? Query)
{
    public const int MaxQueryLength = 100;

    public static EntryFilter Create(string actorId, string action, string entityType, string entityId,
        DateTimeOffset? from, DateTimeOffset? to, string query)
    {
        var errors = new FieldErrors();
        Check(errors, "actor_id", actorId, AuditEntry.MaxActorIdLength);
        Check(errors, "action", action, AuditEntry.MaxActionLength);
        Check(errors, "entity_type", entityType, AuditEntry.MaxEntityTypeLength);
        Check(errors, "entity_id", entityId, AuditEntry.MaxEntityIdLength);
        Check(errors, "query", query.Trim(), MaxQueryLength);
        if (from is not null && to is not null && from >= to)
        {
            errors.Add("to", "Must be later than from.");
        }
        errors.ThrowIfAny();
        return new EntryFilter(Empty(actorId), Empty(action), Empty(entityType), Empty(entityId), from, to, Empty(query.Trim()));
    }

    /// <summary>The filters as SQL conditions (joined with AND, parameters added to <paramref name="command"/>).</summary>
    public string ToSql(NpgsqlCommand command)
    {
        var conditions = new List<string>();
        void Add(string condition, NpgsqlParameter parameter)
        {
            command.Parameters.Add(parameter);
            conditions.Add(condition.Replace("@", "$" + command.Parameters.Count, StringComparison.Ordinal));
        }

        if (ActorId is not null)
        {
            Add("actor_id = @", new NpgsqlParameter<string> { TypedValue = ActorId });
        }
        if (Action is not null)
        {
            Add("action = @", new NpgsqlParameter<string> { TypedValue = Action });
        }
        if (EntityType is not null)
        {
            Add("entity_type = @", new NpgsqlParameter<string> { TypedValue = EntityType });
        }
        if (EntityId is not null)
        {
            Add("entity_id = @", new NpgsqlParameter<string> { TypedValue = EntityId });
        }
        if (From is not null)
        {
            Add("occurred_at >= @", new NpgsqlParameter<DateTimeOffset> { TypedValue = From.Value.ToUniversalTime() });
        }
        if (To is not null)
        {
            Add("occurred_at < @", new NpgsqlParameter<DateTimeOffset> { TypedValue = To.Value.ToUniversalTime() });
        }
        if (Query is not null)
        {
            // A substring scan over the newest rows first; keyset paging stops it once a page is full.
            Add("(actor_name ILIKE @ OR entity_id ILIKE @ OR details::text ILIKE @)",
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = "%" + EscapeLike(Query) + "%" });
        }
        return conditions.Count == 0 ? "TRUE" : string.Join(" AND ", conditions);
    }

    /// <summary>The filters that were set, for the audit.export entry's details.</summary>
    public Dictionary<string, string> Describe()
    {
        var described = new Dictionary<string, string>();
        void Put(string name, string? value)
        {
            if (value is not null)
            {
                described[name] = value;
            }
        }
        Put("actorId", ActorId);
        Put("action", Action);
        Put("entityType", EntityType);
        Put("entityId", EntityId);
        Put("from", From is null ? null : Chain.ChainHash.Time(From.Value));
        Put("to", To is null ? null : Chain.ChainHash.Time(To.Value));
        Put("query", Query);
        return described;
    }

    private static string EscapeLike(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '%' or '_')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static void Check(FieldErrors errors, string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            errors.Add(field, $"Must be at most {maxLength} characters.");
        }
        else if (value.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(field, "Must not contain NUL characters.");
        }
    }

    private static string? Empty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
