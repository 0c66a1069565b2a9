using System.Net;
using System.Text;
using System.Text.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Documents.Contracts.Events;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// The documents service's lifecycle events, posted to the clients service's subscription endpoints
/// as the pub/sub emulator (and Dapr's sidecar) posts them: each becomes one row on the company
/// card's timeline that names the document, what happened and who did it; a redelivery writes nothing.
/// </summary>
public sealed class DocumentTimelineTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Issued = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_issued_invoice_shows_once_on_its_company_timeline_even_when_the_event_comes_twice()
    {
        var company = await api.CreateCompanyAsync("ООО «Счёт в истории»");
        var documentId = Guid.NewGuid();
        var issued = new DocumentIssued(documentId, "invoice", "СЧ-2026-000001", Guid.NewGuid(), Guid.Parse(company.Id), Guid.NewGuid(),
            12000.00m, "RUB", new string('a', 64), "user-anna", Issued, "Анна Бухгалтер");

        var first = await DeliverAsync("/events/document-issued", "issued-" + documentId, issued);
        var again = await DeliverAsync("/events/document-issued", "issued-" + documentId, issued);

        Assert.Equal(("SUCCESS", "SUCCESS"), (first, again));
        var row = Assert.Single(await DocumentRowsAsync(company.Id));
        Assert.Equal(("document.issued", documentId.ToString(), "invoice", "СЧ-2026-000001", "12000.00", "RUB"),
            (row.Action, row.DocumentId, row.DocumentType, row.DocumentNumber, row.DocumentAmount, row.DocumentCurrency));
        Assert.Equal(("user-anna", "Анна Бухгалтер", Issued), (row.UserId, row.UserName, row.At.ToDateTimeOffset()));
    }

    [Fact]
    public async Task Sending_paying_and_annulling_each_write_one_row_saying_to_whom_how_much_and_why()
    {
        var company = await api.CreateCompanyAsync("ООО «Жизнь счёта»");
        var companyId = Guid.Parse(company.Id);
        var invoice = Guid.NewGuid();
        var contract = Guid.NewGuid();

        await DeliverAsync("/events/document-sent", "sent-" + invoice,
            new DocumentSent(invoice, "invoice", "СЧ-2026-000002", companyId, null, "buyer@example.com", "user-anna", Issued.AddHours(1), "Анна Бухгалтер"));
        await DeliverAsync("/events/invoice-paid", "paid-" + invoice,
            new InvoicePaid(invoice, "СЧ-2026-000002", companyId, null, "user-owner", 12000.50m, "RUB", new DateOnly(2026, 3, 5), Issued.AddDays(3),
                "invoice", "user-anna", "Анна Бухгалтер"));
        await DeliverAsync("/events/document-signed", "signed-" + contract,
            new DocumentSigned(contract, "contract", "ДГ-2026-0001", companyId, null, Issued.AddDays(4), "user-boris", "Борис Директор"));
        await DeliverAsync("/events/document-annulled", "annulled-" + contract,
            new DocumentAnnulled(contract, "contract", "ДГ-2026-0001", companyId, null, "Клиент отказался", Issued.AddDays(5), "user-boris", "Борис Директор"));
        // A redelivery of each writes nothing more.
        await DeliverAsync("/events/invoice-paid", "paid-" + invoice,
            new InvoicePaid(invoice, "СЧ-2026-000002", companyId, null, "user-owner", 12000.50m, "RUB", new DateOnly(2026, 3, 5), Issued.AddDays(3)));
        await DeliverAsync("/events/document-annulled", "annulled-" + contract,
            new DocumentAnnulled(contract, "contract", "ДГ-2026-0001", companyId, null, "Клиент отказался", Issued.AddDays(5)));

        var rows = await DocumentRowsAsync(company.Id);

        Assert.Equal(
        [
            ("document.annulled", contract.ToString(), "ДГ-2026-0001", "", "Клиент отказался", "Борис Директор"),
            ("document.signed", contract.ToString(), "ДГ-2026-0001", "", "", "Борис Директор"),
            ("document.paid", invoice.ToString(), "СЧ-2026-000002", "12000.50", "", "Анна Бухгалтер"),
            ("document.sent", invoice.ToString(), "СЧ-2026-000002", "", "buyer@example.com", "Анна Бухгалтер"),
        ], rows.Select(r => (r.Action, r.DocumentId, r.DocumentNumber, r.DocumentAmount, r.DocumentDetail, r.UserName)));
        Assert.Equal("invoice", rows.Single(r => r.Action == "document.paid").DocumentType);
    }

    [Fact]
    public async Task An_event_written_before_the_actor_was_added_still_makes_its_row()
    {
        var company = await api.CreateCompanyAsync("ООО «Старое событие»");
        var invoice = Guid.NewGuid();
        // The invoice-paid event as the documents service wrote it before the type and the actor were added.
        var old = new { documentId = invoice, number = "СЧ-2026-000003", companyId = company.Id, dealId = (Guid?)null, ownerUserId = "user-owner",
            amount = 500m, currency = "RUB", paidOn = "2026-03-05", occurredAt = Issued };

        Assert.Equal("SUCCESS", await DeliverAsync("/events/invoice-paid", "old-paid-" + invoice, old));

        var row = Assert.Single(await DocumentRowsAsync(company.Id));
        Assert.Equal(("document.paid", "invoice", "СЧ-2026-000003", "500", ""), (row.Action, row.DocumentType, row.DocumentNumber, row.DocumentAmount, row.UserName));
    }

    [Fact]
    public async Task An_event_about_a_company_the_service_does_not_have_is_acknowledged_and_writes_nothing()
    {
        var unknown = Guid.NewGuid();
        var status = await DeliverAsync("/events/document-signed", "signed-" + unknown,
            new DocumentSigned(Guid.NewGuid(), "act", "АКТ-2026-000001", unknown, null, Issued));

        Assert.Equal("SUCCESS", status);
        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM company_changes WHERE company_id = @id", connection);
        count.Parameters.AddWithValue("id", unknown);
        Assert.Equal(0L, await count.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task The_document_subscriptions_are_announced_to_the_sidecar()
    {
        var json = await api.Anonymous.GetStringAsync("/dapr/subscribe", Ct);
        foreach (var topic in new[] { DocumentIssued.Topic, DocumentSent.Topic, InvoicePaid.Topic, DocumentSigned.Topic, DocumentAnnulled.Topic })
        {
            Assert.Contains($"\"{topic}\"", json);
        }
    }

    private async Task<List<CompanyChange>> DocumentRowsAsync(string companyId)
    {
        var page = await api.Grpc.ListCompanyChangesAsync(new ListCompanyChangesRequest { CompanyId = companyId, PageSize = 50 }, cancellationToken: Ct);
        return [.. page.Changes.Where(c => c.Action.StartsWith("document.", StringComparison.Ordinal))];
    }

    /// <summary>Posts what the sidecar posts: a CloudEvents 1.0 envelope around the event; answers Dapr's status.</summary>
    private async Task<string> DeliverAsync(string route, string eventId, object data)
    {
        var envelope = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = eventId,
            ["source"] = "documents",
            ["type"] = "com.dapr.event.sent",
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        }, ClientsApi.Json);
        using var content = new StringContent(envelope, Encoding.UTF8, "application/cloudevents+json");
        using var response = await api.Anonymous.PostAsync(route, content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await api.ReadJsonAsync(response)).GetProperty("status").GetString()!;
    }
}
