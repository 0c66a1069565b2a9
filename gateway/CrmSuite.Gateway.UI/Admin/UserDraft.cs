using CrmSuite.Identity.Contracts;

namespace CrmSuite.Gateway.UI.Admin;

/// <summary>What the user dialogs edit; the identity service validates it.</summary>
public sealed class UserDraft
{
    public static readonly IReadOnlyCollection<string> Fields =
        ["user_name", "display_name", "email", "roles", "team_ids", "language", "disabled"];

    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Email { get; set; } = "";

    public IEnumerable<string> Roles { get; set; } = [];

    public IEnumerable<string> TeamIds { get; set; } = [];

    public string Language { get; set; } = "ru";

    public bool Disabled { get; set; }

    public static UserDraft From(User user) => new()
    {
        UserName = user.UserName,
        DisplayName = user.DisplayName,
        Email = user.Email,
        Roles = [.. user.Roles],
        TeamIds = [.. user.TeamIds],
        Language = user.Language,
        Disabled = user.Disabled,
    };

    public CreateUserRequest ToCreateRequest() => new()
    {
        UserName = UserName.Trim(),
        DisplayName = DisplayName.Trim(),
        Email = Email.Trim(),
        Roles = { Roles },
        TeamIds = { TeamIds },
        Language = Language,
    };

    public UpdateUserRequest ToUpdateRequest(string id) => new()
    {
        Id = id,
        DisplayName = DisplayName.Trim(),
        Email = Email.Trim(),
        Roles = { Roles },
        TeamIds = { TeamIds },
        Disabled = Disabled,
    };
}
