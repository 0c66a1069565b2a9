using System.Net;
using System.Net.Http.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>The public web-form endpoint, as a visitor's browser (or a bot) posts to it.</summary>
public sealed class LeadWebFormTests(LeadsApi api) : IClassFixture<LeadsApi>
{
    private const string Site = "https://shop.example.com";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_form_post_from_an_allowed_site_becomes_a_new_lead_the_browser_may_read_the_answer_of()
    {
        var form = await api.LeadsAs(LeadsApi.Admin).UpdateWebFormAsync(new UpdateWebFormRequest
        {
            Id = (await api.CreateFormAsync(Site)).Id,
            Name = "Contact us",
            AllowedOrigins = { Site },
            Region = "Москва",
            Tags = { "Site" },
            Enabled = true,
        }, cancellationToken: Ct);

        using var response = await SubmitAsync(form.PublicKey, Site, new()
        {
            ["person_name"] = "Мария Иванова",
            ["company_name"] = "ООО Ромашка",
            ["email"] = "Maria@Romashka.example",
            ["phone"] = "8 (495) 123-45-67",
            ["message"] = "Нужен счёт\nна 10 штук",
            ["page_url"] = "https://shop.example.com/contacts?utm_source=yandex&utm_campaign=spring",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(Site, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var lead = Assert.Single(await api.AllLeadsAsync(), l => l.PersonName == "Мария Иванова");
        Assert.Equal(LeadSource.WebForm, lead.Source);
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal("maria@romashka.example", lead.Email);
        Assert.Equal("+74951234567", lead.Phone);
        Assert.Equal("Нужен счёт\nна 10 штук", lead.Message);
        Assert.Equal(form.Id, lead.SourceDetails.FormId);
        Assert.Equal("yandex", lead.SourceDetails.UtmSource);
        Assert.Equal("spring", lead.SourceDetails.UtmCampaign);
        Assert.Equal("Москва", lead.Region);
        Assert.Equal(["site"], lead.Tags);
        Assert.Equal("", lead.OwnerUserId);

        var captured = Assert.Single(await api.EventsAsync("clients.lead-captured"), e => e.GetProperty("leadId").GetString() == lead.Id);
        Assert.Equal("WebForm", captured.GetProperty("source").GetString());
        var audit = Assert.Single(await api.AuditAsync("clients.lead.captured"), e => e.GetProperty("entityId").GetString() == lead.Id);
        Assert.Equal($"web-form:{form.Id}", audit.GetProperty("actorId").GetString());
    }

    [Fact]
    public async Task A_JSON_post_is_accepted_too_and_its_preflight_is_answered_only_for_the_forms_sites()
    {
        var form = await api.CreateFormAsync(Site);

        using var allowed = await PreflightAsync(form.PublicKey, Site);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(Site, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());

        using var denied = await PreflightAsync(form.PublicKey, "https://evil.example.net");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.False(denied.Headers.Contains("Access-Control-Allow-Origin"));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/forms/{form.PublicKey}/submit")
        {
            Content = JsonContent.Create(new { person_name = "JSON Person", email = "json@example.com" }),
        };
        request.Headers.Add("Origin", Site);
        request.Headers.Add("X-Forwarded-For", api.NewVisitorAddress());
        using var posted = await api.Anonymous.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Contains(await api.AllLeadsAsync(), l => l.PersonName == "JSON Person" && l.SourceDetails.FormId == form.Id);
    }

    [Fact]
    public async Task A_post_from_a_site_the_form_does_not_list_is_refused_and_stores_nothing()
    {
        var form = await api.CreateFormAsync(Site);
        var before = await api.CountAsync("SELECT count(*) FROM leads");

        using var response = await SubmitAsync(form.PublicKey, "https://evil.example.net", new() { ["person_name"] = "Evil", ["email"] = "evil@example.net" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(before, await api.CountAsync("SELECT count(*) FROM leads"));
    }

    [Fact]
    public async Task Filling_the_honeypot_looks_like_success_but_stores_nothing()
    {
        var form = await api.CreateFormAsync(Site);
        var before = await api.CountAsync("SELECT count(*) FROM leads");

        using var response = await SubmitAsync(form.PublicKey, Site, new()
        {
            ["person_name"] = "Spam Bot",
            ["email"] = "bot@spam.example",
            ["website"] = "http://cheap-pills.example",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(before, await api.CountAsync("SELECT count(*) FROM leads"));
        Assert.DoesNotContain(await api.AllLeadsAsync(), l => l.PersonName == "Spam Bot");
    }

    [Fact]
    public async Task Too_many_posts_from_one_address_or_to_one_form_are_refused_with_429()
    {
        var form = await api.CreateFormAsync(Site);
        var visitor = api.NewVisitorAddress();
        for (var i = 0; i < LeadsApi.SubmissionsPerAddress; i++)
        {
            using var ok = await SubmitAsync(form.PublicKey, Site, Person($"Flood {i}"), visitor);
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }
        using var limited = await SubmitAsync(form.PublicKey, Site, Person("Flood over"), visitor);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        // Other visitors still get through, until the form's own limit is used up.
        for (var i = LeadsApi.SubmissionsPerAddress; i < LeadsApi.SubmissionsPerForm; i++)
        {
            using var ok = await SubmitAsync(form.PublicKey, Site, Person($"Other {i}"));
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }
        using var formLimited = await SubmitAsync(form.PublicKey, Site, Person("One too many"));
        Assert.Equal(HttpStatusCode.TooManyRequests, formLimited.StatusCode);

        var leads = await api.AllLeadsAsync();
        Assert.Equal(LeadsApi.SubmissionsPerForm, leads.Count(l => l.SourceDetails.FormId == form.Id));
        Assert.DoesNotContain(leads, l => l.PersonName is "Flood over" or "One too many");
    }

    [Fact]
    public async Task Bad_fields_are_answered_400_naming_each_field_and_store_nothing()
    {
        var form = await api.CreateFormAsync(Site);
        var before = await api.CountAsync("SELECT count(*) FROM leads");

        using var response = await SubmitAsync(form.PublicKey, Site, new() { ["person_name"] = "Bad Fields", ["email"] = "not-an-email", ["phone"] = "12" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await api.ReadJsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("phone", out _));

        using var empty = await SubmitAsync(form.PublicKey, Site, new() { ["message"] = "hello" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var emptyErrors = (await api.ReadJsonAsync(empty)).GetProperty("errors");
        Assert.True(emptyErrors.TryGetProperty("person_name", out _));
        Assert.Equal(before, await api.CountAsync("SELECT count(*) FROM leads"));
    }

    [Fact]
    public async Task An_unknown_or_disabled_form_is_404()
    {
        using var unknown = await SubmitAsync("no-such-form", Site, Person("Nobody"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var form = await api.CreateFormAsync(Site);
        await api.LeadsAs(LeadsApi.Admin).UpdateWebFormAsync(new UpdateWebFormRequest { Id = form.Id, Name = form.Name, AllowedOrigins = { Site }, Enabled = false }, cancellationToken: Ct);
        using var disabled = await SubmitAsync(form.PublicKey, Site, Person("Too late"));
        Assert.Equal(HttpStatusCode.NotFound, disabled.StatusCode);
    }

    [Fact]
    public async Task Only_those_who_configure_the_client_base_manage_forms_and_origins_must_be_site_addresses()
    {
        var manager = api.LeadsAs(TestUser.ManagerAnna);
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => manager.CreateWebFormAsync(new CreateWebFormRequest { Name = "Mine" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, refused.StatusCode);

        using var bad = await api.As(LeadsApi.Admin).Http.PostAsJsonAsync("/v1/lead-forms", new { name = "Bad", allowedOrigins = new[] { "https://ok.example.com/with/path" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await api.ReadJsonAsync(bad)).GetProperty("errors").TryGetProperty("allowedOrigins", out _));
    }

    private static Dictionary<string, string> Person(string name) => new() { ["person_name"] = name, ["email"] = "visitor@example.com" };

    private async Task<HttpResponseMessage> SubmitAsync(string key, string origin, Dictionary<string, string> fields, string? visitor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/forms/{key}/submit") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin);
        request.Headers.Add("X-Forwarded-For", visitor ?? api.NewVisitorAddress());
        return await api.Anonymous.SendAsync(request, Ct);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string key, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"/v1/forms/{key}/submit");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await api.Anonymous.SendAsync(request, Ct);
    }

}
