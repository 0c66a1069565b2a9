using CrmSuite.Clients.Contracts;

namespace CrmSuite.Clients.FunctionalTests;

public sealed class ContactPointsTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_update_with_only_the_single_phone_and_email_keeps_the_contacts_other_numbers_and_addresses()
    {
        var company = await api.CreateCompanyAsync("Points Keeper Ltd");
        var contact = await api.Grpc.CreateContactAsync(new CreateContactRequest
        {
            CompanyId = company.Id,
            FullName = "Мария Орлова",
            Phones =
            {
                new ContactPoint { Kind = "work", Value = "+7 495 111-22-33", Primary = true },
                new ContactPoint { Kind = "mobile", Value = "+7 916 444-55-66" },
            },
            Emails =
            {
                new ContactPoint { Kind = "work", Value = "maria@points.example", Primary = true },
                new ContactPoint { Kind = "billing", Value = "accounts@points.example" },
            },
        }, cancellationToken: Ct);

        // An older integration knows only the single fields and changes the main phone.
        var updated = await api.Grpc.UpdateContactAsync(new UpdateContactRequest
        {
            Id = contact.Id, FullName = "Мария Орлова", Phone = "+7 495 999-00-11", Email = "maria@points.example",
        }, cancellationToken: Ct);

        Assert.Equal("+74959990011", updated.Phone);
        Assert.Equal(["+74959990011", "+79164445566"], updated.Phones.Select(p => p.Value));
        Assert.True(updated.Phones[0].Primary);
        Assert.Equal("mobile", updated.Phones[1].Kind);
        Assert.Equal(["maria@points.example", "accounts@points.example"], updated.Emails.Select(e => e.Value));

        var read = await api.Grpc.GetContactAsync(new GetContactRequest { Id = contact.Id }, cancellationToken: Ct);
        Assert.Equal(updated.Phones.Select(p => p.Value), read.Phones.Select(p => p.Value));
    }
}
