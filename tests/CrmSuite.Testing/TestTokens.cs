using System.Security.Claims;
using System.Security.Cryptography;
using CrmSuite.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CrmSuite.Testing;

/// <summary>A person as the services see them: the claims identity would put into the access token.</summary>
public sealed record TestUser(string Id, string Name, string Visibility, string[] Granted, string[] Teams, string[] HeadedTeams)
{
    private static readonly string[] ClientsAll = [Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.ClientsExport];

    public static TestUser Director { get; } = new("director-1", "Директор", ClientVisibility.All, ClientsAll, [], []);
    public static TestUser ManagerAnna { get; } = new("manager-anna", "Анна", ClientVisibility.Own, [Permissions.ClientsRead, Permissions.ClientsWrite], ["team-north"], []);
    public static TestUser ManagerBoris { get; } = new("manager-boris", "Борис", ClientVisibility.Own, [Permissions.ClientsRead, Permissions.ClientsWrite], ["team-north"], []);
    public static TestUser ManagerOleg { get; } = new("manager-oleg", "Олег", ClientVisibility.Own, [Permissions.ClientsRead, Permissions.ClientsWrite], ["team-south"], []);
    public static TestUser HeadOfNorth { get; } = new("head-north", "Руководитель", ClientVisibility.Team, [Permissions.ClientsRead, Permissions.ClientsWrite], ["team-north"], ["team-north"]);
    public static TestUser Auditor { get; } = new("auditor-1", "Аудитор", ClientVisibility.Own, [Permissions.AuditRead, Permissions.AuditAlertsRead], [], []);
}

/// <summary>
/// Signs access tokens with a test key and makes a service under test trust that key: the real
/// JwtBearer validation and authorization run, only the key's origin differs from production.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "http://crm.test/";
    internal static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test-key" };

    public static string For(TestUser user, TimeSpan? lifetime = null) => Sign(user, lifetime, []);

    /// <summary>
    /// A client-credentials token as identity issues it to an integration or a service account:
    /// the subject is the client itself and client_id names it (services then ask identity's
    /// connect/integration-status whether the client still counts).
    /// </summary>
    public static string ForClient(TestUser client, TimeSpan? lifetime = null) =>
        Sign(client, lifetime, [new Claim(IntegrationClientStatus.ClientIdClaim, client.Id)]);

    private static string Sign(TestUser user, TimeSpan? lifetime, Claim[] extra)
    {
        var claims = new List<Claim>(extra)
        {
            new(CrmClaims.Subject, user.Id),
            new(CrmClaims.Name, user.Name),
            new(CrmClaims.ClientVisibility, user.Visibility),
        };
        claims.AddRange(user.Granted.Select(p => new Claim(CrmClaims.Permission, p)));
        claims.AddRange(user.Teams.Select(t => new Claim(CrmClaims.Team, t)));
        claims.AddRange(user.HeadedTeams.Select(t => new Claim(CrmClaims.TeamHead, t)));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(15)),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public static void TrustTestTokens(this IServiceCollection services) =>
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.ConfigurationManager = null;
            options.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            options.TokenValidationParameters.ValidIssuer = Issuer;
            options.TokenValidationParameters.IssuerSigningKey = Key;
        });
}
