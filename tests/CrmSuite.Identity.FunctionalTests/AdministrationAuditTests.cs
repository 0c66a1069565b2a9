using System.Net;
using System.Text.Json;

namespace CrmSuite.Identity.FunctionalTests;

/// <summary>
/// Every write of the administration API leaves an audit event naming the administrator, with the
/// record before and after, committed with the change; nothing secret (passwords, hashes, client
/// secrets) ever reaches the log, and a refused call leaves no trace of a write.
/// </summary>
public sealed class AdministrationAuditTests(IdentityService identity) : IClassFixture<IdentityService>
{
    private static readonly string[] SecretProperties = ["password", "passwordHash", "securityStamp", "concurrencyStamp", "oneTimePassword", "clientSecret", "authenticatorKey"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_a_user_records_the_administrator_and_the_new_account_without_its_password()
    {
        using var admin = identity.AsAdministrator();

        var created = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/users",
            new { userName = "darya.new", displayName = "Darya", email = "darya@example.com", roles = new[] { "Accountant" }, language = "en" }, Ct), Ct);

        var id = created.GetProperty("user").GetProperty("id").GetString()!;
        var oneTimePassword = created.GetProperty("oneTimePassword").GetString()!;
        var events = (await identity.AuditEventsAsync(Ct)).Where(e => e.EntityId == id).ToList();
        var record = Assert.Single(events);
        Assert.Equal("identity.user.created", record.Action);
        Assert.Equal(identity.AdminId, record.ActorId);
        Assert.Equal("Administrator", record.Text("actorRole"));
        Assert.Equal("user", record.Text("entityType"));
        Assert.Equal(JsonValueKind.Null, record.Event.GetProperty("before").ValueKind);
        var after = record.Event.GetProperty("after");
        Assert.Equal("darya.new", after.GetProperty("userName").GetString());
        Assert.Equal("darya@example.com", after.GetProperty("email").GetString());
        Assert.Equal(["Accountant"], after.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(after.GetProperty("mustChangePassword").GetBoolean());
        Assert.DoesNotContain(oneTimePassword, record.Raw, StringComparison.Ordinal);
        AssertNoSecretProperties(record.Event);
    }

    [Fact]
    public async Task A_page_the_UI_refused_is_recorded_under_the_persons_name_and_a_bad_page_is_refused_naming_it()
    {
        using var admin = identity.AsAdministrator();
        var page = $"audit?from=refused-{Guid.NewGuid():N}";

        using var recorded = await IdentityService.PostJsonAsync(admin, "/v1/me/refused-pages", new { page }, Ct);
        var before = await identity.OutboxCountAsync(Ct);
        using var empty = await IdentityService.PostJsonAsync(admin, "/v1/me/refused-pages", new { page = " " }, Ct);
        using var tooLong = await IdentityService.PostJsonAsync(admin, "/v1/me/refused-pages", new { page = new string('a', 501) }, Ct);

        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var record = Assert.Single(await identity.AuditEventsAsync(Ct), e => e.EntityId == "/" + page);
        Assert.Equal("security.page.refused", record.Action);
        Assert.Equal(identity.AdminId, record.ActorId);
        Assert.Equal("page", record.Text("entityType"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("page", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(before, await identity.OutboxCountAsync(Ct));
    }

    [Fact]
    public async Task A_refused_administration_call_records_no_write()
    {
        using var admin = identity.AsAdministrator();
        var before = await identity.OutboxCountAsync(Ct);

        using var badUser = await IdentityService.PostJsonAsync(admin, "/v1/users",
            new { userName = "x!", displayName = "", roles = new[] { "NoSuchRole" } }, Ct);
        using var badClient = await IdentityService.PostJsonAsync(admin, "/v1/integration-clients",
            new { displayName = "Accounting export", permissions = Array.Empty<string>() }, Ct);
        using var badTeam = await IdentityService.PostJsonAsync(admin, "/v1/teams", new { name = "" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, badUser.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badClient.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTeam.StatusCode);
        Assert.Equal(before, await identity.OutboxCountAsync(Ct));
    }

    [Fact]
    public async Task Changing_roles_and_disabling_a_user_records_before_and_after_and_names_the_privilege_change()
    {
        using var admin = identity.AsAdministrator();
        var created = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/users",
            new { userName = "egor.promoted", displayName = "Egor", roles = new[] { "SalesManager" }, language = "en" }, Ct), Ct);
        var id = created.GetProperty("user").GetProperty("id").GetString()!;

        using var update = await admin.PutAsync($"/v1/users/{id}", System.Net.Http.Json.JsonContent.Create(
            new { displayName = "Egor Ivanov", roles = new[] { "Director" }, disabled = true }, options: IdentityService.Json), Ct);
        await IdentityService.ReadJsonAsync(update, Ct);

        var events = (await identity.AuditEventsAsync(Ct)).Where(e => e.EntityId == id).ToList();
        Assert.Equal(["identity.user.created", "identity.user.updated", "identity.user.roles-changed", "identity.user.disabled"], events.Select(e => e.Action));
        var updated = events[1].Event;
        Assert.Equal("Egor", updated.GetProperty("before").GetProperty("displayName").GetString());
        Assert.Equal("Egor Ivanov", updated.GetProperty("after").GetProperty("displayName").GetString());
        var roles = events[2].Event;
        Assert.Equal(["SalesManager"], roles.GetProperty("before").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["Director"], roles.GetProperty("after").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.All(events, e => Assert.Equal(identity.AdminId, e.ActorId));
        Assert.All(events, e => AssertNoSecretProperties(e.Event));
    }

    [Fact]
    public async Task Resetting_a_password_and_unlocking_are_recorded_without_the_new_password()
    {
        using var admin = identity.AsAdministrator();
        var created = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/users",
            new { userName = "fedor.reset", displayName = "Fedor", roles = new[] { "Accountant" }, language = "en" }, Ct), Ct);
        var id = created.GetProperty("user").GetProperty("id").GetString()!;

        var reset = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, $"/v1/users/{id}:resetPassword", new { }, Ct), Ct);
        await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, $"/v1/users/{id}:unlock", new { }, Ct), Ct);

        var events = (await identity.AuditEventsAsync(Ct)).Where(e => e.EntityId == id).ToList();
        Assert.Equal(["identity.user.created", "identity.user.password-reset", "identity.user.unlocked"], events.Select(e => e.Action));
        Assert.DoesNotContain(events, e => e.Raw.Contains(reset.GetProperty("oneTimePassword").GetString()!, StringComparison.Ordinal)
            || e.Raw.Contains(created.GetProperty("oneTimePassword").GetString()!, StringComparison.Ordinal));
        Assert.All(events, e => AssertNoSecretProperties(e.Event));
    }

    [Fact]
    public async Task Creating_and_changing_a_team_records_before_and_after()
    {
        using var admin = identity.AsAdministrator();
        var team = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/teams",
            new { name = "North", headUserId = identity.AdminId, memberUserIds = new[] { identity.AdminId } }, Ct), Ct);
        var id = team.GetProperty("id").GetString()!;

        using var rename = await admin.PutAsync($"/v1/teams/{id}", System.Net.Http.Json.JsonContent.Create(
            new { name = "North-West", headUserId = identity.AdminId, memberUserIds = Array.Empty<string>() }, options: IdentityService.Json), Ct);
        await IdentityService.ReadJsonAsync(rename, Ct);

        var events = (await identity.AuditEventsAsync(Ct)).Where(e => e.EntityId == id).ToList();
        Assert.Equal(["identity.team.created", "identity.team.updated"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal("team", e.Text("entityType")));
        Assert.Equal("North", events[1].Event.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal([identity.AdminId], events[1].Event.GetProperty("before").GetProperty("memberUserIds").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("North-West", events[1].Event.GetProperty("after").GetProperty("name").GetString());
        Assert.Empty(events[1].Event.GetProperty("after").GetProperty("memberUserIds").EnumerateArray());
    }

    [Fact]
    public async Task Creating_and_revoking_an_integration_client_is_recorded_without_its_secret()
    {
        using var admin = identity.AsAdministrator();
        var created = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/integration-clients",
            new { displayName = "Accounting export", permissions = new[] { "clients.read" } }, Ct), Ct);
        var clientId = created.GetProperty("client").GetProperty("clientId").GetString()!;
        var secret = created.GetProperty("clientSecret").GetString()!;

        await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, $"/v1/integration-clients/{clientId}:revoke", new { }, Ct), Ct);

        var events = (await identity.AuditEventsAsync(Ct)).Where(e => e.EntityId == clientId).ToList();
        Assert.Equal(["identity.integration.created", "identity.integration.revoked"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal("integration", e.Text("entityType")));
        Assert.Equal(["clients.read"], events[0].Event.GetProperty("after").GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.False(events[1].Event.GetProperty("before").GetProperty("revoked").GetBoolean());
        Assert.True(events[1].Event.GetProperty("after").GetProperty("revoked").GetBoolean());
        Assert.DoesNotContain(events, e => e.Raw.Contains(secret, StringComparison.Ordinal));
        Assert.All(events, e => AssertNoSecretProperties(e.Event));
    }

    /// <summary>No property anywhere in the event is named like a secret.</summary>
    private static void AssertNoSecretProperties(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Assert.DoesNotContain(property.Name, SecretProperties, StringComparer.OrdinalIgnoreCase);
                    AssertNoSecretProperties(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AssertNoSecretProperties(item);
                }
                break;
        }
    }
}
