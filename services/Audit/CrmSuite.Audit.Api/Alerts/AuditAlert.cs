namespace CrmSuite.Audit.Api.Alerts;

/// <summary>One actor read more client records in one clock hour than allowed. At most one per actor-hour.</summary>
public sealed class AuditAlert
{
    public long Id { get; set; }
    public string ActorId { get; set; } = string.Empty;
    public string? ActorName { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset WindowEnd { get; set; }
    public long ReadCount { get; set; }
    public int Threshold { get; set; }
    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>The entry whose append crossed the threshold.</summary>
    public long EntryId { get; set; }
}
