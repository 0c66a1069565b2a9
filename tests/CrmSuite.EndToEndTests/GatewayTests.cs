using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Clients.Contracts;

namespace CrmSuite.EndToEndTests;

public sealed class GatewayTests(SuiteFixture suite)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_company_is_created_found_and_read_through_the_gateway_over_REST()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = $"ООО «Сквозной тест {Guid.NewGuid():N}»"[..30];
        var created = await suite.Gateway.PostAsJsonAsync("/api/clients/v1/companies",
            new { name, inn = "7707083893", phone = "8 495 123 45 67" }, ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json, ct)).GetProperty("id").GetString();

        var search = await suite.Gateway.GetFromJsonAsync<JsonElement>(
            "/api/clients/v1/companies:search?query=" + Uri.EscapeDataString("сквозной тест"), Json, ct);
        Assert.Contains(search.GetProperty("companies").EnumerateArray(), c => c.GetProperty("id").GetString() == id);

        var read = await suite.Gateway.GetFromJsonAsync<JsonElement>($"/api/clients/v1/companies/{id}", Json, ct);
        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.Equal("+74951234567", read.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task A_company_is_created_found_and_read_through_the_gateway_over_gRPC()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = new Companies.CompaniesClient(suite.GatewayGrpc);
        var created = await client.CreateCompanyAsync(new CreateCompanyRequest { Name = "Gateway gRPC Traders", Email = "Hi@GRPC.example" }, cancellationToken: ct);

        var found = await client.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "hi@grpc" }, cancellationToken: ct);
        Assert.Contains(found.Companies, c => c.Id == created.Id);

        var read = await client.GetCompanyAsync(new GetCompanyRequest { Id = created.Id }, cancellationToken: ct);
        Assert.Equal("Gateway gRPC Traders", read.Name);
        Assert.Equal("hi@grpc.example", read.Email);
    }

    [Fact]
    public async Task Bad_input_through_the_gateway_is_problem_json_naming_the_field()
    {
        var response = await suite.Gateway.PostAsJsonAsync("/api/clients/v1/companies", new { name = "X", inn = "123" },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("inn", out _));
    }

    [Fact]
    public async Task The_gateway_adds_security_headers_and_hides_the_server()
    {
        var response = await suite.Gateway.GetAsync("/api/clients/v1/companies?pageSize=1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Oversized_request_bodies_are_refused_before_reaching_a_service()
    {
        using var content = new StringContent("{\"name\":\"" + new string('x', 11 * 1024 * 1024) + "\"}", System.Text.Encoding.UTF8, "application/json");
        // As curl does for large bodies: ask before sending, so the refusal arrives before the upload.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/clients/v1/companies") { Content = content };
        request.Headers.ExpectContinue = true;
        var response = await suite.Gateway.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_services_own_health_endpoints_are_not_exposed_through_the_API_prefix()
    {
        var response = await suite.Gateway.GetAsync("/api/clients/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class SecurityTests(SuiteFixture suite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_API_refuses_calls_without_a_token()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await suite.Anonymous.GetAsync("/api/clients/v1/companies", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await suite.Anonymous.GetAsync("/api/identity/v1/users", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_client_created_by_one_manager_is_invisible_to_another_through_REST_and_gRPC()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var annaPassword = await suite.CreateUserAsync($"anna.{suffix}", "SalesManager");
        var borisPassword = await suite.CreateUserAsync($"boris.{suffix}", "SalesManager");
        var anna = (await suite.Oidc.SignInAsync($"anna.{suffix}", annaPassword, "Anna-Secret-2026", Ct)).AccessToken;
        var boris = (await suite.Oidc.SignInAsync($"boris.{suffix}", borisPassword, "Boris-Secret-2026", Ct)).AccessToken;

        using var annaHttp = suite.WithToken(anna);
        var created = await annaHttp.PostAsJsonAsync("/api/clients/v1/companies", new { name = $"Anna only {suffix}" }, Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        using var borisHttp = suite.WithToken(boris);
        Assert.Equal(HttpStatusCode.NotFound, (await borisHttp.GetAsync($"/api/clients/v1/companies/{id}", Ct)).StatusCode);
        var search = await borisHttp.GetFromJsonAsync<JsonElement>($"/api/clients/v1/companies:search?query=anna%20only%20{suffix}", Ct);
        Assert.Equal(0, search.GetProperty("companies").GetArrayLength());
        var borisGrpc = new Companies.CompaniesClient(suite.GrpcWithToken(boris));
        var ex = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => borisGrpc.GetCompanyAsync(new GetCompanyRequest { Id = id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, ex.StatusCode);

        var annaGrpc = new Companies.CompaniesClient(suite.GrpcWithToken(anna));
        Assert.Equal($"Anna only {suffix}", (await annaGrpc.GetCompanyAsync(new GetCompanyRequest { Id = id }, cancellationToken: Ct)).Name);
    }

    [Fact]
    public async Task A_sales_manager_cannot_administer_users()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var password = await suite.CreateUserAsync($"carl.{suffix}", "SalesManager");
        var carl = (await suite.Oidc.SignInAsync($"carl.{suffix}", password, "Carl-Secret-2026", Ct)).AccessToken;
        using var http = suite.WithToken(carl);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/identity/v1/users", Ct)).StatusCode);
        var me = await http.GetFromJsonAsync<JsonElement>("/api/identity/v1/me", Ct);
        Assert.Equal($"carl.{suffix}", me.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_the_standard_OAuth_error()
    {
        using var response = await suite.Anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "crm-gateway", ["client_secret"] = "wrong", ["scope"] = "clients.read",
        }), Ct);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, response.StatusCode.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_revoked_integration_client_can_get_no_new_token()
    {
        var created = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/identity/v1/integration-clients",
            new { displayName = "Short-lived", permissions = new[] { "clients.read" } });
        var clientId = created.GetProperty("client").GetProperty("clientId").GetString()!;
        var secret = created.GetProperty("clientSecret").GetString()!;
        Assert.False(string.IsNullOrEmpty(await suite.Oidc.ClientCredentialsAsync(clientId, secret, "clients.read", Ct)));

        await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, $"/api/identity/v1/integration-clients/{clientId}:revoke", new { });

        await Assert.ThrowsAsync<HttpRequestException>(() => suite.Oidc.ClientCredentialsAsync(clientId, secret, "clients.read", Ct));
    }
}
