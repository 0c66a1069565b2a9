using System.Net;
using System.Net.Http.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Google.Rpc;
using Grpc.Core;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>A lead becomes a client: a company (new or existing) and a contact, in one transaction with its events.</summary>
public sealed class LeadConversionTests(LeadsApi api) : IClassFixture<LeadsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Leads.LeadsClient Director => api.LeadsAs(TestUser.Director);

    [Fact]
    public async Task Converting_creates_the_company_and_contact_marks_the_lead_and_queues_its_events()
    {
        var lead = await Director.CreateLeadAsync(new CreateLeadRequest
        {
            PersonName = "Ольга Смирнова",
            CompanyName = "ООО Новый Клиент",
            Email = "olga@new-client.example",
            Phone = "+7 812 555-12-34",
            Inn = "7736207543",
        }, cancellationToken: Ct);

        var converted = await Director.ConvertLeadAsync(new ConvertLeadRequest { Id = lead.Id }, cancellationToken: Ct);

        Assert.True(converted.CompanyCreated);
        Assert.Equal(LeadStatus.Converted, converted.Lead.Status);
        Assert.Equal(converted.CompanyId, converted.Lead.CompanyId);
        Assert.Equal(converted.ContactId, converted.Lead.ContactId);
        var company = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = converted.CompanyId }, cancellationToken: Ct);
        Assert.Equal("ООО Новый Клиент", company.Name);
        Assert.Equal("7736207543", company.Inn);
        Assert.Equal("+78125551234", company.Phone);
        var contact = Assert.Single((await api.Grpc.ListContactsAsync(new ListContactsRequest { CompanyId = company.Id }, cancellationToken: Ct)).Contacts);
        Assert.Equal("Ольга Смирнова", contact.FullName);
        Assert.Equal("olga@new-client.example", contact.Email);

        var @event = Assert.Single(await api.EventsAsync("clients.lead-converted"), e => e.GetProperty("leadId").GetString() == lead.Id);
        Assert.Equal(converted.CompanyId, @event.GetProperty("companyId").GetString());
        Assert.Equal(converted.ContactId, @event.GetProperty("contactId").GetString());
        // The company announces itself too, saying it came from this lead (processes start from it).
        var created = Assert.Single(await api.EventsAsync("clients.company-created"), e => e.GetProperty("companyId").GetString() == converted.CompanyId);
        Assert.Equal(("ООО Новый Клиент", "lead", lead.Id, TestUser.Director.Id), (created.GetProperty("name").GetString(), created.GetProperty("origin").GetString(),
            created.GetProperty("leadId").GetString(), created.GetProperty("ownerUserId").GetString()));
        Assert.Single(await api.AuditAsync("clients.lead.converted"), e => e.GetProperty("entityId").GetString() == lead.Id);
        Assert.Single(await api.AuditAsync("clients.company.created"), e => e.GetProperty("entityId").GetString() == converted.CompanyId);
        Assert.Single(await api.AuditAsync("clients.contact.created"), e => e.GetProperty("entityId").GetString() == converted.ContactId);
    }

    [Fact]
    public async Task A_lead_matching_an_existing_company_is_offered_it_and_attaching_adds_only_a_contact()
    {
        var existing = await api.CreateCompanyAsync("Существующая Компания", inn: "7707083893");
        var byContact = await api.CreateCompanyAsync("Company Of A Contact");
        await api.Grpc.CreateContactAsync(new CreateContactRequest { CompanyId = byContact.Id, FullName = "Known Person", Email = "known@dup.example" }, cancellationToken: Ct);
        var lead = await Director.CreateLeadAsync(new CreateLeadRequest { PersonName = "Дубль", Inn = "7707083893", Email = "known@dup.example" }, cancellationToken: Ct);
        var companiesBefore = await api.CountAsync("SELECT count(*) FROM companies");

        var duplicates = await Director.FindLeadDuplicatesAsync(new FindLeadDuplicatesRequest { Id = lead.Id }, cancellationToken: Ct);
        Assert.Equal(["inn"], duplicates.Candidates.Single(c => c.CompanyId == existing.Id).MatchedOn);
        Assert.Equal(["email"], duplicates.Candidates.Single(c => c.CompanyId == byContact.Id).MatchedOn);

        var refused = await Assert.ThrowsAsync<RpcException>(() => Director.ConvertLeadAsync(new ConvertLeadRequest { Id = lead.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("existing_company_id", refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        Assert.Equal(companiesBefore, await api.CountAsync("SELECT count(*) FROM companies"));

        var attached = await Director.ConvertLeadAsync(new ConvertLeadRequest { Id = lead.Id, ExistingCompanyId = existing.Id }, cancellationToken: Ct);

        Assert.False(attached.CompanyCreated);
        Assert.Equal(existing.Id, attached.CompanyId);
        Assert.Equal(companiesBefore, await api.CountAsync("SELECT count(*) FROM companies"));
        var contacts = (await api.Grpc.ListContactsAsync(new ListContactsRequest { CompanyId = existing.Id }, cancellationToken: Ct)).Contacts;
        Assert.Equal("Дубль", Assert.Single(contacts).FullName);
        var @event = Assert.Single(await api.EventsAsync("clients.lead-converted"), e => e.GetProperty("leadId").GetString() == lead.Id);
        Assert.False(@event.GetProperty("companyCreated").GetBoolean());
        // Attaching creates no company: nothing announces one for this lead.
        Assert.DoesNotContain(await api.EventsAsync("clients.company-created"), e => e.GetProperty("leadId").GetString() == lead.Id);
    }

    [Fact]
    public async Task Creating_a_new_company_despite_duplicates_must_be_asked_for()
    {
        await api.CreateCompanyAsync("Phone Twin", phone: "+7 495 222-33-44");
        var lead = await Director.CreateLeadAsync(new CreateLeadRequest { CompanyName = "Phone Twin Branch", Phone = "84952223344" }, cancellationToken: Ct);

        var converted = await Director.ConvertLeadAsync(new ConvertLeadRequest { Id = lead.Id, CreateDespiteDuplicates = true, CompanyName = "Phone Twin (branch)" }, cancellationToken: Ct);

        Assert.True(converted.CompanyCreated);
        Assert.Equal("Phone Twin (branch)", (await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = converted.CompanyId }, cancellationToken: Ct)).Name);
    }

    [Fact]
    public async Task Converting_twice_or_converting_a_rejected_lead_is_refused_and_writes_nothing()
    {
        var lead = await Director.CreateLeadAsync(new CreateLeadRequest { PersonName = "Twice", Email = "twice@example.com" }, cancellationToken: Ct);
        await Director.ConvertLeadAsync(new ConvertLeadRequest { Id = lead.Id }, cancellationToken: Ct);
        var before = await api.CountAsync("SELECT (SELECT count(*) FROM companies) + (SELECT count(*) FROM contacts) + (SELECT count(*) FROM outbox_messages)");

        var again = await Assert.ThrowsAsync<RpcException>(() => Director.ConvertLeadAsync(new ConvertLeadRequest { Id = lead.Id, CreateDespiteDuplicates = true }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        using var rest = await api.Http.PostAsJsonAsync($"/v1/leads/{lead.Id}:convert", new { createDespiteDuplicates = true }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, rest.StatusCode);
        Assert.Contains("already converted", (await api.ReadJsonAsync(rest)).GetProperty("detail").GetString());

        var rejected = await Director.CreateLeadAsync(new CreateLeadRequest { PersonName = "Not interested", Email = "no@example.com" }, cancellationToken: Ct);
        await Director.RejectLeadAsync(new RejectLeadRequest { Id = rejected.Id, Reason = "Looking for a job, not a client" }, cancellationToken: Ct);
        var convertRejected = await Assert.ThrowsAsync<RpcException>(() => Director.ConvertLeadAsync(new ConvertLeadRequest { Id = rejected.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, convertRejected.StatusCode);

        // Only the rejection's audit event and the captured lead's events were added.
        Assert.Equal(before + 3, await api.CountAsync("SELECT (SELECT count(*) FROM companies) + (SELECT count(*) FROM contacts) + (SELECT count(*) FROM outbox_messages)"));
    }

    [Fact]
    public async Task A_manager_converts_only_leads_they_see_and_attaches_only_to_companies_they_see()
    {
        var anna = api.LeadsAs(TestUser.ManagerAnna);
        var olegsLead = await api.LeadsAs(TestUser.ManagerOleg).CreateLeadAsync(new CreateLeadRequest { PersonName = "Oleg's lead", Email = "oleg-lead@example.com" }, cancellationToken: Ct);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => anna.ConvertLeadAsync(new ConvertLeadRequest { Id = olegsLead.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);

        var annasLead = await anna.CreateLeadAsync(new CreateLeadRequest { PersonName = "Anna's lead", Email = "anna-lead@example.com" }, cancellationToken: Ct);
        var directorsCompany = await api.CreateCompanyAsync("Director's Company");
        var foreign = await Assert.ThrowsAsync<RpcException>(() => anna.ConvertLeadAsync(new ConvertLeadRequest { Id = annasLead.Id, ExistingCompanyId = directorsCompany.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);

        var converted = await anna.ConvertLeadAsync(new ConvertLeadRequest { Id = annasLead.Id }, cancellationToken: Ct);
        var company = await api.As(TestUser.ManagerAnna).Grpc.GetCompanyAsync(new GetCompanyRequest { Id = converted.CompanyId }, cancellationToken: Ct);
        Assert.Equal(TestUser.ManagerAnna.Id, company.OwnerUserId);
    }
}
