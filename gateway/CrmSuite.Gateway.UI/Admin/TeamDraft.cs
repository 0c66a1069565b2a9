using CrmSuite.Identity.Contracts;

namespace CrmSuite.Gateway.UI.Admin;

/// <summary>What the team dialog edits; the identity service validates it.</summary>
public sealed class TeamDraft
{
    public static readonly IReadOnlyCollection<string> Fields = ["name", "head_user_id", "member_user_ids"];

    public string Name { get; set; } = "";

    public string? HeadUserId { get; set; }

    public IEnumerable<string> MemberUserIds { get; set; } = [];

    public static TeamDraft From(Team team) => new()
    {
        Name = team.Name,
        HeadUserId = team.HeadUserId.Length > 0 ? team.HeadUserId : null,
        MemberUserIds = [.. team.MemberUserIds],
    };

    public CreateTeamRequest ToCreateRequest() => new()
    {
        Name = Name.Trim(),
        HeadUserId = HeadUserId ?? "",
        MemberUserIds = { MemberUserIds },
    };

    public UpdateTeamRequest ToUpdateRequest(string id) => new()
    {
        Id = id,
        Name = Name.Trim(),
        HeadUserId = HeadUserId ?? "",
        MemberUserIds = { MemberUserIds },
    };
}
