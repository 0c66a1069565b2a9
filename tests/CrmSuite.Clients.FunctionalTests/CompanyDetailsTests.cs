using System.Net;
using System.Net.Http.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Google.Rpc;
using Grpc.Core;
using Npgsql;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Requisites, several addresses/phones/emails with a primary one, tags, reassigning and the timeline.</summary>
public sealed class CompanyDetailsTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    // Sberbank's real requisites: every checksum below holds for them.
    private const string SberInn = "7707083893";
    private const string SberKpp = "773601001";
    private const string SberOgrn = "1027700132195";
    private const string SberBik = "044525225";
    private const string SberCorrespondent = "30101810400000000225";
    private const string ValidAccount = "40702810138250123017";

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CompanyDetails Requisites() => new()
    {
        Kpp = SberKpp,
        Ogrn = SberOgrn,
        LegalForm = "ПАО",
        FullLegalName = "Публичное акционерное общество «Сбербанк России»",
        Bank = new BankDetails { Bik = SberBik, Account = ValidAccount, CorrespondentAccount = SberCorrespondent, BankName = "ПАО Сбербанк" },
    };

    [Fact]
    public async Task Valid_requisites_are_stored_and_shown_on_the_card()
    {
        var created = await api.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Requisites Ltd", Inn = SberInn, Details = Requisites() }, cancellationToken: Ct);

        var card = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = created.Id }, cancellationToken: Ct);
        Assert.Equal(SberKpp, card.Details.Kpp);
        Assert.Equal(SberOgrn, card.Details.Ogrn);
        Assert.Equal("ПАО", card.Details.LegalForm);
        Assert.Equal(SberBik, card.Details.Bank.Bik);
        Assert.Equal(ValidAccount, card.Details.Bank.Account);
        Assert.Equal(SberCorrespondent, card.Details.Bank.CorrespondentAccount);
        Assert.Equal("ПАО Сбербанк", card.Details.Bank.BankName);
    }

    [Theory]
    [InlineData("kpp", "77360100", "9 characters")]
    [InlineData("kpp", "773601A01", "capital Latin")]
    [InlineData("ogrn", "1027700132196", "check digit")]
    [InlineData("ogrn", "10277001321", "13 digits")]
    [InlineData("bank.bik", "04452522", "9 digits")]
    [InlineData("bank.account", "40702810138250123018", "does not match the BIK")]
    [InlineData("bank.account", "4070281013825012301", "20 digits")]
    [InlineData("bank.correspondent_account", "30101810400000000226", "does not match the BIK")]
    [InlineData("bank.correspondent_account", "40101810400000000225", "starts with 301")]
    public async Task A_bad_requisite_is_refused_naming_its_field_and_nothing_is_written(string field, string value, string message)
    {
        var details = Requisites();
        switch (field)
        {
            case "kpp": details.Kpp = value; break;
            case "ogrn": details.Ogrn = value; break;
            case "bank.bik": details.Bank.Bik = value; break;
            case "bank.account": details.Bank.Account = value; break;
            default: details.Bank.CorrespondentAccount = value; break;
        }
        var name = "Bad requisites " + Guid.NewGuid().ToString("N")[..8];

        var ex = await Assert.ThrowsAsync<RpcException>(() => api.Grpc.CreateCompanyAsync(
            new CreateCompanyRequest { Name = name, Inn = SberInn, Details = details }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var violation = Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "details." + field);
        Assert.Contains(message, violation.Description);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM companies WHERE name = @p", name));
    }

    [Fact]
    public async Task Requisites_must_fit_the_kind_of_taxpayer()
    {
        var response = await api.Http.PostAsJsonAsync("/v1/companies", new
        {
            name = "Entrepreneur",
            inn = "500123456750",
            details = new { kpp = SberKpp, ogrn = SberOgrn, bank = new { account = ValidAccount } },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await api.ReadJsonAsync(response)).GetProperty("errors");
        Assert.Contains("no KPP", errors.GetProperty("details.kpp")[0].GetString());
        Assert.Contains("OGRNIP", errors.GetProperty("details.ogrn")[0].GetString());
        Assert.Contains("BIK", errors.GetProperty("details.bank.bik")[0].GetString());

        var entrepreneur = await api.Grpc.CreateCompanyAsync(new CreateCompanyRequest
        {
            Name = "Entrepreneur",
            Inn = "500123456750",
            Details = new CompanyDetails { Ogrn = "304500116000157", LegalForm = "ИП" },
        }, cancellationToken: Ct);
        Assert.Equal("304500116000157", entrepreneur.Details.Ogrn);
    }

    [Fact]
    public async Task Several_addresses_phones_and_emails_are_kept_and_the_primary_ones_are_the_searchable_columns()
    {
        var details = new CompanyDetails
        {
            Addresses =
            {
                new Address { Kind = "legal", Text = "ул. Вавилова, 19", City = "Москва", Region = "Москва", Postcode = "117312" },
                new Address { Kind = "delivery", Text = "Складская, 5", City = "Подольск" },
            },
            Phones =
            {
                new ContactPoint { Kind = "work", Value = "8 (495) 500-55-50" },
                new ContactPoint { Kind = "mobile", Value = "+7 916 123-45-67", Primary = true },
            },
            Emails =
            {
                new ContactPoint { Kind = "work", Value = "Office@Many.Example", Primary = true },
                new ContactPoint { Kind = "billing", Value = "bills@many.example" },
            },
        };
        var company = await api.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Many Channels", Details = details }, cancellationToken: Ct);

        Assert.Equal("+79161234567", company.Phone);
        Assert.Equal("office@many.example", company.Email);
        Assert.Equal(2, company.Details.Addresses.Count);
        Assert.Equal(["+74955005550", "+79161234567"], company.Details.Phones.Select(p => p.Value));
        var found = await api.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "+7 916 123" }, cancellationToken: Ct);
        Assert.Contains(found.Companies, c => c.Id == company.Id);

        // Making the other phone primary moves the mirrored column with it.
        var update = new UpdateCompanyRequest { Id = company.Id, Name = company.Name, Details = company.Details.Clone() };
        update.Details.Phones[0].Primary = true;
        update.Details.Phones[1].Primary = false;
        var updated = await api.Grpc.UpdateCompanyAsync(update, cancellationToken: Ct);
        Assert.Equal("+74955005550", updated.Phone);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM companies WHERE phone = '+74955005550' AND name = @p", "Many Channels"));

        // An older caller without details changes only the primary values and keeps the lists.
        var legacy = await api.Grpc.UpdateCompanyAsync(new UpdateCompanyRequest { Id = company.Id, Name = "Many Channels", Email = "new@many.example", Phone = "+74955005550" }, cancellationToken: Ct);
        Assert.Equal("new@many.example", legacy.Email);
        Assert.Equal(["new@many.example", "bills@many.example"], legacy.Details.Emails.Select(e => e.Value));
        Assert.Equal(2, legacy.Details.Addresses.Count);
    }

    [Fact]
    public async Task Two_primary_phones_or_a_bad_list_entry_are_named_by_position()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => api.Grpc.CreateCompanyAsync(new CreateCompanyRequest
        {
            Name = "Bad lists",
            Details = new CompanyDetails
            {
                Addresses = { new Address { Kind = "moon", Text = "" } },
                Phones = { new ContactPoint { Value = "+74955005550", Primary = true }, new ContactPoint { Value = "12", Primary = true } },
                Emails = { new ContactPoint { Value = "a@b.example" }, new ContactPoint { Value = "A@B.example" } },
                Tags = { new string('x', 60) },
            },
        }, cancellationToken: Ct).ResponseAsync);

        var fields = ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "details.addresses[0].kind", "details.addresses[0].text", "details.phones[1].value", "details.phones",
            "details.emails[1].value", "details.tags[0]",
        }, fields);
    }

    [Fact]
    public async Task Tags_are_normalised_and_the_list_filters_by_one()
    {
        var tagged = await api.Grpc.CreateCompanyAsync(new CreateCompanyRequest
        {
            Name = "Tagged One",
            Details = new CompanyDetails { Tags = { "  Key   Client ", "opt", "OPT" } },
        }, cancellationToken: Ct);
        await api.CreateCompanyAsync("Untagged One");

        Assert.Equal(["key client", "opt"], tagged.Details.Tags);
        var list = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { Tag = "KEY client" }, cancellationToken: Ct);
        Assert.Equal([tagged.Id], list.Companies.Select(c => c.Id));
    }

    [Fact]
    public async Task Reassigning_changes_the_manager_and_team_and_shows_on_the_timeline()
    {
        var company = await api.CreateCompanyAsync("Reassigned Co");

        var assigned = await api.Grpc.AssignCompanyAsync(new AssignCompanyRequest { Id = company.Id, OwnerUserId = "manager-oleg", TeamId = "team-south" }, cancellationToken: Ct);

        Assert.Equal("manager-oleg", assigned.OwnerUserId);
        Assert.Equal("team-south", assigned.TeamId);
        var timeline = await api.Grpc.ListCompanyChangesAsync(new ListCompanyChangesRequest { CompanyId = company.Id }, cancellationToken: Ct);
        var row = timeline.Changes.First();
        Assert.Equal("company.assigned", row.Action);
        var owner = Assert.Single(row.Changes, c => c.Field == "owner_user_id");
        Assert.Equal(TestUser.Director.Id, owner.Before);
        Assert.Equal("manager-oleg", owner.After);
        Assert.Equal(TestUser.Director.Id, row.UserId);
        Assert.Equal(TestUser.Director.Name, row.UserName);
    }

    [Fact]
    public async Task Every_change_adds_one_timeline_row_with_before_and_after_newest_first()
    {
        var company = await api.CreateCompanyAsync("Timeline Co", email: "a@timeline.example");
        await api.Grpc.UpdateCompanyAsync(new UpdateCompanyRequest
        {
            Id = company.Id, Name = "Timeline Co", Email = "a@timeline.example",
            Details = new CompanyDetails { Kpp = SberKpp, Tags = { "vip" } },
        }, cancellationToken: Ct);
        var contact = await api.Grpc.CreateContactAsync(new CreateContactRequest { CompanyId = company.Id, FullName = "Иван Петров", Role = "accountant" }, cancellationToken: Ct);
        await api.Grpc.ArchiveCompanyAsync(new ArchiveCompanyRequest { Id = company.Id }, cancellationToken: Ct);
        await api.Grpc.RestoreCompanyAsync(new RestoreCompanyRequest { Id = company.Id }, cancellationToken: Ct);
        // A refused change writes no row.
        await Assert.ThrowsAsync<RpcException>(() => api.Grpc.UpdateCompanyAsync(new UpdateCompanyRequest { Id = company.Id, Name = "" }, cancellationToken: Ct).ResponseAsync);

        var first = await api.Grpc.ListCompanyChangesAsync(new ListCompanyChangesRequest { CompanyId = company.Id, PageSize = 3 }, cancellationToken: Ct);
        var second = await api.Grpc.ListCompanyChangesAsync(new ListCompanyChangesRequest { CompanyId = company.Id, PageSize = 3, PageToken = first.NextPageToken }, cancellationToken: Ct);
        var rows = first.Changes.Concat(second.Changes).ToList();

        Assert.Equal(["company.restored", "company.archived", "contact.created", "company.updated", "company.created"], rows.Select(r => r.Action));
        Assert.Empty(second.NextPageToken);
        var updated = rows[3];
        Assert.Equal(["kpp", "tags"], updated.Changes.Select(c => c.Field).Order());
        Assert.Equal(SberKpp, updated.Changes.Single(c => c.Field == "kpp").After);
        Assert.Equal("", updated.Changes.Single(c => c.Field == "kpp").Before);
        Assert.Equal("Иван Петров", rows[2].Subject);
        Assert.Equal("accountant", rows[2].Changes.Single(c => c.Field == "role").After);
        Assert.Equal("true", rows[1].Changes.Single(c => c.Field == "archived").After);
        Assert.Equal("Timeline Co", rows[4].Changes.Single(c => c.Field == "name").After);
        Assert.Equal(contact.CompanyId, company.Id);
    }

    [Fact]
    public async Task Another_managers_timeline_is_not_found()
    {
        var (_, anna) = api.As(TestUser.ManagerAnna);
        var (_, oleg) = api.As(TestUser.ManagerOleg);
        var company = await anna.CreateCompanyAsync(new CreateCompanyRequest { Name = "Anna's private" }, cancellationToken: Ct);

        var ex = await Assert.ThrowsAsync<RpcException>(() => oleg.ListCompanyChangesAsync(new ListCompanyChangesRequest { CompanyId = company.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Single((await anna.ListCompanyChangesAsync(new ListCompanyChangesRequest { CompanyId = company.Id }, cancellationToken: Ct)).Changes);
    }

    [Fact]
    public async Task Contacts_have_a_role_and_several_phones_and_emails_with_a_primary_one()
    {
        var company = await api.CreateCompanyAsync("Contacts Roles Co");
        var contact = await api.Grpc.CreateContactAsync(new CreateContactRequest
        {
            CompanyId = company.Id,
            FullName = "Мария Иванова",
            Role = "decision_maker",
            Phones = { new ContactPoint { Kind = "mobile", Value = "+7 916 000-11-22" }, new ContactPoint { Kind = "work", Value = "+7 495 000-11-22", Primary = true } },
            Emails = { new ContactPoint { Value = "maria@roles.example" } },
        }, cancellationToken: Ct);

        Assert.Equal("decision_maker", contact.Role);
        Assert.Equal("+74950001122", contact.Phone);
        Assert.Equal("maria@roles.example", contact.Email);
        Assert.Equal(2, contact.Phones.Count);

        var ex = await Assert.ThrowsAsync<RpcException>(() => api.Grpc.UpdateContactAsync(new UpdateContactRequest
        {
            Id = contact.Id, FullName = "Мария Иванова", Role = "boss", Emails = { new ContactPoint { Value = "nope" } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(["emails[0].value", "role"], ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Order());
        var stored = await api.Grpc.GetContactAsync(new GetContactRequest { Id = contact.Id }, cancellationToken: Ct);
        Assert.Equal("decision_maker", stored.Role);
    }

    private async Task<long> CountAsync(string sql, string parameter)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
