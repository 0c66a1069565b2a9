using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Identity.Infrastructure;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrmSuite.Identity.Audit;

/// <summary>The audit actions identity emits (see <see cref="AuditEvent"/>); the audit service stores them as given.</summary>
public static class IdentityActions
{
    public const string SignInSucceeded = "identity.signin.succeeded";
    public const string SignInFailed = "identity.signin.failed";
    public const string SignInLockedOut = "identity.signin.locked-out";
    public const string TwoFactorFailed = "identity.two-factor.failed";
    public const string SignedOut = "identity.signout";
    public const string PasswordChanged = "identity.password.changed";
    public const string PasswordChangeFailed = "identity.password.change-failed";
    public const string TwoFactorEnabled = "identity.two-factor.enabled";
    public const string UserCreated = "identity.user.created";
    public const string UserUpdated = "identity.user.updated";
    public const string UserRolesChanged = "identity.user.roles-changed";
    public const string UserDisabled = "identity.user.disabled";
    public const string UserEnabled = "identity.user.enabled";
    public const string UserPasswordReset = "identity.user.password-reset";
    public const string UserUnlocked = "identity.user.unlocked";
    public const string UserLanguageChanged = "identity.user.language-changed";
    public const string TeamCreated = "identity.team.created";
    public const string TeamUpdated = "identity.team.updated";
    public const string IntegrationCreated = "identity.integration.created";
    public const string IntegrationRevoked = "identity.integration.revoked";
    public const string IntegrationTokenIssued = "identity.integration.token-issued";
    /// <summary>A client (integration, the gateway, or an unknown client id) failed to authenticate at the token endpoint.</summary>
    public const string ClientAuthenticationFailed = "identity.client.authentication-failed";
    /// <summary>The staff UI showed a person its access-denied view for a page.</summary>
    public const string PageRefused = "security.page.refused";
    public const string PageEntity = "page";

    public const string Success = "success";
    public const string Failure = "failure";

    public const string UserEntity = "user";
    public const string TeamEntity = "team";
    public const string IntegrationEntity = "integration";
    public const string ClientEntity = "client";
}

/// <summary>
/// Who acted, when the request cannot tell: at sign-in the request is still anonymous, so the
/// actor is the account being signed in to (or nobody, for a user name that does not exist).
/// </summary>
public sealed record AuditActor(string Id, string Name, string Role)
{
    public static AuditActor Anonymous { get; } = new("anonymous", string.Empty, "anonymous");
}

public static class IdentityAuditEvents
{
    /// <summary>
    /// <see cref="AuditEvent.From"/> with an explicit actor; where from (IP, user agent) still
    /// comes from the request, exactly as for every other service's events.
    /// </summary>
    public static AuditEvent From(HttpContext http, AuditActor actor, DateTimeOffset at, string action, string entityType, string entityId,
        object? before = null, object? after = null, object? details = null, string outcome = IdentityActions.Success) =>
        AuditEvent.From(http, at, action, entityType, entityId, before, after, details, outcome) with
        {
            ActorId = actor.Id,
            ActorName = actor.Name,
            ActorRole = actor.Role,
        };
}

/// <summary>
/// Queues identity's audit events in identitydb's outbox. A queued event commits with the caller's
/// next SaveChanges, so callers record the event inside the transaction of the change it describes.
/// Snapshots and details never hold a password, hash, security stamp, recovery code or client secret.
/// </summary>
public sealed class IdentityAudit(IdentityDb db, UserManager<CrmUser> users, TimeProvider clock)
{
    /// <summary>Longest attempted user name kept in a failed sign-in's details (Identity's own column limit).</summary>
    private const int MaxAttemptedNameLength = 256;

    /// <summary>The user as the actor of their own sign-in, sign-out or password change.</summary>
    public async Task<AuditActor> ActorAsync(CrmUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return new AuditActor(user.Id, user.DisplayName.Length > 0 ? user.DisplayName : user.UserName ?? user.Id, string.Join(",", roles.Order(StringComparer.Ordinal)));
    }

    /// <summary>An event whose actor is the request's authenticated caller (the administration API).</summary>
    public void RecordByCaller(HttpContext http, string action, string entityType, string entityId,
        object? before = null, object? after = null, object? details = null)
    {
        var at = clock.GetUtcNow();
        db.Audit(AuditEvent.From(http, at, action, entityType, entityId, before, after, details));
    }

    /// <summary>An event whose actor the request cannot name yet (sign-in).</summary>
    public void Record(HttpContext http, AuditActor actor, string action, string entityType, string entityId,
        object? before = null, object? after = null, object? details = null, string outcome = IdentityActions.Success)
    {
        var at = clock.GetUtcNow();
        db.Audit(IdentityAuditEvents.From(http, actor, at, action, entityType, entityId, before, after, details, outcome));
    }

    /// <summary>
    /// A transaction on identitydb: everything Identity's and OpenIddict's managers save in it
    /// (they share this request's DbContext) commits or rolls back with the events queued in it.
    /// </summary>
    public Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken) => db.Database.BeginTransactionAsync(cancellationToken);

    /// <summary>Saves the queued events and commits the transaction they belong to.</summary>
    public async Task CommitAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await SaveAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Reads the user's row again (another request changed it), dropping unsaved changes to it.</summary>
    public Task ReloadAsync(CrmUser user, CancellationToken cancellationToken) => db.Entry(user).ReloadAsync(cancellationToken);

    /// <summary>
    /// Saves what is queued. Identity's managers save users themselves and answer a lost race on a
    /// user row (two sign-ins of one person at once) with ConcurrencyFailure, leaving that row
    /// modified in the context; it is theirs, not ours to force through, so it is dropped and the
    /// events (and anything else queued) are saved. EF rolls the failed attempt back to its savepoint.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex) when (ex.Entries.All(entry => entry.Entity is CrmUser))
        {
            foreach (var entry in ex.Entries)
            {
                entry.State = EntityState.Detached;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>What was typed as the user name of a failed sign-in, cut to a sane length.</summary>
    public static string AttemptedName(string userName) =>
        userName.Length > MaxAttemptedNameLength ? userName[..MaxAttemptedNameLength] : userName;
}
