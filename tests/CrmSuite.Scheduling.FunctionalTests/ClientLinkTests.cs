using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;
using ClientsContracts = CrmSuite.Clients.Contracts;

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

    /// <summary>
    /// A clients service that misbehaves on purpose: a company check never answers (it records the
    /// deadline the caller sent), a deal check refuses the caller's token, a lead check is forbidden.
    /// </summary>
    private sealed class StandInClients : IAsyncDisposable
    {
        public static readonly ConcurrentQueue<DateTime> CompanyDeadlines = new();
        private readonly WebApplication _app;

        private StandInClients(WebApplication app) => _app = app;

        public TestServer Server => _app.GetTestServer();

        public static async Task<StandInClients> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseTestServer();
            builder.Services.AddGrpc();
            var app = builder.Build();
            app.MapGrpcService<HungCompanies>();
            app.MapGrpcService<RefusingDeals>();
            app.MapGrpcService<ForbiddenLeads>();
            await app.StartAsync(Ct);
            return new StandInClients(app);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();

        private sealed class HungCompanies : ClientsContracts.Companies.CompaniesBase
        {
            public override async Task<ClientsContracts.Company> GetCompany(ClientsContracts.GetCompanyRequest request, ServerCallContext context)
            {
                CompanyDeadlines.Enqueue(context.Deadline);
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return new ClientsContracts.Company();
            }
        }

        private sealed class RefusingDeals : ClientsContracts.Deals.DealsBase
        {
            public override Task<ClientsContracts.Deal> GetDeal(ClientsContracts.GetDealRequest request, ServerCallContext context) =>
                throw new RpcException(new Status(StatusCode.Unauthenticated, "Bearer error=\"invalid_token\""));
        }

        private sealed class ForbiddenLeads : ClientsContracts.Leads.LeadsBase
        {
            public override Task<ClientsContracts.Lead> GetLead(ClientsContracts.GetLeadRequest request, ServerCallContext context) =>
                throw new RpcException(new Status(StatusCode.PermissionDenied, "clients.read required"));
        }
    }

    [Fact]
    public async Task A_clients_service_that_never_answers_is_given_up_on_at_the_configured_deadline_as_503_and_nothing_is_stored()
    {
        await using var clients = await StandInClients.StartAsync();
        await using var scheduling = api.StartWithClients(clients.Server, ("Clients:CallTimeout", "00:00:01"));
        using var http = scheduling.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(People.Anna, TimeSpan.FromHours(1)));
        var title = "Клиенты молчат " + Guid.NewGuid().ToString("N")[..6];
        var sent = DateTime.UtcNow;

        var response = await http.PostAsJsonAsync("/v1/items", Meeting(title, new { companyId = Guid.NewGuid().ToString() }), Json, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("clients service is unavailable", (await ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(title));
        // The clients service was told how long the save waits (grpc-timeout): about the configured second, not "forever".
        var deadline = Assert.Single(StandInClients.CompanyDeadlines);
        Assert.InRange(deadline, sent, sent.AddMinutes(1));
    }

    [Fact]
    public async Task A_token_the_clients_service_refuses_is_401_and_a_forbidden_link_is_400_naming_it()
    {
        await using var clients = await StandInClients.StartAsync();
        await using var scheduling = api.StartWithClients(clients.Server);
        using var http = scheduling.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(People.Anna, TimeSpan.FromHours(1)));
        var title = "Клиенты отказали " + Guid.NewGuid().ToString("N")[..6];

        var refused = await http.PostAsJsonAsync("/v1/items", Meeting(title, new { dealId = Guid.NewGuid().ToString() }), Json, Ct);
        var forbidden = await http.PostAsJsonAsync("/v1/items", Meeting(title, new { leadId = Guid.NewGuid().ToString() }), Json, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("sign in again", (await ReadJsonAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["leadId"], await BadFieldsAsync(forbidden));
        Assert.Equal(0, await StoredAsync(title));
    }
}
