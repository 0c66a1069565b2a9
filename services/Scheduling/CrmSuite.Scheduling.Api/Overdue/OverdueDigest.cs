namespace CrmSuite.Scheduling.Api.Overdue;

/// <summary>A team head's daily digest of the team's overdue tasks: one row per head and local day, so a digest is sent once whichever replica sends it.</summary>
public sealed class OverdueDigest
{
    public string HeadUserId { get; set; } = string.Empty;
    public DateOnly Day { get; set; }
    public int Tasks { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>Who heads a team, as identity last announced it in the head's <c>identity.person-changed</c> (HeadOfTeamIds).</summary>
public sealed class TeamHead
{
    public string TeamId { get; set; } = string.Empty;
    public string HeadUserId { get; set; } = string.Empty;
    public DateTimeOffset SeenAt { get; set; }
}

/// <summary>Who is in a team, as identity last announced it in the member's <c>identity.person-changed</c> (TeamIds).</summary>
public sealed class TeamMember
{
    public string TeamId { get; set; } = string.Empty;
    public string UserId { get; set; } = string.Empty;
    public DateTimeOffset SeenAt { get; set; }
}

/// <summary>
/// That a task was found overdue (and when its heads were told): its own row, not a column of the
/// item, so marking it does not change the item's version and a form opened before stays saveable.
/// </summary>
public sealed class OverdueMark
{
    public Guid ItemId { get; set; }
    public DateTimeOffset OverdueAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
}
