extern alias identity;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Testing;
using RoleCatalog = identity::CrmSuite.Identity.Users.RoleCatalog;

namespace CrmSuite.AuthorizationTests;

/// <summary>
/// People using the API with their own rights outside the browser (README: "Use the API as
/// yourself"): a native tool signs each person in through the real sign-in page, on a loopback
/// port of its own choosing, and calls the clients and warehouse services with that person's
/// token; the services' object-level checks apply as in the UI. Also: a revoked integration's
/// already-issued token stops working within the services' refresh interval.
/// </summary>
public sealed class NativeToolTests(SuiteWithIdentity suite) : IClassFixture<SuiteWithIdentity>
{
    private const string Password = "Person-Password-2026";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_through_a_native_tool_sees_and_changes_only_what_their_visibility_allows()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var anna = await suite.CreateUserAsync($"anna.{suffix}", Password, RoleCatalog.SalesManager);
        var boris = await suite.CreateUserAsync($"boris.{suffix}", Password, RoleCatalog.SalesManager);
        var head = await suite.CreateUserAsync($"head.{suffix}", Password, RoleCatalog.SalesManager);
        var director = await suite.CreateUserAsync($"director.{suffix}", Password, RoleCatalog.Director);
        var keeper = await suite.CreateUserAsync($"keeper.{suffix}", Password, RoleCatalog.WarehouseKeeper);
        await suite.CreateTeamAsync($"North {suffix}", head, anna, boris, head);

        using var asAnna = suite.Clients(await SignInAsync(anna.UserName!));
        var company = await OkAsync(await asAnna.PostAsJsonAsync("/v1/companies", new { name = $"Anna's client {suffix}" }, Json, Ct));
        var companyId = company.GetProperty("id").GetString()!;
        var contact = await OkAsync(await asAnna.PostAsJsonAsync($"/v1/companies/{companyId}/contacts", new { fullName = "Иванов Иван" }, Json, Ct));
        var deal = await OkAsync(await asAnna.PostAsJsonAsync("/v1/deals",
            new { title = $"Kettles {suffix}", companyId, amount = "1000.00", currency = "RUB" }, Json, Ct));
        var lead = await OkAsync(await asAnna.PostAsJsonAsync("/v1/leads", new { personName = "Пётр", companyName = $"Lead {suffix}", phone = "+7 903 111-22-33" }, Json, Ct));
        var records = new Dictionary<string, string>
        {
            ["contact"] = $"/v1/contacts/{contact.GetProperty("id").GetString()}",
            ["deal"] = $"/v1/deals/{deal.GetProperty("id").GetString()}",
            ["lead"] = $"/v1/leads/{lead.GetProperty("id").GetString()}",
        };

        // Anna changes her own contact, deal and lead.
        await OkAsync(await asAnna.PutAsJsonAsync(records["contact"],
            new { fullName = "Иванов Иван Иванович", version = contact.GetProperty("version").GetString() }, Json, Ct));
        await OkAsync(await asAnna.PutAsJsonAsync(records["deal"],
            new { title = $"Kettles x2 {suffix}", amount = "2000.00", currency = "RUB", version = deal.GetProperty("version").GetString() }, Json, Ct));
        var started = await OkAsync(await asAnna.PostAsJsonAsync(records["lead"] + ":start", new { version = lead.GetProperty("version").GetString() }, Json, Ct));
        Assert.Equal("LEAD_STATUS_IN_PROGRESS", started.GetProperty("status").GetString());

        // Boris (same team, own visibility) neither sees nor changes them: 404, as if they did not exist.
        using var asBoris = suite.Clients(await SignInAsync(boris.UserName!));
        foreach (var (kind, path) in records)
        {
            using var read = await asBoris.GetAsync(path, Ct);
            Assert.True(read.StatusCode == HttpStatusCode.NotFound, $"Boris reading Anna's {kind}: {(int)read.StatusCode}");
        }
        using (var contactChange = await asBoris.PutAsJsonAsync(records["contact"], new { fullName = "Hijacked", version = "1" }, Json, Ct))
        using (var dealChange = await asBoris.PutAsJsonAsync(records["deal"], new { title = "Hijacked", amount = "1.00", currency = "RUB", version = "1" }, Json, Ct))
        using (var leadChange = await asBoris.PostAsJsonAsync(records["lead"] + ":reject", new { reason = "spam", version = "1" }, Json, Ct))
        {
            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
                (contactChange.StatusCode, dealChange.StatusCode, leadChange.StatusCode));
        }
        var unchanged = await OkAsync(await asAnna.GetAsync(records["contact"], Ct));
        Assert.Equal("Иванов Иван Иванович", unchanged.GetProperty("fullName").GetString());

        // The head of their team sees the team's records; the director sees everything.
        foreach (var (who, user) in new[] { ("team head", head), ("director", director) })
        {
            using var http = suite.Clients(await SignInAsync(user.UserName!));
            foreach (var (kind, path) in records)
            {
                using var read = await http.GetAsync(path, Ct);
                Assert.True(read.StatusCode == HttpStatusCode.OK, $"The {who} reading Anna's {kind}: {(int)read.StatusCode}");
            }
        }

        // The warehouse applies the person's own permissions: a sales manager reads and may
        // reserve, but posting a movement (warehouse.write) is refused; a storekeeper gets past that check.
        using var annaWarehouse = suite.Warehouse(await SignInAsync(anna.UserName!));
        using (var warehouses = await annaWarehouse.GetAsync("/v1/warehouse/warehouses", Ct))
        using (var reservations = await annaWarehouse.GetAsync("/v1/warehouse/reservations", Ct))
        {
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (warehouses.StatusCode, reservations.StatusCode));
        }
        var movement = new { type = "MOVEMENT_TYPE_RECEIPT", warehouseId = Guid.NewGuid().ToString(), supplier = "ООО Поставщик", lines = new[] { new { productId = Guid.NewGuid().ToString(), quantity = "1", unitCost = "1.00" } } };
        using (var refused = await annaWarehouse.PostAsJsonAsync("/v1/warehouse/movements", movement, Json, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using var keeperWarehouse = suite.Warehouse(await SignInAsync(keeper.UserName!));
        using var accepted = await keeperWarehouse.PostAsJsonAsync("/v1/warehouse/movements", movement, Json, Ct);
        Assert.True(accepted.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound,
            $"A storekeeper's movement to an unknown warehouse: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync(Ct)}");
    }

    [Fact]
    public async Task A_revoked_integrations_already_issued_token_is_refused_within_the_refresh_interval()
    {
        using var admin = suite.Identity(suite.AdminToken);
        var created = await OkAsync(await admin.PostAsJsonAsync("/v1/integration-clients",
            new { displayName = "Website sync", permissions = new[] { "clients.read" } }, Json, Ct));
        var clientId = created.GetProperty("client").GetProperty("clientId").GetString()!;
        var token = await suite.Oidc.ClientCredentialsAsync(clientId, created.GetProperty("clientSecret").GetString()!, "clients.read", Ct);
        using var integration = suite.Clients(token);
        using (var before = await integration.GetAsync("/v1/companies", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await OkAsync(await admin.PostAsJsonAsync($"/v1/integration-clients/{clientId}:revoke", new { }, Json, Ct));

        // The services here ask identity again after 1 s (30 s by default): poll, never sleep a minute.
        var answers = new List<HttpStatusCode>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        while (!deadline.IsCancellationRequested)
        {
            using var after = await integration.GetAsync("/v1/companies", Ct);
            answers.Add(after.StatusCode);
            if (after.StatusCode != HttpStatusCode.OK)
            {
                break;
            }
            await Task.Delay(200, Ct);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, answers[^1]);

        // Another integration's token is not affected.
        var other = await OkAsync(await admin.PostAsJsonAsync("/v1/integration-clients",
            new { displayName = "Accounting", permissions = new[] { "clients.read" } }, Json, Ct));
        var otherToken = await suite.Oidc.ClientCredentialsAsync(other.GetProperty("client").GetProperty("clientId").GetString()!,
            other.GetProperty("clientSecret").GetString()!, "clients.read", Ct);
        using var otherCall = await suite.Clients(otherToken).GetAsync("/v1/companies", Ct);
        Assert.Equal(HttpStatusCode.OK, otherCall.StatusCode);
    }

    private async Task<string> SignInAsync(string userName)
    {
        var port = PostgresServer.FreePort().ToString(CultureInfo.InvariantCulture);
        return (await OidcTestClient.NativeToolSignInAsync(suite.IdentityAddress, $"http://127.0.0.1:{port}/callback", userName, Password, Ct)).AccessToken;
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
