using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CrmSuite.Documents.Contracts;
using Grpc.Core;
using UglyToad.PdfPig;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>A document from a deal to payment: made from the client's data, issued as a PDF, e-mailed, paid; who sees it.</summary>
public sealed class DocumentLifecycleTests(DocumentsApi api) : IClassFixture<DocumentsApi>
{
    private static CancellationToken Ct => DocumentsApi.Ct;

    [Fact]
    public async Task An_invoice_from_a_deal_has_the_buyers_requisites_the_deals_contact_and_the_price_list_prices()
    {
        var organisation = await api.OrganisationAsync();
        var company = await api.BuyerAsync(DocumentStories.Seller);
        var contact = await api.ContactAsync(DocumentStories.Seller, company.Id, "buh@pokupatel.example");
        var deal = await api.DealAsync(DocumentStories.Seller, company.Id, "150000.00", contact.Id);
        var pump = await api.PricedProductAsync("Насос центробежный", "12500.00");

        var fromDeal = await api.Documents(DocumentStories.Seller).CreateDocumentFromDealAsync(new CreateDocumentFromDealRequest
        {
            DealId = deal.Id, OrganisationId = organisation.Id, Date = "2026-03-01",
            Lines = { new DocumentLineInput { ProductId = pump.Id, Quantity = "2" } },
        }, cancellationToken: Ct);
        var dealOnly = await api.Documents(DocumentStories.Seller).CreateDocumentFromDealAsync(new CreateDocumentFromDealRequest
        {
            DealId = deal.Id, OrganisationId = organisation.Id, Date = "2026-03-01",
        }, cancellationToken: Ct);

        Assert.Equal(("invoice", "draft", company.Id, contact.Id, deal.Id), (fromDeal.Type, fromDeal.State, fromDeal.CompanyId, fromDeal.ContactId, fromDeal.DealId));
        var line = Assert.Single(fromDeal.Lines);
        Assert.Equal(("Насос центробежный", pump.Sku, "шт", "2", "12500.00", "25000.00", "5500.00"), (line.Name, line.Sku, line.Unit, line.Quantity, line.Price, line.Amount, line.VatAmount));
        Assert.Equal(("25000.00", "5500.00", "30500.00"), (fromDeal.Net, fromDeal.Vat, fromDeal.Total));
        // The whole model is kept with the document: the buyer's requisites as the clients service had them.
        using var model = JsonDocument.Parse(fromDeal.ModelJson);
        var buyer = model.RootElement.GetProperty("buyer");
        Assert.Equal(("ООО «Покупатель»", DocumentStories.BuyerInn, DocumentStories.BuyerKpp), (buyer.GetProperty("name").GetString(), buyer.GetProperty("inn").GetString(), buyer.GetProperty("kpp").GetString()));
        Assert.Contains("Льва Толстого", buyer.GetProperty("address").GetString());
        Assert.Equal("7707083893", model.RootElement.GetProperty("seller").GetProperty("inn").GetString());
        Assert.Equal("buh@pokupatel.example", model.RootElement.GetProperty("contact").GetProperty("email").GetString());
        // Without lines: the deal itself, at its amount.
        var dealLine = Assert.Single(dealOnly.Lines);
        Assert.Equal(("Поставка оборудования", "1", "150000.00"), (dealLine.Name, dealLine.Quantity, dealLine.Price));
        Assert.Single(await api.AuditAsync("documents.document.created", fromDeal.Id));
    }

    [Fact]
    public async Task Issuing_keeps_a_readable_PDF_with_the_number_the_buyers_INN_and_the_total_and_its_SHA256()
    {
        var organisation = await api.OrganisationAsync();
        var company = await api.BuyerAsync(DocumentStories.Seller);
        var draft = await api.DraftInvoiceAsync(DocumentStories.Seller, organisation.Id, company.Id);

        using var http = api.Http(DocumentStories.Seller);
        using var response = await http.PostAsJsonAsync($"/v1/documents/{draft.Id}:issue", new { }, Ct);
        var answer = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, answer);
        var issued = Google.Protobuf.JsonParser.Default.Parse<Document>(answer);

        Assert.Equal(("issued", "СЧ-2026-000001"), (issued.State, issued.Number));
        var pdf = await http.GetByteArrayAsync(issued.FileUrl, Ct);
        Assert.Equal(issued.FileSha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("СЧ-2026-000001", compact);
        Assert.Contains(DocumentStories.BuyerInn, compact);
        Assert.Contains("12200,00", compact);
        // The file is the company's too: in its files, with the same hash.
        var files = await new Attachments.AttachmentsClient(api.Grpc(DocumentStories.Seller)).ListAttachmentsAsync(
            new ListAttachmentsRequest { RecordType = "company", RecordId = company.Id }, cancellationToken: Ct);
        Assert.Equal(issued.FileSha256, Assert.Single(files.Attachments, a => a.Id == issued.FileAttachmentId).Sha256);
        var published = Assert.Single(await api.OutboxAsync("documents.document-issued"), e => e.GetProperty("documentId").GetString() == issued.Id);
        Assert.Equal(12200.00m, published.GetProperty("total").GetDecimal());
        Assert.Single(await api.AuditAsync("documents.document.issued", issued.Id));
    }

    [Fact]
    public async Task An_issued_document_cannot_be_edited_and_a_stale_draft_edit_is_a_conflict()
    {
        var organisation = await api.OrganisationAsync();
        var company = await api.BuyerAsync(DocumentStories.Seller);
        var draft = await api.DraftInvoiceAsync(DocumentStories.Seller, organisation.Id, company.Id);
        using var http = api.Http(DocumentStories.Seller);
        var change = new { version = draft.Version, lines = new[] { new { name = "Насос", quantity = "1", price = "5.00" } } };

        using var first = await http.PutAsJsonAsync($"/v1/documents/{draft.Id}", change, Ct);
        using var stale = await http.PutAsJsonAsync($"/v1/documents/{draft.Id}", change, Ct);
        await api.Documents(DocumentStories.Seller).IssueDocumentAsync(new DocumentActionRequest { Id = draft.Id }, cancellationToken: Ct);
        using var afterIssue = await http.PutAsJsonAsync($"/v1/documents/{draft.Id}", new { lines = change.lines }, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var fields = await DocumentsApi.BadFieldsAsync(afterIssue);
        Assert.Contains("issued", fields["state"]);
        var kept = await api.Documents(DocumentStories.Seller).GetDocumentAsync(new GetDocumentRequest { Id = draft.Id }, cancellationToken: Ct);
        Assert.Equal(("issued", "6.10"), (kept.State, kept.Total));
    }

    [Fact]
    public async Task A_paid_invoice_publishes_invoice_paid_with_its_amount_in_the_same_transaction()
    {
        var organisation = await api.OrganisationAsync();
        var company = await api.BuyerAsync(DocumentStories.Seller);
        var deal = await api.DealAsync(DocumentStories.Seller, company.Id, "12200.00");
        var documents = api.Documents(DocumentStories.Seller);
        var draft = await documents.CreateDocumentFromDealAsync(new CreateDocumentFromDealRequest
        {
            DealId = deal.Id, OrganisationId = organisation.Id, Date = "2026-03-01",
            Lines = { new DocumentLineInput { Name = "Насос центробежный", Quantity = "10", Price = "1000.00" } },
        }, cancellationToken: Ct);
        var issued = await documents.IssueDocumentAsync(new DocumentActionRequest { Id = draft.Id }, cancellationToken: Ct);

        var paid = await documents.MarkDocumentPaidAsync(new MarkDocumentPaidRequest { Id = issued.Id, PaidOn = "2026-03-05" }, cancellationToken: Ct);
        var again = await Assert.ThrowsAsync<RpcException>(() => documents.MarkDocumentPaidAsync(new MarkDocumentPaidRequest { Id = issued.Id }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(("paid", "2026-03-05"), (paid.State, paid.PaidOn));
        var events = (await api.OutboxAsync("documents.invoice-paid")).Where(e => e.GetProperty("documentId").GetString() == issued.Id).ToList();
        var paidEvent = Assert.Single(events);
        Assert.Equal(12200.00m, paidEvent.GetProperty("amount").GetDecimal());
        Assert.Equal(("RUB", company.Id, deal.Id, DocumentStories.Seller.Id, "2026-03-05"), (paidEvent.GetProperty("currency").GetString(),
            paidEvent.GetProperty("companyId").GetString(), paidEvent.GetProperty("dealId").GetString(), paidEvent.GetProperty("ownerUserId").GetString(),
            paidEvent.GetProperty("paidOn").GetString()));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Single(await api.AuditAsync("documents.document.paid", issued.Id));
    }

    [Fact]
    public async Task Sending_e_mails_the_PDF_to_the_deals_contact_records_the_message_and_the_document_is_sent()
    {
        var organisation = await api.OrganisationAsync();
        var company = await api.BuyerAsync(DocumentStories.Seller);
        var contact = await api.ContactAsync(DocumentStories.Seller, company.Id, "buh@pokupatel.example");
        var deal = await api.DealAsync(DocumentStories.Seller, company.Id, "12200.00", contact.Id);
        var documents = api.Documents(DocumentStories.Seller);
        var draft = await documents.CreateDocumentFromDealAsync(new CreateDocumentFromDealRequest { DealId = deal.Id, OrganisationId = organisation.Id, Date = "2026-03-01" }, cancellationToken: Ct);
        var issued = await documents.IssueDocumentAsync(new DocumentActionRequest { Id = draft.Id }, cancellationToken: Ct);

        var sent = await documents.SendDocumentAsync(new SendDocumentRequest { Id = issued.Id }, cancellationToken: Ct);

        Assert.Equal("sent", sent.State);
        var record = Assert.Single(sent.Emails);
        Assert.Equal(("buh@pokupatel.example", $"{issued.Number} от 01.03.2026"), (record.To, record.Subject));
        var message = Assert.Single(api.Smtp.Messages, m => m.MessageId == record.MessageId);
        Assert.Equal("buh@pokupatel.example", message.To.Mailboxes.Single().Address);
        var attached = Assert.Single(message.Attachments.OfType<MimeKit.MimePart>());
        using var bytes = new MemoryStream();
        await attached.Content!.DecodeToAsync(bytes, Ct);
        Assert.Equal(issued.FileSha256, Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));
        Assert.Equal("application/pdf", attached.ContentType.MimeType);
        Assert.Single(await api.OutboxAsync("documents.document-sent"), e => e.GetProperty("documentId").GetString() == issued.Id);
        Assert.Single(await api.AuditAsync("documents.document.sent", issued.Id));
    }

    [Fact]
    public async Task A_manager_of_another_team_neither_sees_nor_makes_documents_of_a_company_they_cannot_see()
    {
        var organisation = await api.OrganisationAsync();
        var annasCompany = await api.BuyerAsync(DocumentStories.Seller);
        var draft = await api.DraftInvoiceAsync(DocumentStories.Seller, organisation.Id, annasCompany.Id);
        using var oleg = api.Http(DocumentStories.OtherTeam);

        using var get = await oleg.GetAsync($"/v1/documents/{draft.Id}", Ct);
        using var list = await oleg.GetAsync($"/v1/documents?companyId={annasCompany.Id}", Ct);
        using var issue = await oleg.PostAsJsonAsync($"/v1/documents/{draft.Id}:issue", new { }, Ct);
        using var create = await oleg.PostAsJsonAsync("/v1/documents", new
        {
            type = "invoice", organisationId = organisation.Id, companyId = annasCompany.Id, lines = new[] { new { name = "Насос", quantity = "1", price = "5.00" } },
        }, Ct);
        var everything = await api.Documents(DocumentStories.OtherTeam).ListDocumentsAsync(new ListDocumentsRequest { PageSize = 100 }, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, issue.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.DoesNotContain(everything.Documents, d => d.CompanyId == annasCompany.Id);
        Assert.Equal("draft", (await api.Documents(DocumentStories.Seller).GetDocumentAsync(new GetDocumentRequest { Id = draft.Id }, cancellationToken: Ct)).State);
    }
}
