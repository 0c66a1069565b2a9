using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmSuite.Audit.Api.Entries;

namespace CrmSuite.Audit.Api.Chain;

/// <summary>
/// The one definition of an entry's hash, used when appending and when verifying.
/// <para>
/// <c>hash = lowercase hex of SHA-256 over the UTF-8 bytes of the canonical form</c>, where the
/// canonical form is a JSON array without whitespace, in this order:
/// <code>
/// ["crmsuite.audit.v1", id, occurred_at, recorded_at, actor_id, actor_name, actor_role, action,
///  entity_type, entity_id, ip, user_agent, outcome, before, after, details, event_id, prev_hash]
/// </code>
/// <c>id</c> is a JSON number; the two times are strings <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> (UTC,
/// microseconds, as PostgreSQL stores them); text fields are JSON strings or <c>null</c>, escaped as
/// in <see cref="CanonicalJson"/>; <c>before</c>, <c>after</c> and <c>details</c> are JSON strings
/// holding the <see cref="CanonicalJson"/> text of the stored jsonb (or <c>null</c> when there is none,
/// so a SQL NULL and a JSON null differ). <c>prev_hash</c> is the previous entry's hash, 64 zeros
/// for entry 1.
/// </para>
/// Because the position (<c>id</c>) and the previous hash are inside the hash, editing, deleting,
/// inserting or reordering rows breaks the chain at the first row touched.
/// </summary>
public static class ChainHash
{
    public const string FormatVersion = "crmsuite.audit.v1";
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(AuditEntry entry)
    {
        var canonical = CanonicalForm(entry);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical), hash);
        return Convert.ToHexStringLower(hash);
    }

    public static string CanonicalForm(AuditEntry entry)
    {
        var text = new StringBuilder(512);
        text.Append('[');
        CanonicalJson.WriteString(FormatVersion, text);
        text.Append(',').Append(entry.Id.ToString(CultureInfo.InvariantCulture));
        Text(Time(entry.OccurredAt), text);
        Text(Time(entry.RecordedAt), text);
        Text(entry.ActorId, text);
        Text(entry.ActorName, text);
        Text(entry.ActorRole, text);
        Text(entry.Action, text);
        Text(entry.EntityType, text);
        Text(entry.EntityId, text);
        Text(entry.Ip, text);
        Text(entry.UserAgent, text);
        Text(entry.Outcome, text);
        Text(entry.Before is null ? null : CanonicalJson.Canonicalize(entry.Before), text);
        Text(entry.After is null ? null : CanonicalJson.Canonicalize(entry.After), text);
        Text(entry.Details is null ? null : CanonicalJson.Canonicalize(entry.Details), text);
        Text(entry.EventId, text);
        Text(entry.PrevHash, text);
        text.Append(']');
        return text.ToString();
    }

    /// <summary>PostgreSQL keeps microseconds; .NET ticks are 100 ns. Stored times are truncated first.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Text(string? value, StringBuilder text)
    {
        text.Append(',');
        if (value is null)
        {
            text.Append("null");
        }
        else
        {
            CanonicalJson.WriteString(value, text);
        }
    }
}
