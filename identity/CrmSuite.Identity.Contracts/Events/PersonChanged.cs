namespace CrmSuite.Identity.Contracts.Events;

/// <summary>
/// Integration event (topic <see cref="Topic"/>): a person's account as other services need it to
/// reach them — name, e-mail, language ("ru", "en" or empty: not chosen yet) and whether the account
/// is disabled. Published on create, update, disable/enable and language change, and for every
/// account by identity's `migrate` step (a replay, so a fresh or newly subscribed service learns
/// existing people). It is a full snapshot: a consumer keeps the one with the latest
/// <paramref name="OccurredAt"/> and ignores older ones.
/// </summary>
public sealed record PersonChanged(string UserId, string DisplayName, string? Email, string Language, bool Disabled, DateTimeOffset OccurredAt)
{
    public const string Topic = "identity.person-changed";
}
