using System.Net;
using System.Net.Http.Json;
using CrmSuite.Documents.Contracts;
using CrmSuite.Testing;
using Grpc.Core;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>Gapless numbers per organisation, type and year, given at issue: under concurrency, after a rollback, after an annulment.</summary>
public sealed class DocumentNumberingTests(DocumentsApi api) : IClassFixture<DocumentsApi>
{
    private const int Concurrent = 200;
    private static CancellationToken Ct => DocumentsApi.Ct;

    [Fact]
    public async Task Two_hundred_concurrent_issues_of_one_type_get_numbers_1_to_200_with_no_gap_and_no_duplicate()
    {
        var organisation = await api.OrganisationAsync();
        var company = await api.BuyerAsync(DocumentStories.Seller);
        var drafts = new List<Document>();
        foreach (var chunk in Enumerable.Range(0, Concurrent).Chunk(10))
        {
            drafts.AddRange(await Task.WhenAll(chunk.Select(_ => api.DraftInvoiceAsync(DocumentStories.Seller, organisation.Id, company.Id))));
        }
        Assert.All(drafts, d => Assert.Equal(string.Empty, d.Number));

        var documents = api.Documents(DocumentStories.Seller);
        var issued = await Task.WhenAll(drafts.Select(d => documents.IssueDocumentAsync(new DocumentActionRequest { Id = d.Id }, cancellationToken: Ct).ResponseAsync));

        var numbers = issued.Select(d => d.Number).ToList();
        var sequences = numbers.Select(n => int.Parse(n["СЧ-2026-".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        var missing = Enumerable.Range(1, Concurrent).Except(sequences).Count();
        var duplicates = numbers.Count - numbers.Distinct().Count();
        TestReport.Print($"Document numbering: {Concurrent} concurrent issues of one type → {numbers.Distinct().Count()} distinct numbers, "
            + $"lowest {sequences.First()}, highest {sequences.Last()}, gaps {missing}, duplicates {duplicates} "
            + $"(e.g. {numbers.Min(StringComparer.Ordinal)} … {numbers.Max(StringComparer.Ordinal)})");
        Assert.Equal(Enumerable.Range(1, Concurrent), sequences);
        Assert.All(numbers, n => Assert.Matches(@"^СЧ-2026-\d{6}$", n));
        Assert.All(issued, d => Assert.Equal("issued", d.State));
        Assert.Equal(Concurrent, await api.ScalarAsync("SELECT last_number FROM document_counters WHERE organisation_id = @p0 AND type = 'invoice' AND year = 2026",
            Guid.Parse(organisation.Id)));
    }

    [Fact]
    public async Task An_issue_that_rolls_back_gives_its_number_back_to_the_next_issue()
    {
        // Our organisation without bank requisites: an invoice cannot carry its payment code, so issuing fails after its number was taken.
        var admin = new Organisations.OrganisationsClient(api.Grpc(People.Administrator));
        var organisation = await admin.CreateOrganisationAsync(new SaveOrganisationRequest
        {
            Name = "ООО «Без банка»", Inn = "7707083893", Kpp = "773601001", Ogrn = "1027700132195", DirectorName = "Иванов И. И.",
        }, cancellationToken: Ct);
        var company = await api.BuyerAsync(DocumentStories.Seller);
        var draft = await api.DraftInvoiceAsync(DocumentStories.Seller, organisation.Id, company.Id);
        var documents = api.Documents(DocumentStories.Seller);

        var failed = await Assert.ThrowsAsync<RpcException>(() => documents.IssueDocumentAsync(new DocumentActionRequest { Id = draft.Id }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, failed.StatusCode);
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM document_counters WHERE organisation_id = @p0", Guid.Parse(organisation.Id)));
        Assert.Equal("draft", (await documents.GetDocumentAsync(new GetDocumentRequest { Id = draft.Id }, cancellationToken: Ct)).State);

        // The bank is added, the draft is saved again (its model snapshotted anew), and it is issued: number 1, not 2.
        await admin.UpdateOrganisationAsync(new SaveOrganisationRequest
        {
            Id = organisation.Id, Name = organisation.Name, Inn = organisation.Inn, Kpp = organisation.Kpp, Ogrn = organisation.Ogrn,
            DirectorName = organisation.DirectorName, BankName = "ПАО Сбербанк", Bik = "044525225", CorrespondentAccount = "30101810400000000225",
            SettlementAccount = "40702810138250123017",
        }, cancellationToken: Ct);
        var edited = await documents.UpdateDocumentAsync(new UpdateDocumentRequest
        {
            Id = draft.Id, Date = "2026-03-01", Lines = { new DocumentLineInput { Name = "Насос центробежный", Unit = "шт", Quantity = "10", Price = "1000.00", VatRate = "22" } },
        }, cancellationToken: Ct);
        var issued = await documents.IssueDocumentAsync(new DocumentActionRequest { Id = edited.Id }, cancellationToken: Ct);

        Assert.Equal("СЧ-2026-000001", issued.Number);
    }

    [Fact]
    public async Task An_annulled_document_keeps_its_number_and_the_next_one_continues_after_it()
    {
        var organisation = await api.OrganisationAsync();
        var company = await api.BuyerAsync(DocumentStories.Seller);
        var documents = api.Documents(DocumentStories.Seller);
        var first = await documents.IssueDocumentAsync(new DocumentActionRequest
        {
            Id = (await api.DraftInvoiceAsync(DocumentStories.Seller, organisation.Id, company.Id, type: "invoice")).Id,
        }, cancellationToken: Ct);

        var annulled = await documents.AnnulDocumentAsync(new AnnulDocumentRequest { Id = first.Id, Reason = "Ошибка в количестве" }, cancellationToken: Ct);
        var second = await documents.IssueDocumentAsync(new DocumentActionRequest
        {
            Id = (await api.DraftInvoiceAsync(DocumentStories.Seller, organisation.Id, company.Id, type: "invoice")).Id,
        }, cancellationToken: Ct);

        Assert.Equal(("annulled", "СЧ-2026-000001"), (annulled.State, annulled.Number));
        Assert.Equal("СЧ-2026-000002", second.Number);
        Assert.Single(await api.OutboxAsync("documents.document-annulled"), e => e.GetProperty("documentId").GetString() == first.Id);
    }

    [Fact]
    public async Task A_configured_pattern_numbers_the_next_issue_and_a_pattern_without_the_number_is_refused()
    {
        var organisation = await api.OrganisationAsync();
        var company = await api.BuyerAsync(DocumentStories.Seller);
        using var admin = api.Http(People.Administrator);

        using var bad = await admin.PutAsJsonAsync($"/v1/organisations/{organisation.Id}/numbering/invoice", new { pattern = "ДГ-{yyyy}" }, Ct);
        using var good = await admin.PutAsJsonAsync($"/v1/organisations/{organisation.Id}/numbering/invoice", new { pattern = "{yy}/{n:000}-Д" }, Ct);
        using var manager = api.Http(DocumentStories.Seller);
        using var refused = await manager.PutAsJsonAsync($"/v1/organisations/{organisation.Id}/numbering/invoice", new { pattern = "{n}" }, Ct);
        var issued = await api.Documents(DocumentStories.Seller).IssueDocumentAsync(new DocumentActionRequest
        {
            Id = (await api.DraftInvoiceAsync(DocumentStories.Seller, organisation.Id, company.Id, type: "invoice")).Id,
        }, cancellationToken: Ct);

        Assert.Contains("{n}", (await DocumentsApi.BadFieldsAsync(bad))["pattern"]);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("26/001-Д", issued.Number);
    }
}
