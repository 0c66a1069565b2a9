using System.Net;
using System.Net.Http.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Google.Rpc;
using Grpc.Core;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Leads through the API: capture, the list (filters, search, keyset pages), the card's actions, who sees what, the audit trail.</summary>
public sealed class LeadApiTests(LeadsApi api) : IClassFixture<LeadsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lead_created_over_REST_is_normalised_listed_and_announced()
    {
        using var response = await api.Http.PostAsJsonAsync("/v1/leads", new
        {
            personName = "  Иван Петров ",
            companyName = "ИП Петров",
            email = "Ivan@Petrov.Example",
            phone = "8 (916) 000-11-22",
            region = "Тверь",
            tags = new[] { "Opt", "opt", "b2b" },
            message = "Перезвоните",
            sourceDetails = new { utmSource = "partner" },
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await api.ReadJsonAsync(response)).GetProperty("id").GetString()!;
        var lead = await api.LeadsAs(TestUser.Director).GetLeadAsync(new GetLeadRequest { Id = id }, cancellationToken: Ct);
        Assert.Equal("Иван Петров", lead.PersonName);
        Assert.Equal("ivan@petrov.example", lead.Email);
        Assert.Equal("+79160001122", lead.Phone);
        Assert.Equal(["opt", "b2b"], lead.Tags);
        Assert.Equal(LeadSource.Api, lead.Source);
        Assert.Equal("partner", lead.SourceDetails.UtmSource);
        Assert.Single(await api.EventsAsync("clients.lead-captured"), e => e.GetProperty("leadId").GetString() == id);
        Assert.Single(await api.AuditAsync("clients.lead.viewed"), e => e.GetProperty("entityId").GetString() == id);
    }

    [Fact]
    public async Task Bad_fields_are_named_over_REST_and_gRPC_and_nothing_is_stored()
    {
        var before = await api.CountAsync("SELECT count(*) FROM leads");
        using var response = await api.Http.PostAsJsonAsync("/v1/leads", new { email = "nope", inn = "123" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await api.ReadJsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("personName", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("inn", out _));

        var ex = await Assert.ThrowsAsync<RpcException>(() => api.LeadsAs(TestUser.Director).CreateLeadAsync(new CreateLeadRequest { PersonName = "No contact" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("email", ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        Assert.Equal(before, await api.CountAsync("SELECT count(*) FROM leads"));
    }

    [Fact]
    public async Task The_list_filters_by_status_source_and_owner_searches_and_pages_newest_first()
    {
        var director = api.LeadsAs(TestUser.Director);
        var anna = api.LeadsAs(TestUser.ManagerAnna);
        var created = new List<Lead>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await anna.CreateLeadAsync(new CreateLeadRequest { PersonName = $"Paging Person {i}", CompanyName = "Listing Corp", Phone = $"+7 903 400-00-0{i}" }, cancellationToken: Ct));
        }
        await anna.StartLeadAsync(new StartLeadRequest { Id = created[1].Id }, cancellationToken: Ct);

        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await anna.ListLeadsAsync(new ListLeadsRequest { PageSize = 2, PageToken = token, Query = "listing" }, cancellationToken: Ct);
            seen.AddRange(page.Leads.Select(l => l.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(created.Select(l => l.Id).Reverse(), seen);

        var inProgress = await anna.ListLeadsAsync(new ListLeadsRequest { Status = LeadStatus.InProgress }, cancellationToken: Ct);
        Assert.Equal([created[1].Id], inProgress.Leads.Select(l => l.Id));
        var byPhone = await director.ListLeadsAsync(new ListLeadsRequest { Query = "8 903 400-00-03" }, cancellationToken: Ct);
        Assert.Equal([created[3].Id], byPhone.Leads.Select(l => l.Id));
        var annasApiLeads = await director.ListLeadsAsync(new ListLeadsRequest { Source = LeadSource.Api, OwnerUserId = TestUser.ManagerAnna.Id, PageSize = 200 }, cancellationToken: Ct);
        Assert.All(created, l => Assert.Contains(annasApiLeads.Leads, x => x.Id == l.Id));
        Assert.All(annasApiLeads.Leads, l => Assert.True(l.OwnerUserId == TestUser.ManagerAnna.Id && l.Source == LeadSource.Api));
        var byPhoneSource = await director.ListLeadsAsync(new ListLeadsRequest { Source = LeadSource.PhoneCall, OwnerUserId = TestUser.ManagerAnna.Id }, cancellationToken: Ct);
        Assert.Empty(byPhoneSource.Leads);

        using var badToken = await api.Http.GetAsync("/v1/leads?pageToken=garbage", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badToken.StatusCode);
    }

    [Fact]
    public async Task A_manager_sees_their_leads_the_team_head_the_teams_and_only_directors_the_unassigned_ones()
    {
        var annas = await api.LeadsAs(TestUser.ManagerAnna).CreateLeadAsync(new CreateLeadRequest { PersonName = "Visible to Anna", Email = "a@v.example" }, cancellationToken: Ct);
        var olegs = await api.LeadsAs(TestUser.ManagerOleg).CreateLeadAsync(new CreateLeadRequest { PersonName = "Visible to Oleg", Email = "o@v.example" }, cancellationToken: Ct);
        var unassigned = await api.LeadsAs(TestUser.Director).CreateLeadAsync(new CreateLeadRequest { PersonName = "Nobody's yet", Email = "n@v.example" }, cancellationToken: Ct);
        Assert.Equal("", unassigned.OwnerUserId);

        async Task<List<string>> SeenBy(TestUser user) =>
            [.. (await api.LeadsAs(user).ListLeadsAsync(new ListLeadsRequest { PageSize = 200 }, cancellationToken: Ct)).Leads.Select(l => l.Id)];
        var anna = await SeenBy(TestUser.ManagerAnna);
        Assert.Contains(annas.Id, anna);
        Assert.DoesNotContain(olegs.Id, anna);
        Assert.DoesNotContain(unassigned.Id, anna);
        var head = await SeenBy(TestUser.HeadOfNorth);
        Assert.Contains(annas.Id, head);
        Assert.DoesNotContain(olegs.Id, head);
        var director = await SeenBy(TestUser.Director);
        Assert.Contains(unassigned.Id, director);
        Assert.Contains(olegs.Id, director);

        Assert.Equal(HttpStatusCode.NotFound, (await api.As(TestUser.ManagerAnna).Http.GetAsync($"/v1/leads/{olegs.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.As(TestUser.ManagerAnna).Http.GetAsync($"/v1/leads/{unassigned.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.GetAsync("/v1/leads", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.As(TestUser.Auditor).Http.GetAsync("/v1/leads", Ct)).StatusCode);
    }

    [Fact]
    public async Task Taking_rejecting_and_assigning_each_leave_an_audit_event_naming_who_and_what_changed()
    {
        var director = api.LeadsAs(TestUser.Director);
        var lead = await director.CreateLeadAsync(new CreateLeadRequest { PersonName = "Audited Lead", Email = "audit@lead.example" }, cancellationToken: Ct);

        var refused = await Assert.ThrowsAsync<RpcException>(() => api.LeadsAs(TestUser.ManagerAnna).AssignLeadAsync(new AssignLeadRequest { Id = lead.Id, OwnerUserId = TestUser.ManagerAnna.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        await director.AssignLeadAsync(new AssignLeadRequest { Id = lead.Id, OwnerUserId = TestUser.ManagerAnna.Id, TeamId = "team-north" }, cancellationToken: Ct);
        var anna = api.LeadsAs(TestUser.ManagerAnna);
        await anna.StartLeadAsync(new StartLeadRequest { Id = lead.Id }, cancellationToken: Ct);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => anna.RejectLeadAsync(new RejectLeadRequest { Id = lead.Id, Reason = " " }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("reason", noReason.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        var rejected = await anna.RejectLeadAsync(new RejectLeadRequest { Id = lead.Id, Reason = "Spam" }, cancellationToken: Ct);
        Assert.Equal(LeadStatus.Rejected, rejected.Status);
        Assert.Equal("Spam", rejected.RejectionReason);

        var assigned = Assert.Single(await api.AuditAsync("clients.lead.assigned"), e => e.GetProperty("entityId").GetString() == lead.Id);
        Assert.Equal(TestUser.Director.Id, assigned.GetProperty("actorId").GetString());
        Assert.Equal("", assigned.GetProperty("before").GetProperty("ownerUserId").GetString());
        Assert.Equal(TestUser.ManagerAnna.Id, assigned.GetProperty("after").GetProperty("ownerUserId").GetString());
        var started = Assert.Single(await api.AuditAsync("clients.lead.started"), e => e.GetProperty("entityId").GetString() == lead.Id);
        Assert.Equal("InProgress", started.GetProperty("after").GetProperty("status").GetString());
        var reject = Assert.Single(await api.AuditAsync("clients.lead.rejected"), e => e.GetProperty("entityId").GetString() == lead.Id);
        Assert.Equal(TestUser.ManagerAnna.Id, reject.GetProperty("actorId").GetString());
        Assert.Equal("Spam", reject.GetProperty("after").GetProperty("rejectionReason").GetString());
    }
}
