using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Documents.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.IntegrationEvents.Handlers;

/// <summary>
/// The documents service's lifecycle events as rows of the company card's timeline: an invoice
/// issued with its total, sent to an address, paid, signed, annulled with the reason, each naming
/// the document and who acted. Runs inside the inbox's transaction, so a redelivered event writes
/// no second row. The documents service audits the change itself; this is only the card's view of it.
/// </summary>
public sealed class DocumentEventHandlers(ClientsDbContext db, ILogger<DocumentEventHandlers> logger)
{
    public Task<InboxOutcome> HandleAsync(DocumentIssued e, CancellationToken cancellationToken) =>
        AddAsync(e.CompanyId, e.OccurredAt, "document.issued", e.IssuedBy, e.IssuedByName,
            new TimelineDocument { Id = e.DocumentId, Type = e.Type, Number = e.Number, Amount = e.Total, Currency = e.Currency }, cancellationToken);

    public Task<InboxOutcome> HandleAsync(DocumentSent e, CancellationToken cancellationToken) =>
        AddAsync(e.CompanyId, e.OccurredAt, "document.sent", e.SentBy, e.SentByName,
            new TimelineDocument { Id = e.DocumentId, Type = e.Type, Number = e.Number, Detail = e.To }, cancellationToken);

    public Task<InboxOutcome> HandleAsync(InvoicePaid e, CancellationToken cancellationToken) =>
        AddAsync(e.CompanyId, e.OccurredAt, "document.paid", e.ActorId, e.ActorName,
            new TimelineDocument { Id = e.DocumentId, Type = e.Type ?? "invoice", Number = e.Number, Amount = e.Amount, Currency = e.Currency }, cancellationToken);

    public Task<InboxOutcome> HandleAsync(DocumentSigned e, CancellationToken cancellationToken) =>
        AddAsync(e.CompanyId, e.OccurredAt, "document.signed", e.ActorId, e.ActorName,
            new TimelineDocument { Id = e.DocumentId, Type = e.Type, Number = e.Number }, cancellationToken);

    public Task<InboxOutcome> HandleAsync(DocumentAnnulled e, CancellationToken cancellationToken) =>
        AddAsync(e.CompanyId, e.OccurredAt, "document.annulled", e.ActorId, e.ActorName,
            new TimelineDocument { Id = e.DocumentId, Type = e.Type, Number = e.Number, Detail = e.Reason }, cancellationToken);

    private async Task<InboxOutcome> AddAsync(Guid companyId, DateTimeOffset at, string action, string? userId, string? userName,
        TimelineDocument document, CancellationToken cancellationToken)
    {
        // A document always names a company of ours; one that is gone (deleted with its database's
        // restore, say) has no card to show the row on: acknowledged, not retried forever.
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            logger.LogWarning("No company {CompanyId} for {Action} of document {DocumentId}: no timeline row", companyId, action, document.Id);
            return InboxOutcome.Success;
        }
        db.CompanyChanges.Add(new CompanyChange
        {
            Id = Guid.CreateVersion7(at),
            CompanyId = companyId,
            At = at,
            UserId = Limit(userId, 100),
            UserName = Limit(userName, 200),
            Action = action,
            Subject = Limit(document.Number, 300),
            Document = document,
        });
        return InboxOutcome.Success;
    }

    private static string Limit(string? value, int length) => value is null ? string.Empty : value.Length <= length ? value : value[..length];
}
