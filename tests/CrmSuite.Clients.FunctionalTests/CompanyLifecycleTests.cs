using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Clients.Contracts;
using Grpc.Core;

namespace CrmSuite.Clients.FunctionalTests;

public sealed class CompanyLifecycleTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    [Fact]
    public async Task A_company_created_over_REST_is_stored_normalised_and_readable_over_gRPC()
    {
        var response = await api.Http.PostAsJsonAsync("/v1/companies", new
        {
            name = "  ООО «Ромашка»  ",
            inn = "7707083893",
            email = "Info@Romashka.RU",
            phone = "8 (495) 123-45-67",
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var created = await api.ReadJsonAsync(response);
        var id = created.GetProperty("id").GetString()!;

        var read = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = id }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("ООО «Ромашка»", read.Name);
        Assert.Equal("7707083893", read.Inn);
        Assert.Equal("info@romashka.ru", read.Email);
        Assert.Equal("+74951234567", read.Phone);
        Assert.False(read.Archived);
        Assert.Equal(0, read.ContactCount);
        Assert.Equal(created.GetProperty("version").GetString(), read.Version);
    }

    [Fact]
    public async Task Creating_a_company_announces_it_with_its_name_manager_and_team_in_the_same_commit()
    {
        var (_, anna) = api.As(CrmSuite.Testing.TestUser.ManagerAnna);

        var company = await anna.CreateCompanyAsync(new CreateCompanyRequest { Name = "ООО «Announced»" }, cancellationToken: TestContext.Current.CancellationToken);

        var created = Assert.Single(await OutboxEvents.ReadAsync(api.ConnectionString, Contracts.Events.CompanyCreated.Topic, "payload->>'companyId' = $2", company.Id));
        var @event = created.Deserialize<Contracts.Events.CompanyCreated>(ClientsApi.Json)!;
        Assert.Equal(("ООО «Announced»", CrmSuite.Testing.TestUser.ManagerAnna.Id, CrmSuite.Testing.TestUser.ManagerAnna.Teams.FirstOrDefault(), "manual"),
            (@event.Name, @event.OwnerUserId, @event.TeamId, @event.Origin));
        Assert.Null(@event.LeadId);
    }

    [Fact]
    public async Task Updating_changes_the_fields_and_the_version()
    {
        var company = await api.CreateCompanyAsync("Northwind", email: "old@northwind.example");

        var updated = await api.Grpc.UpdateCompanyAsync(new UpdateCompanyRequest
        {
            Id = company.Id, Name = "Northwind Traders", Email = "sales@northwind.example", Phone = "+1 206 555 0100", Version = company.Version,
        }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Northwind Traders", updated.Name);
        Assert.Equal("sales@northwind.example", updated.Email);
        Assert.Equal("+12065550100", updated.Phone);
        Assert.NotEqual(company.Version, updated.Version);
        Assert.True(updated.UpdatedAt.ToDateTimeOffset() >= company.UpdatedAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task An_update_based_on_a_stale_version_is_refused_with_409_and_changes_nothing()
    {
        var company = await api.CreateCompanyAsync("Contoso");
        await api.Grpc.UpdateCompanyAsync(new UpdateCompanyRequest { Id = company.Id, Name = "Contoso Networks", Version = company.Version },
            cancellationToken: TestContext.Current.CancellationToken);

        var response = await api.Http.PutAsJsonAsync($"/v1/companies/{company.Id}",
            new { name = "Contoso Stale", version = company.Version }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var current = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Contoso Networks", current.Name);
    }

    [Fact]
    public async Task An_archived_company_leaves_the_list_cannot_be_edited_and_comes_back_when_restored()
    {
        var company = await api.CreateCompanyAsync("Archivable Ltd");

        var archived = await api.Http.PostAsJsonAsync($"/v1/companies/{company.Id}:archive", new { }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.True((await api.ReadJsonAsync(archived)).GetProperty("archived").GetBoolean());
        Assert.DoesNotContain(await ListNamesAsync(includeArchived: false), n => n == "Archivable Ltd");
        Assert.Contains(await ListNamesAsync(includeArchived: true), n => n == "Archivable Ltd");

        var edit = await api.Http.PutAsJsonAsync($"/v1/companies/{company.Id}", new { name = "Edited" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        var problem = await api.ReadJsonAsync(edit);
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));

        var restored = await api.Grpc.RestoreCompanyAsync(new RestoreCompanyRequest { Id = company.Id }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(restored.Archived);
        Assert.Equal("Archivable Ltd", restored.Name);
        Assert.Contains(await ListNamesAsync(includeArchived: false), n => n == "Archivable Ltd");
    }

    [Fact]
    public async Task Archiving_twice_is_harmless()
    {
        var company = await api.CreateCompanyAsync("Twice Archived");
        var first = await api.Grpc.ArchiveCompanyAsync(new ArchiveCompanyRequest { Id = company.Id }, cancellationToken: TestContext.Current.CancellationToken);
        var second = await api.Grpc.ArchiveCompanyAsync(new ArchiveCompanyRequest { Id = company.Id }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(second.Archived);
        Assert.Equal(first.Version, second.Version);
    }

    [Fact]
    public async Task An_unknown_company_is_404_problem_json_over_REST_and_NOT_FOUND_over_gRPC()
    {
        var id = Guid.NewGuid().ToString();
        var response = await api.Http.GetAsync($"/v1/companies/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(id, (await api.ReadJsonAsync(response)).GetProperty("detail").GetString());

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = id }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task A_malformed_id_is_400_naming_the_id()
    {
        var response = await api.Http.GetAsync("/v1/companies/not-a-uuid", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await api.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("id", out _));
    }

    private async Task<List<string>> ListNamesAsync(bool includeArchived)
    {
        var page = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { PageSize = 200, IncludeArchived = includeArchived },
            cancellationToken: TestContext.Current.CancellationToken);
        return page.Companies.Select(c => c.Name).ToList();
    }
}
