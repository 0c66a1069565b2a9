using System.Text.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Grpc.Core;
using Npgsql;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Duplicates found by each reason among the companies the caller sees, and merging two companies into one.</summary>
public sealed class DuplicateTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Duplicates.DuplicatesClient DuplicatesAs(TestUser user) => new(api.InvokerFor(user));

    private async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(FindDuplicatesRequest request, TestUser? user = null) =>
        (await DuplicatesAs(user ?? TestUser.Director).FindDuplicatesAsync(request, cancellationToken: Ct)).Candidates;

    [Fact]
    public async Task A_company_with_the_same_inn_is_found_with_the_reason_inn()
    {
        var existing = await api.CreateCompanyAsync("Первая Инн-компания", inn: "7707083893");
        var candidates = await FindAsync(new FindDuplicatesRequest { Name = "Something else entirely", Inn = " 7707083893 " });
        var found = Assert.Single(candidates, c => c.Company.Id == existing.Id);
        Assert.Equal([DuplicateReason.Inn], found.Reasons);
    }

    [Fact]
    public async Task A_company_with_the_same_email_is_found_whatever_the_case_and_spaces()
    {
        var existing = await api.CreateCompanyAsync("Email Match Ltd", email: "sales@email-match.ru");
        var candidates = await FindAsync(new FindDuplicatesRequest { Name = "Unrelated", Email = "  Sales@EMAIL-match.RU " });
        var found = Assert.Single(candidates, c => c.Company.Id == existing.Id);
        Assert.Equal([DuplicateReason.Email], found.Reasons);
    }

    [Fact]
    public async Task A_company_with_the_same_phone_is_found_however_the_number_is_written()
    {
        var existing = await api.CreateCompanyAsync("Phone Match Ltd", phone: "+7 495 765-43-21");
        var candidates = await FindAsync(new FindDuplicatesRequest { Name = "Unrelated two", Phone = "8 (495) 765-43-21" });
        var found = Assert.Single(candidates, c => c.Company.Id == existing.Id);
        Assert.Equal([DuplicateReason.Phone], found.Reasons);
    }

    [Fact]
    public async Task A_similar_name_is_found_ignoring_legal_forms_and_quotes()
    {
        var existing = await api.CreateCompanyAsync("ООО «Ромашка-Трейд»");
        var other = await api.CreateCompanyAsync("Лютик и партнёры");
        var candidates = await FindAsync(new FindDuplicatesRequest { Name = "Ромашка Трейд ИП" });
        var found = Assert.Single(candidates, c => c.Company.Id == existing.Id);
        Assert.Equal([DuplicateReason.Name], found.Reasons);
        Assert.True(found.NameSimilarity >= 0.9, $"similarity {found.NameSimilarity}");
        Assert.DoesNotContain(candidates, c => c.Company.Id == other.Id);
    }

    [Fact]
    public async Task Companies_the_caller_may_not_see_are_never_offered()
    {
        var anna = api.As(TestUser.ManagerAnna);
        var hers = await anna.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Annas Secret Client", Inn = "7736207543" }, cancellationToken: Ct);
        var asOleg = await FindAsync(new FindDuplicatesRequest { Name = "Annas Secret Client", Inn = "7736207543" }, TestUser.ManagerOleg);
        Assert.DoesNotContain(asOleg, c => c.Company.Id == hers.Id);
        var asAnna = await FindAsync(new FindDuplicatesRequest { Name = "Annas Secret Client", Inn = "7736207543" }, TestUser.ManagerAnna);
        var found = Assert.Single(asAnna, c => c.Company.Id == hers.Id);
        Assert.Equal([DuplicateReason.Inn, DuplicateReason.Name], found.Reasons);
    }

    [Fact]
    public async Task The_company_being_edited_is_not_its_own_duplicate()
    {
        var company = await api.CreateCompanyAsync("Self Match Ltd", inn: "7702070139");
        var candidates = await FindAsync(new FindDuplicatesRequest { Name = "Self Match Ltd", Inn = "7702070139", ExcludeId = company.Id });
        Assert.DoesNotContain(candidates, c => c.Company.Id == company.Id);
    }

    [Fact]
    public async Task Merging_moves_the_contacts_fills_empty_fields_archives_the_other_and_publishes_the_event()
    {
        var survivor = await api.CreateCompanyAsync("Merge Survivor", inn: "7728168971");
        var merged = await api.CreateCompanyAsync("Merge Survivor (old card)", email: "old@survivor.ru", phone: "+7 812 555-01-02");
        await api.Grpc.CreateContactAsync(new CreateContactRequest { CompanyId = survivor.Id, FullName = "Анна Старая" }, cancellationToken: Ct);
        foreach (var name in new[] { "Иван Первый", "Пётр Второй" })
        {
            await api.Grpc.CreateContactAsync(new CreateContactRequest { CompanyId = merged.Id, FullName = name }, cancellationToken: Ct);
        }
        var contactsBefore = await ContactIdsAsync();

        var result = await DuplicatesAs(TestUser.Director).MergeCompaniesAsync(new MergeCompaniesRequest { SurvivorId = survivor.Id, MergedId = merged.Id }, cancellationToken: Ct);

        Assert.Equal("Merge Survivor", result.Name);
        Assert.Equal("7728168971", result.Inn);
        Assert.Equal("old@survivor.ru", result.Email);
        Assert.Equal("+78125550102", result.Phone);
        Assert.Equal(3, result.ContactCount);
        var contacts = await api.Grpc.ListContactsAsync(new ListContactsRequest { CompanyId = survivor.Id }, cancellationToken: Ct);
        Assert.Equal(["Анна Старая", "Иван Первый", "Пётр Второй"], contacts.Contacts.Select(c => c.FullName).Order());
        Assert.Equal(contactsBefore, await ContactIdsAsync());

        var old = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = merged.Id }, cancellationToken: Ct);
        Assert.True(old.Archived);
        Assert.Equal(survivor.Id, old.MergedIntoId);

        var events = await OutboxAsync("clients.company-merged");
        var merge = Assert.Single(events, e => e.GetProperty("mergedId").GetString() == merged.Id);
        Assert.Equal(survivor.Id, merge.GetProperty("survivorId").GetString());
        var audit = Assert.Single(await OutboxAsync("audit"), e => e.GetProperty("action").GetString() == "clients.company.merged"
            && e.GetProperty("details").GetProperty("mergedId").GetString() == merged.Id);
        Assert.Equal(2, audit.GetProperty("details").GetProperty("moved").GetProperty("contacts.company_id").GetInt32());
        Assert.Equal(JsonValueKind.Null, audit.GetProperty("before").GetProperty("survivor").GetProperty("email").ValueKind);
    }

    [Fact]
    public async Task A_manager_the_merged_company_was_shared_with_sees_the_survivor_and_its_moved_contacts()
    {
        var anna = api.As(TestUser.ManagerAnna);
        var boris = api.As(TestUser.ManagerBoris);
        var survivor = await anna.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Shared Merge Survivor" }, cancellationToken: Ct);
        var merged = await anna.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Shared Merge Old Card" }, cancellationToken: Ct);
        await anna.Grpc.CreateContactAsync(new CreateContactRequest { CompanyId = merged.Id, FullName = "Борисов Контакт" }, cancellationToken: Ct);
        await anna.Grpc.ShareCompanyAsync(new ShareCompanyRequest { Id = merged.Id, UserId = TestUser.ManagerBoris.Id }, cancellationToken: Ct);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => boris.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = survivor.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);

        await DuplicatesAs(TestUser.ManagerAnna).MergeCompaniesAsync(new MergeCompaniesRequest { SurvivorId = survivor.Id, MergedId = merged.Id }, cancellationToken: Ct);

        var seen = await boris.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = survivor.Id }, cancellationToken: Ct);
        Assert.Equal("Shared Merge Survivor", seen.Name);
        var contacts = await boris.Grpc.ListContactsAsync(new ListContactsRequest { CompanyId = survivor.Id }, cancellationToken: Ct);
        Assert.Equal(["Борисов Контакт"], contacts.Contacts.Select(c => c.FullName));
        var audit = Assert.Single(await OutboxAsync("audit"), e => e.GetProperty("action").GetString() == "clients.company.merged"
            && e.GetProperty("details").GetProperty("mergedId").GetString() == merged.Id);
        Assert.Equal(1, audit.GetProperty("details").GetProperty("moved").GetProperty("company_shares.company_id").GetInt32());
    }

    [Fact]
    public async Task Merging_a_company_the_caller_cannot_see_is_not_found_and_changes_nothing()
    {
        var anna = api.As(TestUser.ManagerAnna);
        var hers = await anna.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Annas Merge Target" }, cancellationToken: Ct);
        var oleg = api.As(TestUser.ManagerOleg);
        var his = await oleg.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Olegs Merge Source" }, cancellationToken: Ct);

        var refused = await Assert.ThrowsAsync<RpcException>(() => DuplicatesAs(TestUser.ManagerOleg)
            .MergeCompaniesAsync(new MergeCompaniesRequest { SurvivorId = hers.Id, MergedId = his.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.False((await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = his.Id }, cancellationToken: Ct)).Archived);
    }

    [Fact]
    public async Task A_company_cannot_be_merged_into_itself_nor_twice()
    {
        var a = await api.CreateCompanyAsync("Twice Merged A");
        var b = await api.CreateCompanyAsync("Twice Merged B");
        var self = await Assert.ThrowsAsync<RpcException>(() => DuplicatesAs(TestUser.Director)
            .MergeCompaniesAsync(new MergeCompaniesRequest { SurvivorId = a.Id, MergedId = a.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, self.StatusCode);

        await DuplicatesAs(TestUser.Director).MergeCompaniesAsync(new MergeCompaniesRequest { SurvivorId = a.Id, MergedId = b.Id }, cancellationToken: Ct);
        var again = await Assert.ThrowsAsync<RpcException>(() => DuplicatesAs(TestUser.Director)
            .MergeCompaniesAsync(new MergeCompaniesRequest { SurvivorId = a.Id, MergedId = b.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    private async Task<List<string>> ContactIdsAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT id::text || ':' || full_name FROM contacts ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private Task<List<JsonElement>> OutboxAsync(string topic) => OutboxEvents.ReadAsync(api.ConnectionString, topic);
}
