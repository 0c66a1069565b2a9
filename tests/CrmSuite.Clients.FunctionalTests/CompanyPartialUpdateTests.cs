using System.Net;
using System.Net.Http.Json;
using CrmSuite.Clients.Contracts;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// PATCH with an update mask (AIP-134), as the README shows it: an integration changing one field
/// leaves the others as they were, over the service's real HTTP.
/// </summary>
public sealed class CompanyPartialUpdateTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_README_PATCH_of_the_name_keeps_the_INN_email_and_phone()
    {
        var company = await api.CreateCompanyAsync("Old name LLC", inn: "7707083893", email: "info@oldname.example", phone: "+7 495 123-45-67");

        var response = await PatchAsync(company.Id, $$"""{"name":"New name","version":"{{company.Version}}","updateMask":"name"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: Ct);
        Assert.Equal(("New name", "7707083893", "info@oldname.example", "+74951234567"), (read.Name, read.Inn, read.Email, read.Phone));
    }

    [Fact]
    public async Task A_PATCH_of_the_phone_changes_the_primary_phone_and_keeps_the_tags()
    {
        var company = await api.Grpc.CreateCompanyAsync(new CreateCompanyRequest
        {
            Name = "Tagged LLC", Phone = "+7 495 111-22-33", Details = new CompanyDetails { Tags = { "vip" } },
        }, cancellationToken: Ct);

        var response = await PatchAsync(company.Id, """{"phone":"+7 495 999-88-77","updateMask":"phone,details.legalForm","details":{"legalForm":"ООО"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: Ct);
        Assert.Equal("+74959998877", read.Phone);
        Assert.Equal("+74959998877", Assert.Single(read.Details.Phones, p => p.Primary).Value);
        Assert.Equal("ООО", read.Details.LegalForm);
        Assert.Equal(["vip"], read.Details.Tags);
        Assert.Equal("Tagged LLC", read.Name);
    }

    [Theory]
    [InlineData("nmae")]
    [InlineData("name,version")]
    [InlineData("details.colour")]
    public async Task A_mask_naming_an_unknown_field_is_400_naming_updateMask_and_changes_nothing(string mask)
    {
        var company = await api.CreateCompanyAsync("Masked LLC", inn: "7736207543");

        var response = await PatchAsync(company.Id, $$"""{"name":"Changed","updateMask":"{{mask}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await api.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("updateMask", out _));
        var read = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: Ct);
        Assert.Equal(("Masked LLC", company.Version), (read.Name, read.Version));
    }

    [Fact]
    public async Task A_PATCH_based_on_a_stale_version_is_409_and_changes_nothing()
    {
        var company = await api.CreateCompanyAsync("Contended LLC", email: "a@contended.example");
        var first = await PatchAsync(company.Id, $$"""{"name":"First edit","version":"{{company.Version}}","updateMask":"name"}""");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var stale = await PatchAsync(company.Id, $$"""{"email":"b@contended.example","version":"{{company.Version}}","updateMask":"email"}""");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var read = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: Ct);
        Assert.Equal(("First edit", "a@contended.example"), (read.Name, read.Email));
    }

    [Fact]
    public async Task PUT_still_replaces_the_whole_record()
    {
        var company = await api.CreateCompanyAsync("Replaced LLC", email: "old@replaced.example");

        var response = await api.Http.PutAsJsonAsync($"/v1/companies/{company.Id}", new { name = "Replaced again", version = company.Version }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: Ct);
        Assert.Equal(("Replaced again", ""), (read.Name, read.Email));
    }

    private Task<HttpResponseMessage> PatchAsync(string id, string json) =>
        api.Http.PatchAsync($"/v1/companies/{id}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);
}
