using System.Text.Json;
using CrmSuite.Identity.Setup;
using Npgsql;

namespace CrmSuite.Identity.FunctionalTests;

/// <summary>
/// Other services learn who a person is (name, e-mail, language, disabled) from
/// identity.person-changed, queued in the outbox with the change: on create, update, disable and
/// language change, and for every existing account whenever the `migrate` step runs.
/// </summary>
public sealed class PersonEventTests(IdentityService identity) : IClassFixture<IdentityService>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<JsonElement>> PersonEventsAsync(string userId)
    {
        await using var connection = new NpgsqlConnection(identity.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT payload::text FROM outbox_messages WHERE topic = 'identity.person-changed' AND payload->>'userId' = @id ORDER BY occurred_at, id", connection);
        command.Parameters.AddWithValue("id", userId);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var events = new List<JsonElement>();
        while (await reader.ReadAsync(Ct))
        {
            events.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }
        return events;
    }

    private static string Describe(JsonElement e) =>
        $"{e.GetProperty("displayName").GetString()}|{e.GetProperty("email").GetString()}|{e.GetProperty("language").GetString()}|{(e.GetProperty("disabled").GetBoolean() ? "disabled" : "active")}";

    [Fact]
    public async Task Creating_updating_disabling_a_person_and_changing_their_language_each_announce_the_whole_person()
    {
        using var admin = identity.AsAdministrator();
        var created = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/users",
            new { userName = "pavel.people", displayName = "Павел", email = "pavel@example.com", roles = new[] { "SalesManager" }, language = "ru" }, Ct), Ct);
        var id = created.GetProperty("user").GetProperty("id").GetString()!;

        var renamed = await admin.PutAsync($"/v1/users/{id}", JsonContent(new { displayName = "Павел Орлов", email = "p.orlov@example.com", roles = new[] { "SalesManager" } }), Ct);
        await IdentityService.ReadJsonAsync(renamed, Ct);
        var disabled = await admin.PutAsync($"/v1/users/{id}", JsonContent(new { displayName = "Павел Орлов", email = "p.orlov@example.com", roles = new[] { "SalesManager" }, disabled = true }), Ct);
        await IdentityService.ReadJsonAsync(disabled, Ct);
        // The administrator's own language: a change of the person who is signed in.
        await IdentityService.ReadJsonAsync(await admin.PutAsync("/v1/me/language", JsonContent(new { language = "en" }), Ct), Ct);

        Assert.Equal(["Павел|pavel@example.com|ru|active", "Павел Орлов|p.orlov@example.com|ru|active", "Павел Орлов|p.orlov@example.com|ru|disabled"],
            (await PersonEventsAsync(id)).Select(Describe));
        Assert.Equal("Administrator||en|active", Describe((await PersonEventsAsync(identity.AdminId))[^1]));
    }

    [Fact]
    public async Task The_migrate_step_announces_every_existing_person_so_a_new_subscriber_learns_them()
    {
        // Straight into the store: no event of its own, as for accounts made before the event existed.
        var user = await identity.CreateUserAsync("olga.existing", "Ольга", "Olga-Pass-2026", "Accountant");
        Assert.Empty(await PersonEventsAsync(user.Id));

        var exit = await IdentityMigrator.RunAsync(
        [
            "migrate",
            $"--ConnectionStrings:identitydb={identity.ConnectionString}",
            $"--Identity:Issuer={identity.Address}",
            $"--Identity:Clients:Gateway:Secret={IdentityService.GatewaySecret}",
        ]);

        Assert.Equal(0, exit);
        Assert.Equal(["Ольга||en|active"], (await PersonEventsAsync(user.Id)).Select(Describe));
        Assert.NotEmpty(await PersonEventsAsync(identity.AdminId));
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, IdentityService.Json), System.Text.Encoding.UTF8, "application/json");
}
