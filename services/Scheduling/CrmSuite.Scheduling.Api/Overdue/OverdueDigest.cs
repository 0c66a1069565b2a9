namespace CrmSuite.Scheduling.Api.Overdue;

/// <summary>A team head's daily digest of the team's overdue tasks: one row per head and local day, so a digest is sent once whichever replica sends it.</summary>
public sealed class OverdueDigest
{
    public string HeadUserId { get; set; } = string.Empty;
    public DateOnly Day { get; set; }
    public int Tasks { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>Who heads a team, as the scheduling service last saw it in that head's own token (team_head claims).</summary>
public sealed class TeamHead
{
    public string TeamId { get; set; } = string.Empty;
    public string HeadUserId { get; set; } = string.Empty;
    public DateTimeOffset SeenAt { get; set; }
}
