using System.Net;
using System.Net.Http.Json;
using CrmSuite.Clients.Contracts;
using Grpc.Core;

namespace CrmSuite.Clients.FunctionalTests;

public sealed class ContactTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    [Fact]
    public async Task Contacts_are_added_listed_in_name_order_and_counted_on_the_company()
    {
        var company = await api.CreateCompanyAsync("ООО «Вектор»");
        foreach (var name in new[] { "Соколова Екатерина", "Андреев Павел", "Борисов Илья" })
        {
            var response = await api.Http.PostAsJsonAsync($"/v1/companies/{company.Id}/contacts",
                new { fullName = name, position = "Менеджер", phone = "8 903 111 22 33" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var first = await api.Grpc.ListContactsAsync(new ListContactsRequest { CompanyId = company.Id, PageSize = 2 }, cancellationToken: TestContext.Current.CancellationToken);
        var second = await api.Grpc.ListContactsAsync(new ListContactsRequest { CompanyId = company.Id, PageSize = 2, PageToken = first.NextPageToken },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["Андреев Павел", "Борисов Илья", "Соколова Екатерина"], first.Contacts.Concat(second.Contacts).Select(c => c.FullName));
        Assert.Equal(string.Empty, second.NextPageToken);
        Assert.All(first.Contacts, c => Assert.Equal("+79031112233", c.Phone));

        var reread = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, reread.ContactCount);
    }

    [Fact]
    public async Task A_contact_can_be_edited_and_archived_and_then_no_longer_counts()
    {
        var company = await api.CreateCompanyAsync("Blue Harbor Agency");
        var contact = await api.Grpc.CreateContactAsync(new CreateContactRequest { CompanyId = company.Id, FullName = "Michael Brown" },
            cancellationToken: TestContext.Current.CancellationToken);

        var updated = await api.Grpc.UpdateContactAsync(new UpdateContactRequest
        {
            Id = contact.Id, FullName = "Michael J. Brown", Email = "MB@BlueHarbor.example", Position = "Director", Version = contact.Version,
        }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("mb@blueharbor.example", updated.Email);
        Assert.Equal("Director", updated.Position);

        var archived = await api.Grpc.ArchiveContactAsync(new ArchiveContactRequest { Id = contact.Id }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(archived.Archived);
        var companyNow = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, companyNow.ContactCount);
        var visible = await api.Grpc.ListContactsAsync(new ListContactsRequest { CompanyId = company.Id }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(visible.Contacts);
        var withArchived = await api.Grpc.ListContactsAsync(new ListContactsRequest { CompanyId = company.Id, IncludeArchived = true },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Single(withArchived.Contacts);
    }

    [Fact]
    public async Task A_contact_for_an_unknown_company_is_404_and_for_an_archived_one_400()
    {
        var unknown = await api.Http.PostAsJsonAsync($"/v1/companies/{Guid.NewGuid()}/contacts", new { fullName = "Nobody" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var company = await api.CreateCompanyAsync("Closed Ltd");
        await api.Grpc.ArchiveCompanyAsync(new ArchiveCompanyRequest { Id = company.Id }, cancellationToken: TestContext.Current.CancellationToken);
        var ex = await Assert.ThrowsAsync<RpcException>(() => api.Grpc.CreateContactAsync(
            new CreateContactRequest { CompanyId = company.Id, FullName = "Late Person" }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
    }

    [Fact]
    public async Task Bad_contact_fields_are_named_and_nothing_is_added()
    {
        var company = await api.CreateCompanyAsync("Strict Ltd");
        var response = await api.Http.PostAsJsonAsync($"/v1/companies/{company.Id}/contacts",
            new { fullName = "", email = "x@", phone = "0" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await api.ReadJsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("fullName", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("phone", out _));
        var contacts = await api.Grpc.ListContactsAsync(new ListContactsRequest { CompanyId = company.Id, IncludeArchived = true },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(contacts.Contacts);
    }
}
