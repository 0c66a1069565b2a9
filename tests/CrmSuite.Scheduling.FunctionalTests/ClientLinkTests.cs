using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// Links to companies, contacts, deals and leads are checked with the real clients service over
/// gRPC, as the person linking: a record they cannot see is refused naming the field, and nothing is stored.
/// </summary>
public sealed class ClientLinkTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    /// <summary>A meeting's JSON body with the given links (an anonymous object's properties) added.</summary>
    private static Dictionary<string, object> Meeting(string title, object links)
    {
        var body = new Dictionary<string, object> { ["kind"] = "ITEM_KIND_MEETING", ["title"] = title, ["start"] = "2026-03-10T09:00", ["end"] = "2026-03-10T10:00", ["timeZone"] = "Europe/Moscow" };
        foreach (var property in links.GetType().GetProperties())
        {
            body[property.Name] = property.GetValue(links)!;
        }
        return body;
    }

    private Task<long> StoredAsync(string title) => api.ScalarAsync("SELECT count(*) FROM items WHERE title = @p0", title);

    [Fact]
    public async Task Links_to_the_persons_own_company_contact_deal_and_lead_are_kept()
    {
        var (company, contact, deal) = await api.ClientAsync(TestUser.ManagerAnna);
        var lead = await api.LeadAsync(TestUser.ManagerAnna);
        var title = "Со ссылками " + Guid.NewGuid().ToString("N")[..6];

        var response = await api.As(People.Anna).Http.PostAsJsonAsync("/v1/items",
            Meeting(title, new { companyId = company, contactId = contact, dealId = deal, leadId = lead, participantContactIds = new[] { contact } }), Json, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = await ReadJsonAsync(response);
        Assert.Equal((company, contact, deal, lead), (item.GetProperty("companyId").GetString(), item.GetProperty("contactId").GetString(), item.GetProperty("dealId").GetString(), item.GetProperty("leadId").GetString()));
        Assert.Equal(contact, item.GetProperty("participantContactIds")[0].GetString());
    }

    [Fact]
    public async Task Links_to_another_managers_client_are_refused_naming_each_field_and_nothing_is_stored()
    {
        var (company, contact, deal) = await api.ClientAsync(TestUser.ManagerOleg);
        var lead = await api.LeadAsync(TestUser.ManagerOleg);
        var title = "Чужие ссылки " + Guid.NewGuid().ToString("N")[..6];

        var response = await api.As(People.Anna).Http.PostAsJsonAsync("/v1/items",
            Meeting(title, new { companyId = company, contactId = contact, dealId = deal, leadId = lead, participantContactIds = new[] { contact } }), Json, Ct);

        Assert.Equal(["companyId", "contactId", "dealId", "leadId", "participantContactIds[0]"], (await BadFieldsAsync(response)).Order());
        Assert.Equal(0, await StoredAsync(title));
    }

    [Fact]
    public async Task A_link_that_exists_nowhere_is_refused_like_an_invisible_one()
    {
        var title = "Нет такой " + Guid.NewGuid().ToString("N")[..6];

        var response = await api.As(People.Director).Http.PostAsJsonAsync("/v1/items", Meeting(title, new { companyId = Guid.NewGuid().ToString() }), Json, Ct);

        Assert.Equal(["companyId"], await BadFieldsAsync(response));
        Assert.Equal(0, await StoredAsync(title));
    }

    [Fact]
    public async Task Changing_a_link_to_an_invisible_client_is_refused_and_the_item_keeps_its_link()
    {
        var (own, _, _) = await api.ClientAsync(TestUser.ManagerAnna);
        var (foreign, _, _) = await api.ClientAsync(TestUser.ManagerOleg);
        var meeting = await api.MeetingAsync(People.Anna, edit: r => r.CompanyId = own);

        var response = await api.As(People.Anna).Http.PutAsJsonAsync($"/v1/items/{meeting.Id}", new
        {
            version = meeting.Version, title = meeting.Title, start = meeting.Start, end = meeting.End, timeZone = meeting.TimeZone, companyId = foreign,
        }, Json, Ct);

        Assert.Equal(["companyId"], await BadFieldsAsync(response));
        Assert.Equal(own, (await api.As(People.Anna).Items.GetItemAsync(new GetItemRequest { Id = meeting.Id }, cancellationToken: Ct)).CompanyId);
    }

    [Fact]
    public async Task With_the_clients_service_down_a_linked_item_is_503_and_nothing_is_stored()
    {
        var (company, _, _) = await api.ClientAsync(TestUser.ManagerAnna);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var cutOff = api.StartWithClientsAt(new Uri($"http://127.0.0.1:{port}"));
        using var http = cutOff.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(People.Anna, TimeSpan.FromHours(1)));
        var title = "Без клиентов " + Guid.NewGuid().ToString("N")[..6];

        var response = await http.PostAsJsonAsync("/v1/items", Meeting(title, new { companyId = company }), Json, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("clients service is unavailable", (await ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(title));
    }
}
