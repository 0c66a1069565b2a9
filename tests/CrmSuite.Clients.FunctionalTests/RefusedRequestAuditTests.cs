using System.Net;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Grpc.Core;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// Refused requests are audited (security.request.refused): who, from where, which endpoint, why;
/// over REST (401/403) and gRPC (Unauthenticated/PermissionDenied). Anonymous refusals are
/// rate-limited per source address so a flood of 401s cannot flood the log.
/// </summary>
public sealed class RefusedRequestAuditTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TestUser Reader(string id) => new(id, "Читатель " + id, ClientVisibility.All, [Permissions.ClientsRead], [], []);

    [Fact]
    public async Task A_403_over_REST_is_recorded_with_the_person_the_endpoint_and_the_missing_permission()
    {
        var reader = Reader("rest-reader");
        using var refused = await api.As(reader).Http.GetAsync("/v1/companies:export", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var recorded = Assert.Single(await RefusalsAsync(reader.Id));
        Assert.Equal("Читатель rest-reader", recorded.GetProperty("actorName").GetString());
        Assert.Equal("refused", recorded.GetProperty("outcome").GetString());
        var details = recorded.GetProperty("details");
        Assert.Equal("GET /v1/companies:export", details.GetProperty("endpoint").GetString());
        Assert.Equal("permission-denied", details.GetProperty("status").GetString());
        Assert.Contains(Permissions.ClientsExport, details.GetProperty("requires").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task A_PermissionDenied_gRPC_call_is_recorded_with_the_person_and_the_method()
    {
        var reader = Reader("grpc-reader");
        var exports = new CrmSuite.Clients.Contracts.Exports.ExportsClient(api.InvokerFor(reader));
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await exports.ExportCompaniesAsync(new ExportCompaniesRequest(), cancellationToken: Ct));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);

        var recorded = Assert.Single(await RefusalsAsync(reader.Id));
        Assert.Equal("POST /crmsuite.clients.v1.Exports/ExportCompanies", recorded.GetProperty("details").GetProperty("endpoint").GetString());
    }

    [Fact]
    public async Task Anonymous_refusals_are_recorded_once_per_address_and_minute_and_the_rest_counted()
    {
        using (var first = await api.Anonymous.GetAsync("/v1/companies", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        }
        var recorded = Assert.Single(await RefusalsAsync("anonymous"));
        Assert.Equal("unauthenticated", recorded.GetProperty("details").GetProperty("status").GetString());
        Assert.Equal("No access token.", recorded.GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal("GET /v1/companies", recorded.GetProperty("details").GetProperty("endpoint").GetString());

        // A flood from the same address (a bad token this time): refused every time, not recorded again this minute.
        for (var i = 0; i < 50; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/companies");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token-" + i);
            using var response = await api.Anonymous.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.Single(await RefusalsAsync("anonymous"));
    }

    private Task<List<JsonElement>> RefusalsAsync(string actorId) =>
        OutboxEvents.ReadAsync(api.ConnectionString, "audit", "payload->>'action' = 'security.request.refused' AND payload->>'actorId' = $2", actorId);
}
