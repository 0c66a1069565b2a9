namespace CrmSuite.Identity.Contracts.Events;

/// <summary>
/// Integration event (topic <see cref="Topic"/>): a person's account as other services need it to
/// reach them — name, e-mail, language ("ru", "en" or empty: not chosen yet), whether the account
/// is disabled, the teams they are a member of and the teams they head. Published on create,
/// update, disable/enable and language change, for every member and head (before and after) of a
/// team that is created or changed, and for every account by identity's `migrate` step (a replay,
/// so a fresh or newly subscribed service learns existing people). It is a full snapshot: a
/// consumer keeps the one with the latest <paramref name="OccurredAt"/> and ignores older ones.
/// <paramref name="TeamIds"/> and <paramref name="HeadOfTeamIds"/> came later, and later still
/// <paramref name="Roles"/> (the role names, e.g. SalesManager) and <paramref name="TeamNames"/>
/// (team id → name, for every team in the other two lists): null in an event written before them
/// means "not told" (keep what is known), an empty list means "none".
/// </summary>
public sealed record PersonChanged(string UserId, string DisplayName, string? Email, string Language, bool Disabled, DateTimeOffset OccurredAt,
    IReadOnlyList<string>? TeamIds = null, IReadOnlyList<string>? HeadOfTeamIds = null, IReadOnlyList<string>? Roles = null,
    IReadOnlyDictionary<string, string>? TeamNames = null)
{
    public const string Topic = "identity.person-changed";
}
