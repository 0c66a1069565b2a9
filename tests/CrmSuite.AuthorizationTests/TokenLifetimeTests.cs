using System.Net;
using CrmSuite.Testing;

namespace CrmSuite.AuthorizationTests;

/// <summary>
/// An access token is accepted for at most 30 s after it expired (clock skew between machines),
/// not JwtBearer's default 5 minutes.
/// </summary>
public sealed class TokenLifetimeTests(ClientsWithDatabase clients) : IClassFixture<ClientsWithDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_that_expired_45_seconds_ago_is_refused_with_401()
    {
        using var expired = clients.Http(null);
        expired.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(TestUser.ManagerAnna, lifetime: TimeSpan.FromSeconds(-45)));
        using var fresh = clients.Http(TestUser.ManagerAnna);

        using var refused = await expired.GetAsync("/v1/companies", Ct);
        using var accepted = await fresh.GetAsync("/v1/companies", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }
}
