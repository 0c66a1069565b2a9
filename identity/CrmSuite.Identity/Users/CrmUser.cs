using Microsoft.AspNetCore.Identity;

namespace CrmSuite.Identity.Users;

public sealed class CrmUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>
    /// "ru" or "en": the staff UI's language, remembered per user; empty until known (the staff UI then
    /// takes the browser's language at the first sign-in and stores it here).
    /// </summary>
    public string Language { get; set; } = "";

    /// <summary>Set for a new user and after an admin reset: the next sign-in must choose a new password.</summary>
    public bool MustChangePassword { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Team
{
    public const int MaxNameLength = 100;

    public Guid Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string? HeadUserId { get; set; }
    public List<TeamMember> Members { get; set; } = [];
}

public sealed class TeamMember
{
    public Guid TeamId { get; set; }
    public string UserId { get; set; } = string.Empty;
}
