using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// A change in the clients service reaches the audit log through the outbox, the relay and the
/// pub/sub emulator (Dapr's sidecar contract), and the log's chain verifies.
/// </summary>
public sealed class AuditTrailTests(SuiteFixture suite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_and_viewing_a_company_appear_in_the_audit_log_and_the_chain_verifies()
    {
        var created = await suite.Gateway.PostAsJsonAsync("/api/clients/v1/companies", new { name = "Audited end to end " + Guid.NewGuid().ToString("N")[..6] }, Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await suite.Gateway.GetAsync($"/api/clients/v1/companies/{id}", Ct)).StatusCode);

        using var auditor = suite.WithToken(suite.AdminToken);
        var actions = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(actions.Contains("clients.company.created") && actions.Contains("clients.company.viewed")))
        {
            var page = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit/v1/audit/entries?entityId={id}", Ct);
            actions = page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToList();
            await Task.Delay(250, Ct);
        }
        Assert.Contains("clients.company.created", actions);
        Assert.Contains("clients.company.viewed", actions);

        var verification = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/v1/audit/chain:verify", Ct);
        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.ToString());
    }

    [Fact]
    public async Task Sign_ins_through_the_gateway_are_in_the_audit_log_successes_and_failures()
    {
        // The suite signed the administrator in through the gateway's login page; now someone unknown tries.
        await Assert.ThrowsAnyAsync<Exception>(() => suite.Oidc.SignInAsync("nobody-" + Guid.NewGuid().ToString("N")[..6], "not-the-password-" + Guid.NewGuid().ToString("N")[..6], null, Ct));

        using var auditor = suite.WithToken(suite.AdminToken);
        var seen = new Dictionary<string, JsonElement>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(seen.ContainsKey("identity.signin.succeeded") && seen.ContainsKey("identity.signin.failed")))
        {
            foreach (var action in new[] { "identity.signin.succeeded", "identity.signin.failed" })
            {
                var page = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit/v1/audit/entries?action={action}", Ct);
                if (page.GetProperty("entries").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } entry)
                {
                    seen[action] = entry;
                }
            }
            await Task.Delay(250, Ct);
        }
        Assert.True(seen.ContainsKey("identity.signin.succeeded"), "no successful sign-in in the audit log");
        Assert.True(seen.ContainsKey("identity.signin.failed"), "no failed sign-in in the audit log");
        Assert.Equal("failure", seen["identity.signin.failed"].GetProperty("outcome").GetString());
        Assert.DoesNotContain("not-the-password", seen["identity.signin.failed"].ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(seen["identity.signin.succeeded"].GetProperty("ip").GetString()));
    }

    [Fact]
    public async Task Only_auditors_and_administrators_read_the_audit_log()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await suite.Gateway.GetAsync("/api/audit/v1/audit/entries", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await suite.Anonymous.GetAsync("/api/audit/v1/audit/entries", Ct)).StatusCode);
    }
}
