using System.Text.RegularExpressions;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.BuildingBlocks.Web;
using CrmSuite.Identity.Audit;
using CrmSuite.Identity.Contracts;
using CrmSuite.Identity.Setup;
using CrmSuite.Identity.Users;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Permissions = CrmSuite.BuildingBlocks.Security.Permissions;
using Team = CrmSuite.Identity.Contracts.Team;
using User = CrmSuite.Identity.Contracts.User;

namespace CrmSuite.Identity.Administration;

/// <summary>Users and the roles they are given: list, read, create, update, reset a password, unlock.</summary>
public sealed partial class AdministrationService
{
    [GeneratedRegex("^[A-Za-z0-9._-]{3,50}$")]
    private static partial Regex UserNamePattern();

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<ListUsersResponse> ListUsers(ListUsersRequest request, ServerCallContext context)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Query))
        {
            var prefix = request.Query.Trim().ToUpperInvariant() + "%";
            query = query.Where(u => EF.Functions.Like(u.NormalizedUserName!, prefix)
                || EF.Functions.ILike(u.DisplayName, request.Query.Trim() + "%")
                || EF.Functions.Like(u.NormalizedEmail!, prefix));
        }
        if (!string.IsNullOrEmpty(request.PageToken))
        {
            var after = request.PageToken;
            query = query.Where(u => string.Compare(u.NormalizedUserName!, after) > 0);
        }
        var page = await query.OrderBy(u => u.NormalizedUserName).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListUsersResponse();
        foreach (var user in page.Take(pageSize))
        {
            response.Users.Add(await ToMessageAsync(user, context.CancellationToken));
        }
        if (page.Count > pageSize)
        {
            response.NextPageToken = page[pageSize - 1].NormalizedUserName!;
        }
        return response;
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<User> GetUser(GetUserRequest request, ServerCallContext context) =>
        await ToMessageAsync(await FindUserAsync(request.Id), context.CancellationToken);

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<UserWithPassword> CreateUser(CreateUserRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var userName = request.UserName.Trim();
        if (!UserNamePattern().IsMatch(userName))
        {
            errors.Add("user_name", "3 to 50 Latin letters, digits, dots, dashes or underscores.");
        }
        else if (await users.FindByNameAsync(userName) is not null)
        {
            errors.Add("user_name", "This user name is taken.");
        }
        ValidateProfile(errors, request.DisplayName, request.Email, request.Roles);
        var teams = await ValidateTeamsAsync(errors, request.TeamIds, context.CancellationToken);
        // No language: the user's first sign-in takes the browser's.
        var language = request.Language;
        if (language.Length > 0 && !CrmWeb.Languages.Contains(language))
        {
            errors.Add("language", "Language must be ru or en.");
        }
        errors.ThrowIfAny();

        var user = new CrmUser
        {
            UserName = userName,
            DisplayName = request.DisplayName.Trim(),
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            Language = language,
            MustChangePassword = true,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var password = OneTimePassword.Generate();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRolesAsync(user, request.Roles.Distinct()));
        db.TeamMembers.AddRange(teams.Select(t => new TeamMember { TeamId = t, UserId = user.Id }));
        await db.SaveChangesAsync(context.CancellationToken);
        // The one-time password goes to the administrator in the answer, never into the log.
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.UserCreated, IdentityActions.UserEntity, user.Id,
            after: await SnapshotAsync(user, context.CancellationToken));
        await db.PersonChangedAsync(user, DateTimeOffset.UtcNow, context.CancellationToken);
        await audit.CommitAsync(transaction, context.CancellationToken);
        return new UserWithPassword { User = await ToMessageAsync(user, context.CancellationToken), OneTimePassword = password };
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<User> UpdateUser(UpdateUserRequest request, ServerCallContext context)
    {
        var user = await FindUserAsync(request.Id);
        var errors = new FieldErrors();
        ValidateProfile(errors, request.DisplayName, request.Email, request.Roles);
        var teams = await ValidateTeamsAsync(errors, request.TeamIds, context.CancellationToken);
        var self = context.GetHttpContext().User.UserId() == user.Id;
        if (self && !request.Roles.Contains(RoleCatalog.Administrator))
        {
            errors.Add("roles", "You cannot remove your own Administrator role.");
        }
        if (self && request.Disabled)
        {
            errors.Add("disabled", "You cannot disable your own account.");
        }
        errors.ThrowIfAny();

        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var before = await SnapshotAsync(user, context.CancellationToken);
        user.DisplayName = request.DisplayName.Trim();
        user.Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        var disabling = request.Disabled && !user.Disabled;
        user.Disabled = request.Disabled;
        Check(await users.UpdateAsync(user));
        var current = await users.GetRolesAsync(user);
        Check(await users.RemoveFromRolesAsync(user, current.Except(request.Roles)));
        Check(await users.AddToRolesAsync(user, request.Roles.Distinct().Except(current)));
        await db.TeamMembers.Where(m => m.UserId == user.Id).ExecuteDeleteAsync(context.CancellationToken);
        db.TeamMembers.AddRange(teams.Select(t => new TeamMember { TeamId = t, UserId = user.Id }));
        await db.SaveChangesAsync(context.CancellationToken);
        if (disabling)
        {
            // Ends the user's browser sessions at identity; refresh tokens are refused from now on.
            await users.UpdateSecurityStampAsync(user);
        }
        var after = await SnapshotAsync(user, context.CancellationToken);
        var http = context.GetHttpContext();
        audit.RecordByCaller(http, IdentityActions.UserUpdated, IdentityActions.UserEntity, user.Id, before, after);
        // Privilege changes and account locks get their own actions, so an auditor can filter for them.
        if (!before.Roles.SequenceEqual(after.Roles))
        {
            audit.RecordByCaller(http, IdentityActions.UserRolesChanged, IdentityActions.UserEntity, user.Id,
                new { before.Roles }, new { after.Roles },
                new { user.UserName, Added = after.Roles.Except(before.Roles).ToList(), Removed = before.Roles.Except(after.Roles).ToList() });
        }
        if (before.Disabled != after.Disabled)
        {
            audit.RecordByCaller(http, after.Disabled ? IdentityActions.UserDisabled : IdentityActions.UserEnabled, IdentityActions.UserEntity, user.Id,
                new { before.Disabled }, new { after.Disabled }, new { user.UserName });
        }
        await db.PersonChangedAsync(user, DateTimeOffset.UtcNow, context.CancellationToken);
        await audit.CommitAsync(transaction, context.CancellationToken);
        return await ToMessageAsync(user, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<UserWithPassword> ResetPassword(ResetPasswordRequest request, ServerCallContext context)
    {
        var user = await FindUserAsync(request.Id);
        var password = OneTimePassword.Generate();
        await using var transaction = await audit.BeginAsync(context.CancellationToken);
        var before = await SnapshotAsync(user, context.CancellationToken);
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        user.MustChangePassword = true;
        Check(await users.UpdateAsync(user));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        // Only that it happened (and the unlock and forced change that come with it): the password itself is never logged.
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.UserPasswordReset, IdentityActions.UserEntity, user.Id,
            before, await SnapshotAsync(user, context.CancellationToken));
        await audit.CommitAsync(transaction, context.CancellationToken);
        return new UserWithPassword { User = await ToMessageAsync(user, context.CancellationToken), OneTimePassword = password };
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<User> UnlockUser(UnlockUserRequest request, ServerCallContext context)
    {
        var user = await FindUserAsync(request.Id);
        await using var transaction = await audit.BeginAsync(context.CancellationToken);
        var before = LockoutSnapshot(user);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.UserUnlocked, IdentityActions.UserEntity, user.Id,
            before, LockoutSnapshot(user), new { user.UserName });
        await audit.CommitAsync(transaction, context.CancellationToken);
        return await ToMessageAsync(user, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override Task<ListRolesResponse> ListRoles(ListRolesRequest request, ServerCallContext context)
    {
        var response = new ListRolesResponse();
        response.Roles.AddRange(RoleCatalog.Roles.Select(r => new Role { Name = r.Name, Permissions = { r.Permissions }, ClientVisibility = r.ClientVisibility }));
        return Task.FromResult(response);
    }

    private async Task<CrmUser> FindUserAsync(string id) =>
        await users.FindByIdAsync(id) ?? throw new RecordNotFoundException("User", id);

    private static void ValidateProfile(FieldErrors errors, string displayName, string email, IEnumerable<string> roles)
    {
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 200)
        {
            errors.Add("display_name", "A name of 1 to 200 characters.");
        }
        if (!string.IsNullOrWhiteSpace(email) && !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
        {
            errors.Add("email", "Email is not a valid address.");
        }
        var list = roles.ToList();
        if (list.Count == 0)
        {
            errors.Add("roles", "Choose at least one role.");
        }
        foreach (var unknown in list.Where(r => RoleCatalog.Find(r) is null))
        {
            errors.Add("roles", $"Unknown role '{unknown}'.");
        }
    }

    private async Task<List<Guid>> ValidateTeamsAsync(FieldErrors errors, IEnumerable<string> teamIds, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        foreach (var value in teamIds.Distinct())
        {
            if (Guid.TryParse(value, out var id))
            {
                ids.Add(id);
            }
            else
            {
                errors.Add("team_ids", $"'{value}' is not a team id.");
            }
        }
        var known = await db.Teams.Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var missing in ids.Except(known))
        {
            errors.Add("team_ids", $"Team '{missing}' does not exist.");
        }
        return known;
    }

    private async Task<User> ToMessageAsync(CrmUser user, CancellationToken cancellationToken)
    {
        var roles = await users.GetRolesAsync(user);
        var teams = await db.TeamMembers.Where(m => m.UserId == user.Id).Select(m => m.TeamId.ToString()).ToListAsync(cancellationToken);
        return new User
        {
            Id = user.Id,
            UserName = user.UserName ?? string.Empty,
            DisplayName = user.DisplayName,
            Email = user.Email ?? string.Empty,
            Roles = { roles },
            TeamIds = { teams },
            LockedOut = user.LockoutEnd > DateTimeOffset.UtcNow,
            Disabled = user.Disabled,
            TwoFactorEnabled = user.TwoFactorEnabled,
            MustChangePassword = user.MustChangePassword,
            Language = user.Language,
            CreatedAt = Timestamp.FromDateTimeOffset(user.CreatedAt),
        };
    }

    /// <summary>A user as the audit log shows it: profile, roles, teams and state, never a hash, stamp or key.</summary>
    private sealed record UserSnapshot(string UserName, string DisplayName, string? Email, IReadOnlyList<string> Roles, IReadOnlyList<string> TeamIds,
        string Language, bool Disabled, bool LockedOut, bool TwoFactorEnabled, bool MustChangePassword);

    private async Task<UserSnapshot> SnapshotAsync(CrmUser user, CancellationToken cancellationToken)
    {
        var roles = await users.GetRolesAsync(user);
        var teams = await db.TeamMembers.Where(m => m.UserId == user.Id).Select(m => m.TeamId.ToString()).ToListAsync(cancellationToken);
        return new UserSnapshot(user.UserName ?? string.Empty, user.DisplayName, user.Email,
            [.. roles.Order(StringComparer.Ordinal)], [.. teams.Order(StringComparer.Ordinal)],
            user.Language, user.Disabled, user.LockoutEnd > DateTimeOffset.UtcNow, user.TwoFactorEnabled, user.MustChangePassword);
    }

    private static object LockoutSnapshot(CrmUser user) => new
    {
        LockedOut = user.LockoutEnd > DateTimeOffset.UtcNow,
        LockedOutUntil = user.LockoutEnd,
        FailedAttempts = user.AccessFailedCount,
    };
}
