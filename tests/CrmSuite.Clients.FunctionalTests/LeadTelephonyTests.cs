using System.Net;
using System.Net.Http.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>The telephony webhook: authenticated by the integration's secret; a known number records a call, an unknown one makes a lead.</summary>
public sealed class LeadTelephonyTests(LeadsApi api) : IClassFixture<LeadsApi>
{
    private const string OfficeNumber = "+7 495 000-00-01";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrong_or_missing_secret_an_unknown_key_and_a_revoked_integration_are_refused_401_and_record_nothing()
    {
        var created = await CreateIntegrationAsync();
        var before = await api.CountAsync("SELECT count(*) FROM calls") + await api.CountAsync("SELECT count(*) FROM leads");

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostCallAsync(created.Integration.Key, "wrong-secret", Inbound("+7 903 555-00-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostCallAsync(created.Integration.Key, null, Inbound("+7 903 555-00-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostCallAsync("no-such-key", created.Secret, Inbound("+7 903 555-00-01"))).StatusCode);
        await api.LeadsAs(LeadsApi.Admin).RevokeTelephonyIntegrationAsync(new RevokeTelephonyIntegrationRequest { Id = created.Integration.Id }, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostCallAsync(created.Integration.Key, created.Secret, Inbound("+7 903 555-00-01"))).StatusCode);

        Assert.Equal(before, await api.CountAsync("SELECT count(*) FROM calls") + await api.CountAsync("SELECT count(*) FROM leads"));
    }

    [Fact]
    public async Task A_call_from_a_companys_number_is_recorded_on_that_company_and_makes_no_lead()
    {
        var company = await api.CreateCompanyAsync("Calling Company", phone: "+7 495 765-43-21");
        var created = await CreateIntegrationAsync();
        var leadsBefore = await api.CountAsync("SELECT count(*) FROM leads");

        using var response = await PostCallAsync(created.Integration.Key, created.Secret, Inbound("8 (495) 765-43-21"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await api.ReadJsonAsync(response);
        Assert.Equal(company.Id, answer.GetProperty("companyId").GetString());
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM calls WHERE company_id = '{company.Id}' AND direction = 'Inbound' AND duration_seconds = 95 AND recording_url = 'https://pbx.example/rec/1.mp3'"));
        Assert.Equal(leadsBefore, await api.CountAsync("SELECT count(*) FROM leads"));
        var audit = Assert.Single(await api.AuditAsync("clients.call.recorded"), e => e.GetProperty("entityId").GetString() == company.Id);
        Assert.Equal($"telephony:{created.Integration.Id}", audit.GetProperty("actorId").GetString());
    }

    [Fact]
    public async Task A_call_to_a_contacts_number_is_recorded_on_the_contacts_company()
    {
        var company = await api.CreateCompanyAsync("Contact's Company");
        var contact = await api.Grpc.CreateContactAsync(new CreateContactRequest { CompanyId = company.Id, FullName = "Пётр Сидоров", Phone = "+7 916 123-45-67" }, cancellationToken: Ct);
        var created = await CreateIntegrationAsync();

        using var response = await PostCallAsync(created.Integration.Key, created.Secret, new
        {
            callerNumber = OfficeNumber,
            calledNumber = "+79161234567",
            direction = "outbound",
            startedAt = "2026-11-20T10:15:00+03:00",
            durationSeconds = 30,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM calls WHERE company_id = '{company.Id}' AND contact_id = '{contact.Id}' AND direction = 'Outbound'"));
        var timeline = await api.Grpc.ListCompanyChangesAsync(new ListCompanyChangesRequest { CompanyId = company.Id }, cancellationToken: Ct);
        var call = Assert.Single(timeline.Changes, c => c.Action == "call.outbound");
        Assert.Equal(("Пётр Сидоров", created.Integration.Name), (call.Subject, call.UserName));
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T07:15:00Z", System.Globalization.CultureInfo.InvariantCulture), call.At.ToDateTimeOffset());
        Assert.Equal([("call.number", "+79161234567"), ("call.duration", "0:30")], call.Changes.Select(c => (c.Field, c.After)));
    }

    [Fact]
    public async Task A_call_from_an_unknown_number_becomes_a_phone_lead_with_the_call_on_it_once_even_when_retried()
    {
        var created = await CreateIntegrationAsync();
        var report = new
        {
            callerNumber = "+7 (903) 777-12-34",
            calledNumber = OfficeNumber,
            direction = "inbound",
            startedAt = "2026-11-20T09:00:00Z",
            durationSeconds = 0,
            callId = "pbx-call-42",
        };

        using var first = await PostCallAsync(created.Integration.Key, created.Secret, report);
        using var retried = await PostCallAsync(created.Integration.Key, created.Secret, report);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var lead = Assert.Single(await api.AllLeadsAsync(), l => l.Phone == "+79037771234");
        Assert.Equal(LeadSource.PhoneCall, lead.Source);
        Assert.Equal(created.Integration.Id, lead.SourceDetails.TelephonyIntegrationId);
        Assert.Equal(lead.Id, (await api.ReadJsonAsync(first)).GetProperty("leadId").GetString());
        Assert.Equal(lead.Id, (await api.ReadJsonAsync(retried)).GetProperty("leadId").GetString());
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM calls WHERE lead_id = '{lead.Id}'"));
        Assert.Single(await api.EventsAsync("clients.lead-captured"), e => e.GetProperty("leadId").GetString() == lead.Id);
    }

    [Fact]
    public async Task A_malformed_call_report_is_400_naming_the_fields()
    {
        var created = await CreateIntegrationAsync();
        var before = await api.CountAsync("SELECT count(*) FROM calls");

        using var response = await PostCallAsync(created.Integration.Key, created.Secret, new { callerNumber = "abc", direction = "sideways", durationSeconds = -5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await api.ReadJsonAsync(response)).GetProperty("errors");
        foreach (var field in new[] { "callerNumber", "calledNumber", "direction", "startedAt", "durationSeconds" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        Assert.Equal(before, await api.CountAsync("SELECT count(*) FROM calls"));
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_only_administrators_create_integrations()
    {
        var created = await CreateIntegrationAsync();
        Assert.True(created.Secret.Length >= 40);
        var listed = await api.LeadsAs(LeadsApi.Admin).ListTelephonyIntegrationsAsync(new ListTelephonyIntegrationsRequest(), cancellationToken: Ct);
        Assert.Contains(listed.Integrations, i => i.Id == created.Integration.Id);
        Assert.DoesNotContain(created.Secret, listed.ToString());

        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => api.LeadsAs(TestUser.Director)
            .CreateTelephonyIntegrationAsync(new CreateTelephonyIntegrationRequest { Name = "PBX" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, refused.StatusCode);
    }

    private async Task<CreatedTelephonyIntegration> CreateIntegrationAsync() =>
        await api.LeadsAs(LeadsApi.Admin).CreateTelephonyIntegrationAsync(new CreateTelephonyIntegrationRequest { Name = "Office PBX" }, cancellationToken: Ct);

    private static object Inbound(string from) => new
    {
        callerNumber = from,
        calledNumber = OfficeNumber,
        direction = "inbound",
        startedAt = "2026-11-20T12:00:00+03:00",
        durationSeconds = 95,
        recordingUrl = "https://pbx.example/rec/1.mp3",
    };

    private async Task<HttpResponseMessage> PostCallAsync(string key, string? secret, object report)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/telephony/{key}/calls") { Content = JsonContent.Create(report) };
        if (secret is not null)
        {
            request.Headers.Add("X-Telephony-Secret", secret);
        }
        return await api.Anonymous.SendAsync(request, Ct);
    }
}
