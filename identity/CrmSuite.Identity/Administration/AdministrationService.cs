using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.BuildingBlocks.Web;
using CrmSuite.Identity.Audit;
using CrmSuite.Identity.Contracts;
using CrmSuite.Identity.Infrastructure;
using CrmSuite.Identity.Integrations;
using CrmSuite.Identity.Setup;
using CrmSuite.Identity.Users;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Permissions = CrmSuite.BuildingBlocks.Security.Permissions;
using Team = CrmSuite.Identity.Contracts.Team;
using TeamEntity = CrmSuite.Identity.Users.Team;
using User = CrmSuite.Identity.Contracts.User;

namespace CrmSuite.Identity.Grpc;

/// <summary>Users, roles, teams and integration clients (users.manage), and the caller's own profile.</summary>
[Authorize(AuthenticationSchemes = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)]
public sealed partial class AdministrationService(
    UserManager<CrmUser> users,
    IdentityDb db,
    IOpenIddictApplicationManager applications,
    IdentityAudit audit) : Administration.AdministrationBase
{
    private const string KindProperty = IntegrationClients.KindProperty;
    private const string IntegrationKind = IntegrationClients.IntegrationKind;
    private const string RevokedProperty = IntegrationClients.RevokedProperty;
    private const string CreatedProperty = IntegrationClients.CreatedProperty;

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

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<ListTeamsResponse> ListTeams(ListTeamsRequest request, ServerCallContext context)
    {
        var teams = await db.Teams.AsNoTracking().Include(t => t.Members).OrderBy(t => t.Name).ToListAsync(context.CancellationToken);
        var response = new ListTeamsResponse();
        response.Teams.AddRange(teams.Select(ToMessage));
        return response;
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<Team> CreateTeam(CreateTeamRequest request, ServerCallContext context)
    {
        var team = new TeamEntity { Id = Guid.CreateVersion7() };
        await ApplyTeamAsync(team, null, request.Name, request.HeadUserId, request.MemberUserIds, context.CancellationToken);
        db.Teams.Add(team);
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.TeamCreated, IdentityActions.TeamEntity, team.Id.ToString(),
            after: Snapshot(team));
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(team);
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<Team> UpdateTeam(UpdateTeamRequest request, ServerCallContext context)
    {
        var id = Guid.TryParse(request.Id, out var parsed) ? parsed : throw new ValidationFailedException("id", "Must be a team id.");
        var team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Team", request.Id);
        var before = Snapshot(team);
        await ApplyTeamAsync(team, team.Id, request.Name, request.HeadUserId, request.MemberUserIds, context.CancellationToken);
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.TeamUpdated, IdentityActions.TeamEntity, team.Id.ToString(),
            before, Snapshot(team));
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(team);
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<ListIntegrationClientsResponse> ListIntegrationClients(ListIntegrationClientsRequest request, ServerCallContext context)
    {
        var response = new ListIntegrationClientsResponse();
        await foreach (var application in applications.ListAsync(cancellationToken: context.CancellationToken))
        {
            var properties = await applications.GetPropertiesAsync(application, context.CancellationToken);
            if (properties.TryGetValue(KindProperty, out var kind) && kind.GetString() == IntegrationKind)
            {
                response.Clients.Add(await ToMessageAsync(application, context.CancellationToken));
            }
        }
        return response;
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<IntegrationClientWithSecret> CreateIntegrationClient(CreateIntegrationClientRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Trim().Length > 100)
        {
            errors.Add("display_name", "A name of 1 to 100 characters, e.g. the system that will call the API.");
        }
        if (request.Permissions.Count == 0)
        {
            errors.Add("permissions", "Grant at least one permission.");
        }
        foreach (var unknown in request.Permissions.Where(p => !Permissions.All.Contains(p)))
        {
            errors.Add("permissions", $"Unknown permission '{unknown}'.");
        }
        CheckIntegrationPermissions(request.Permissions, errors);
        errors.ThrowIfAny();

        var clientId = "int-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = request.DisplayName.Trim(),
            Permissions =
            {
                OpenIddictConstants.Permissions.Endpoints.Token,
                OpenIddictConstants.Permissions.GrantTypes.ClientCredentials,
                OpenIddictConstants.Permissions.Prefixes.Scope + "crm_api",
            },
            Properties =
            {
                [KindProperty] = JsonSerializer.SerializeToElement(IntegrationKind),
                [CreatedProperty] = JsonSerializer.SerializeToElement(DateTimeOffset.UtcNow),
            },
        };
        foreach (var permission in request.Permissions.Distinct())
        {
            descriptor.Permissions.Add(OpenIddictConstants.Permissions.Prefixes.Scope + permission);
        }
        await using var transaction = await audit.BeginAsync(context.CancellationToken);
        var application = await applications.CreateAsync(descriptor, context.CancellationToken);
        var client = await ToMessageAsync(application, context.CancellationToken);
        // The secret is shown once, to the administrator; the log gets what the client may do.
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.IntegrationCreated, IdentityActions.IntegrationEntity, client.ClientId,
            after: Snapshot(client));
        await audit.CommitAsync(transaction, context.CancellationToken);
        return new IntegrationClientWithSecret { Client = client, ClientSecret = secret };
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<IntegrationClient> RevokeIntegrationClient(RevokeIntegrationClientRequest request, ServerCallContext context)
    {
        var application = await applications.FindByClientIdAsync(request.ClientId, context.CancellationToken);
        var properties = application is null ? null : await applications.GetPropertiesAsync(application, context.CancellationToken);
        if (application is null || properties is null || !properties.TryGetValue(KindProperty, out var kind) || kind.GetString() != IntegrationKind)
        {
            throw new RecordNotFoundException("Integration client", request.ClientId);
        }
        var before = Snapshot(await ToMessageAsync(application, context.CancellationToken));
        await using var transaction = await audit.BeginAsync(context.CancellationToken);
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, context.CancellationToken);
        // Without the grant, the client can get no new token; the services refuse tokens already
        // issued once they next ask identity about the client (IntegrationClientStatus, within 30 s).
        descriptor.Permissions.Remove(OpenIddictConstants.Permissions.GrantTypes.ClientCredentials);
        descriptor.Properties[RevokedProperty] = JsonSerializer.SerializeToElement(true);
        await applications.UpdateAsync(application, descriptor, context.CancellationToken);
        var revoked = await ToMessageAsync(application, context.CancellationToken);
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.IntegrationRevoked, IdentityActions.IntegrationEntity, revoked.ClientId,
            before, Snapshot(revoked));
        await audit.CommitAsync(transaction, context.CancellationToken);
        return revoked;
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<ListPeopleResponse> ListPeople(ListPeopleRequest request, ServerCallContext context)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var query = db.Users.AsNoTracking().Where(u => !u.Disabled);
        if (request.Query.Trim() is { Length: > 0 } text)
        {
            var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            query = query.Where(u => EF.Functions.ILike(u.DisplayName, "%" + escaped + "%") || EF.Functions.ILike(u.UserName!, escaped + "%"));
        }
        var people = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.UserName).Take(pageSize)
            .Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(context.CancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var memberships = await db.TeamMembers.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(context.CancellationToken);
        var response = new ListPeopleResponse();
        response.People.AddRange(people.Select(p => new Person
        {
            Id = p.Id,
            DisplayName = p.DisplayName.Length > 0 ? p.DisplayName : p.UserName ?? string.Empty,
            UserName = p.UserName ?? string.Empty,
            TeamIds = { memberships.Where(m => m.UserId == p.Id).Select(m => m.TeamId.ToString()) },
        }));
        response.Teams.AddRange(await db.Teams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TeamName { Id = t.Id.ToString(), Name = t.Name }).ToListAsync(context.CancellationToken));
        return response;
    }

    public override async Task<Profile> GetMyProfile(GetMyProfileRequest request, ServerCallContext context) =>
        await ProfileAsync(await CurrentUserAsync(context));

    public override async Task<Profile> SetMyLanguage(SetMyLanguageRequest request, ServerCallContext context)
    {
        if (!CrmWeb.Languages.Contains(request.Language))
        {
            throw new ValidationFailedException("language", "Language must be ru or en.");
        }
        var user = await CurrentUserAsync(context);
        await using var transaction = await audit.BeginAsync(context.CancellationToken);
        var before = new { user.Language };
        user.Language = request.Language;
        Check(await users.UpdateAsync(user));
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.UserLanguageChanged, IdentityActions.UserEntity, user.Id,
            before, new { user.Language });
        await audit.CommitAsync(transaction, context.CancellationToken);
        return await ProfileAsync(user);
    }

    public override async Task<RecordRefusedPageResponse> RecordRefusedPage(RecordRefusedPageRequest request, ServerCallContext context)
    {
        var page = request.Page.Trim();
        if (page.Length == 0)
        {
            throw new ValidationFailedException("page", "Page is required.");
        }
        if (page.Length > 500 || page.Any(char.IsControl))
        {
            throw new ValidationFailedException("page", "Page must be at most 500 characters without control characters.");
        }
        await using var transaction = await audit.BeginAsync(context.CancellationToken);
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.PageRefused, IdentityActions.PageEntity, "/" + page.TrimStart('/'),
            details: new { page = "/" + page.TrimStart('/') });
        await audit.CommitAsync(transaction, context.CancellationToken);
        return new RecordRefusedPageResponse();
    }

    private async Task<CrmUser> CurrentUserAsync(ServerCallContext context) =>
        await users.FindByIdAsync(context.GetHttpContext().User.UserId() ?? string.Empty)
        ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "Only a signed-in user has a profile."));

    private async Task<Profile> ProfileAsync(CrmUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return new Profile
        {
            Id = user.Id,
            UserName = user.UserName ?? string.Empty,
            DisplayName = user.DisplayName,
            Roles = { roles },
            Permissions = { RoleCatalog.PermissionsOf(roles) },
            Language = user.Language,
        };
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

    private async Task ApplyTeamAsync(TeamEntity team, Guid? existingId, string name, string headUserId, IEnumerable<string> memberIds, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > TeamEntity.MaxNameLength)
        {
            errors.Add("name", $"A name of 1 to {TeamEntity.MaxNameLength} characters.");
        }
        else if (await db.Teams.AnyAsync(t => t.Name == trimmed && t.Id != existingId, cancellationToken))
        {
            errors.Add("name", "A team with this name exists.");
        }
        var members = memberIds.Distinct().ToList();
        var knownUsers = await db.Users.Where(u => members.Contains(u.Id) || u.Id == headUserId).Select(u => u.Id).ToListAsync(cancellationToken);
        if (!string.IsNullOrEmpty(headUserId) && !knownUsers.Contains(headUserId))
        {
            errors.Add("head_user_id", "The head must be an existing user.");
        }
        foreach (var missing in members.Except(knownUsers))
        {
            errors.Add("member_user_ids", $"User '{missing}' does not exist.");
        }
        errors.ThrowIfAny();
        team.Name = trimmed;
        team.HeadUserId = string.IsNullOrEmpty(headUserId) ? null : headUserId;
        team.Members.RemoveAll(m => !members.Contains(m.UserId));
        team.Members.AddRange(members.Where(m => team.Members.All(x => x.UserId != m)).Select(m => new TeamMember { TeamId = team.Id, UserId = m }));
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

    private static object Snapshot(TeamEntity team) => new
    {
        team.Name,
        team.HeadUserId,
        MemberUserIds = team.Members.Select(m => m.UserId).Order(StringComparer.Ordinal).ToList(),
    };

    /// <summary>
    /// An integration authenticates with a shared secret only (no second factor, no lockout): it
    /// may hold data permissions, never administrative ones (<see cref="Permissions.Administrative"/>).
    /// </summary>
    private static void CheckIntegrationPermissions(IEnumerable<string> permissions, FieldErrors errors)
    {
        var refused = permissions.Where(Permissions.IsAdministrative).Distinct().Order(StringComparer.Ordinal).ToList();
        if (refused.Count > 0)
        {
            errors.Add("permissions", $"An integration client may not hold administrative permissions: {string.Join(", ", refused)}. "
                + "Only people administer users, roles, teams, integrations, the audit log and the client base's configuration.");
        }
    }

    private static object Snapshot(IntegrationClient client) => new
    {
        client.ClientId,
        client.DisplayName,
        Permissions = client.Permissions.Order(StringComparer.Ordinal).ToList(),
        client.Revoked,
    };

    private static Team ToMessage(TeamEntity team) => new()
    {
        Id = team.Id.ToString(),
        Name = team.Name,
        HeadUserId = team.HeadUserId ?? string.Empty,
        MemberUserIds = { team.Members.Select(m => m.UserId) },
    };

    private async Task<IntegrationClient> ToMessageAsync(object application, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        var created = descriptor.Properties.TryGetValue(CreatedProperty, out var at) ? at.GetDateTimeOffset() : DateTimeOffset.UnixEpoch;
        return new IntegrationClient
        {
            ClientId = descriptor.ClientId ?? string.Empty,
            DisplayName = descriptor.DisplayName ?? string.Empty,
            Permissions = { descriptor.Permissions.Where(p => p.StartsWith(OpenIddictConstants.Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[OpenIddictConstants.Permissions.Prefixes.Scope.Length..]).Where(Permissions.All.Contains) },
            Revoked = descriptor.Properties.ContainsKey(RevokedProperty),
            CreatedAt = Timestamp.FromDateTimeOffset(created),
        };
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ValidationFailedException(result.Errors.Select(e => new FieldError(FieldFor(e.Code), e.Description)).ToList());
        }
    }

    private static string FieldFor(string code) => code switch
    {
        _ when code.Contains("Password", StringComparison.Ordinal) => "password",
        _ when code.Contains("UserName", StringComparison.Ordinal) => "user_name",
        _ when code.Contains("Email", StringComparison.Ordinal) => "email",
        _ when code.Contains("Role", StringComparison.Ordinal) => "roles",
        _ => "request",
    };

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
