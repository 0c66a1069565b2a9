using System.Net;
using System.Net.Http.Json;
using System.Text;
using CrmSuite.Clients.Contracts;
using Google.Rpc;
using Grpc.Core;
using Npgsql;

namespace CrmSuite.Clients.FunctionalTests;

public sealed class CompanyValidationTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    [Fact]
    public async Task Every_bad_field_is_named_in_one_problem_json_answer_and_nothing_is_written()
    {
        var before = await CountCompaniesAsync();

        var response = await api.Http.PostAsJsonAsync("/v1/companies", new
        {
            name = "   ",
            inn = "7707083894",
            email = "not-an-email",
            phone = "12",
        }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await api.ReadJsonAsync(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.Contains("Required", errors.GetProperty("name")[0].GetString());
        Assert.Contains("check digits", errors.GetProperty("inn")[0].GetString());
        Assert.Contains("Email", errors.GetProperty("email")[0].GetString());
        Assert.Contains("Phone", errors.GetProperty("phone")[0].GetString());
        Assert.Equal(before, await CountCompaniesAsync());
    }

    [Fact]
    public async Task Over_gRPC_bad_input_is_INVALID_ARGUMENT_with_field_violations()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => api.Grpc.CreateCompanyAsync(
            new CreateCompanyRequest { Name = new string('x', 301), Inn = "12345" },
            cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var badRequest = ex.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Equal(["inn", "name"], badRequest.FieldViolations.Select(v => v.Field).Order());
        Assert.Contains("300", badRequest.FieldViolations.Single(v => v.Field == "name").Description);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_clear_400()
    {
        var before = await CountCompaniesAsync();
        using var content = new StringContent("{\"name\": \"Broken", Encoding.UTF8, "application/json");
        var response = await api.Http.PostAsync("/v1/companies", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((await api.ReadJsonAsync(response)).GetProperty("detail").GetString()));
        Assert.Equal(before, await CountCompaniesAsync());
    }

    [Fact]
    public async Task Invalid_update_leaves_the_stored_company_as_it_was()
    {
        var company = await api.CreateCompanyAsync("Stable Ltd", email: "a@stable.example");
        var response = await api.Http.PutAsJsonAsync($"/v1/companies/{company.Id}",
            new { name = "Stable Ltd 2", email = "broken@" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await api.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("email", out _));
        var stored = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Stable Ltd", stored.Name);
        Assert.Equal(company.Version, stored.Version);
    }

    [Fact]
    public async Task Control_characters_in_a_name_are_refused()
    {
        var response = await api.Http.PostAsJsonAsync("/v1/companies", new { name = "Evil\u0000Name" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await api.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("name", out _));
    }

    private async Task<long> CountCompaniesAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM companies", connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
