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
    public async Task A_manager_sees_her_own_company_of_the_same_name_even_when_more_hidden_ones_share_it()
    {
        for (var i = 0; i < 4; i++)
        {
            await api.CreateCompanyAsync("Скрытое Сходство");
        }
        var hers = await api.As(TestUser.ManagerAnna).Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "ООО «Скрытое Сходство»" }, cancellationToken: Ct);

        var seenByAnna = await FindAsync(new FindDuplicatesRequest { Name = "скрытое сходство" }, TestUser.ManagerAnna);

        var only = Assert.Single(seenByAnna);
        Assert.Equal(hers.Id, only.Company.Id);
        Assert.Equal([DuplicateReason.Name], only.Reasons);
        Assert.Equal(1.0, only.NameSimilarity, 3);
        // The director sees them all, and the form shows the three most similar.
        var seenByDirector = await FindAsync(new FindDuplicatesRequest { Name = "скрытое сходство" });
        Assert.Equal(3, seenByDirector.Count(c => c.Reasons.Contains(DuplicateReason.Name) && c.Company.Name.Contains("Скрытое Сходство", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_name_one_letter_off_is_found_as_similar_but_a_different_name_is_not()
    {
        var existing = await api.CreateCompanyAsync("Типография Северное Сияние");
        await api.CreateCompanyAsync("Автосервис Южный Ветер");

        var typo = await FindAsync(new FindDuplicatesRequest { Name = "Типография Северное Сеяние" });
        var found = Assert.Single(typo, c => c.Company.Id == existing.Id);
        Assert.Equal([DuplicateReason.Name], found.Reasons);
        Assert.InRange(found.NameSimilarity, 0.5, 0.99);
        Assert.DoesNotContain(typo, c => c.Company.Name == "Автосервис Южный Ветер");
        Assert.Empty(await FindAsync(new FindDuplicatesRequest { Name = "Бюро Переводов Лингва" }));
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
    public async Task After_a_merge_the_surviving_card_shows_the_merge_and_the_history_of_every_card_merged_into_it()
    {
        var survivor = await api.CreateCompanyAsync("Timeline Survivor");
        var middle = await api.CreateCompanyAsync("Timeline Middle Card", email: "middle@timeline.ru");
        var oldest = await api.CreateCompanyAsync("Timeline Oldest Card", phone: "+7 812 555-77-01");
        await api.Grpc.CreateContactAsync(new CreateContactRequest { CompanyId = oldest.Id, FullName = "Ольга Давняя" }, cancellationToken: Ct);
        var merges = DuplicatesAs(TestUser.Director);
        await merges.MergeCompaniesAsync(new MergeCompaniesRequest { SurvivorId = middle.Id, MergedId = oldest.Id }, cancellationToken: Ct);
        await merges.MergeCompaniesAsync(new MergeCompaniesRequest { SurvivorId = survivor.Id, MergedId = middle.Id }, cancellationToken: Ct);

        var timeline = await AllChangesAsync(survivor.Id);

        // The merge itself, newest first, naming the card taken over and what the survivor took from it.
        var merge = timeline[0];
        Assert.Equal("company.merged", merge.Action);
        Assert.Equal("Timeline Middle Card", merge.Subject);
        Assert.Equal("", merge.MergedCompanyId);
        Assert.Contains(merge.Changes, c => c.Field == "email" && c.Before == "" && c.After == "middle@timeline.ru");
        Assert.Contains(merge.Changes, c => c.Field == "phone" && c.After == "+78125557701");
        // Each merged card's own history, marked with the card it comes from, through both merges.
        Assert.Contains(timeline, c => c.Action == "company.created" && c.MergedCompanyId == "" && c.Changes.Any(f => f.Field == "name" && f.After == "Timeline Survivor"));
        Assert.Contains(timeline, c => c.Action == "company.created" && c.MergedCompanyId == middle.Id && c.MergedCompanyName == "Timeline Middle Card");
        Assert.Contains(timeline, c => c.Action == "company.created" && c.MergedCompanyId == oldest.Id && c.MergedCompanyName == "Timeline Oldest Card");
        Assert.Contains(timeline, c => c.Action == "contact.created" && c.Subject == "Ольга Давняя" && c.MergedCompanyId == oldest.Id);
        Assert.Contains(timeline, c => c.Action == "company.merged" && c.Subject == "Timeline Oldest Card" && c.MergedCompanyId == middle.Id);
        Assert.DoesNotContain(timeline, c => c.Action == "company.merged_into");
        Assert.Equal(timeline.OrderByDescending(c => c.At.ToDateTimeOffset()).ThenByDescending(c => Guid.Parse(c.Id)).Select(c => c.Id), timeline.Select(c => c.Id));

        // The merged card says where it went; it does not show the survivor's history.
        var gone = await AllChangesAsync(middle.Id);
        var into = gone[0];
        Assert.Equal("company.merged_into", into.Action);
        Assert.Equal("Timeline Survivor", into.Subject);
        Assert.Contains(into.Changes, c => c.Field == "archived" && c.Before == "false" && c.After == "true");
        Assert.DoesNotContain(gone, c => c.Changes.Any(f => f.Field == "name" && f.After == "Timeline Survivor"));
    }

    [Fact]
    public async Task A_manager_sees_the_merge_on_her_card_but_not_the_history_of_a_card_she_never_could_see()
    {
        var anna = api.As(TestUser.ManagerAnna);
        var hers = await anna.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Annas Timeline Survivor" }, cancellationToken: Ct);
        var his = await api.As(TestUser.ManagerOleg).Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Olegs Timeline Card", Email = "oleg-card@timeline.ru" }, cancellationToken: Ct);
        await DuplicatesAs(TestUser.Director).MergeCompaniesAsync(new MergeCompaniesRequest { SurvivorId = hers.Id, MergedId = his.Id }, cancellationToken: Ct);

        var seenByAnna = await AllChangesAsync(hers.Id, anna.Grpc);
        Assert.Contains(seenByAnna, c => c.Action == "company.merged" && c.Subject == "Olegs Timeline Card");
        Assert.DoesNotContain(seenByAnna, c => c.MergedCompanyId.Length > 0);

        var seenByDirector = await AllChangesAsync(hers.Id);
        Assert.Contains(seenByDirector, c => c.Action == "company.created" && c.MergedCompanyId == his.Id);
    }

    /// <summary>Every timeline row of a card, walking its pages of 2 so that paging over merged cards is exercised.</summary>
    private async Task<List<CompanyChange>> AllChangesAsync(string companyId, Companies.CompaniesClient? reader = null)
    {
        var rows = new List<CompanyChange>();
        var token = "";
        do
        {
            var page = await (reader ?? api.Grpc).ListCompanyChangesAsync(new ListCompanyChangesRequest { CompanyId = companyId, PageSize = 2, PageToken = token }, cancellationToken: Ct);
            rows.AddRange(page.Changes);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        return rows;
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
