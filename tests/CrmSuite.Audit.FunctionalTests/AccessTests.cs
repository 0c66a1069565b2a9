using System.Net;
using System.Net.Http.Json;
using CrmSuite.Audit.Contracts;
using CrmSuite.Testing;
using Grpc.Core;

namespace CrmSuite.Audit.FunctionalTests;

/// <summary>Only people with audit.read (Auditor, Administrator) read the log; nobody reads it without a token.</summary>
public sealed class AccessTests(AuditApi api) : IClassFixture<AuditApi>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (await api.ScalarAsync<long>("SELECT count(*) FROM audit_entries") == 0)
        {
            await api.DeliverAsync(new AuditData(EntityId: "access-1"), "access-1", Ct);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The log itself: audit.read only.</summary>
    private static readonly (string Method, string Url)[] LogEndpoints =
    [
        ("GET", "/v1/audit/entries"),
        ("GET", "/v1/audit/entries/1"),
        ("GET", "/v1/audit/chain:verify"),
        ("POST", "/v1/audit/entries:export"),
    ];

    public static TheoryData<string, string> Endpoints => [.. LogEndpoints];

    public static TheoryData<string, string> EndpointsWithAlerts => [.. LogEndpoints, ("GET", "/v1/audit/alerts")];

    [Theory]
    [MemberData(nameof(EndpointsWithAlerts))]
    public async Task Without_a_token_every_call_is_401(string method, string url)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(api.Anonymous, method, url)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_audit_read_every_call_is_403(string method, string url)
    {
        // Every permission but audit.read: seeing all clients is not seeing the audit log.
        var everythingElse = AuditApi.Administrator with
        {
            Id = "almost-admin",
            Granted = [.. BuildingBlocks.Security.Permissions.All.Where(p => p != BuildingBlocks.Security.Permissions.AuditRead)],
        };
        var (http, _) = api.As(everythingElse);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, method, url)).StatusCode);
        var (manager, _) = api.As(TestUser.ManagerAnna);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(manager, method, url)).StatusCode);
    }

    [Fact]
    public async Task Directors_see_the_alerts_but_not_the_log()
    {
        var director = TestUser.Director with { Granted = [.. TestUser.Director.Granted, BuildingBlocks.Security.Permissions.AuditAlertsRead] };
        var (http, _) = api.As(director);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, "GET", "/v1/audit/alerts")).StatusCode);
        foreach (var (method, url) in LogEndpoints)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, method, url)).StatusCode);
        }
        var (manager, _) = api.As(TestUser.ManagerAnna);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(manager, "GET", "/v1/audit/alerts")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(EndpointsWithAlerts))]
    public async Task Auditors_and_administrators_may_call_it(string method, string url)
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api.Http, method, url)).StatusCode);
        var (admin, _) = api.As(AuditApi.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, method, url)).StatusCode);
    }

    [Fact]
    public async Task Over_gRPC_a_manager_is_refused_with_permission_denied()
    {
        var (_, grpc) = api.As(TestUser.ManagerAnna);
        var ex = await Assert.ThrowsAsync<RpcException>(() => grpc.SearchEntriesAsync(new SearchEntriesRequest(), cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        ex = await Assert.ThrowsAsync<RpcException>(() => grpc.VerifyChainAsync(new VerifyChainRequest(), cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/audit/entries");
        request.Headers.Authorization = new("Bearer", TestTokens.For(TestUser.Auditor, TimeSpan.FromMinutes(-10)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.SendAsync(request, Ct)).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string url) =>
        method == "POST" ? await http.PostAsJsonAsync(url, new { }, Ct) : await http.GetAsync(url, Ct);
}
