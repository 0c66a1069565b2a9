using System.Collections.Concurrent;
using System.Security.Cryptography;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Documents.Api.Attachments;
using CrmSuite.Documents.Api.Mail;
using CrmSuite.Documents.Api.Money;
using CrmSuite.Documents.Api.Templates;
using CrmSuite.Documents.Contracts;
using CrmSuite.Documents.Contracts.Events;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Contracts = CrmSuite.Documents.Contracts;

namespace CrmSuite.Documents.Api.Documents;

/// <summary>draft → issued → sent → paid / signed; issued or sent → annulled. Each step audited, with its event, in one transaction.</summary>
public sealed partial class DocumentsService
{
    // Issues of one organisation, type and year queue on their counter row for the time of one
    // render. They queue here, one at a time per counter in this replica, rather than in open
    // transactions: a burst (200 at once in the numbering test) neither holds every pooled database
    // connection nor runs into the command timeout waiting for the row lock. Across replicas the
    // row lock still orders them.
    private static readonly ConcurrentDictionary<(Guid, string, int), SemaphoreSlim> CounterGates = new();

    // And at most this many issues of a replica at once ask the clients service and render.
    private static readonly SemaphoreSlim IssueGate = new(8);

    [Authorize(Policy = Permissions.DocumentsWrite)]
    public override async Task<Contracts.Document> IssueDocument(DocumentActionRequest request, ServerCallContext context)
    {
        await IssueGate.WaitAsync(context.CancellationToken);
        try
        {
            var visible = await FindVisibleAsync(request.Id, context, track: false);
            var gate = CounterGates.GetOrAdd((visible.OrganisationId, visible.Type, visible.Date.Year), _ => new SemaphoreSlim(1));
            await gate.WaitAsync(context.CancellationToken);
            try
            {
                return await IssueAsync(request, visible, context);
            }
            finally
            {
                gate.Release();
            }
        }
        finally
        {
            IssueGate.Release();
        }
    }

    private async Task<Contracts.Document> IssueAsync(DocumentActionRequest request, Document visible, ServerCallContext context)
    {
        var version = RequestIds.Version(request.Version);
        var http = context.GetHttpContext();
        var cancellationToken = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The row lock makes a second Issue of the same draft wait, then see it issued.
        var document = (await db.Documents.FromSql($"SELECT *, xmin FROM documents WHERE id = {visible.Id} FOR UPDATE").ToListAsync(cancellationToken)).Single();
        Concurrency.CheckVersion(Entity, request.Id, document.Version, version);
        EnsureState(document, "issued", DocumentState.Draft);

        // From here to the commit the counter row is locked: issues of this type and year queue.
        var pattern = await DocumentNumbering.PatternAsync(db, document.OrganisationId, document.Type, cancellationToken);
        var sequence = await DocumentNumbering.NextAsync(db, document.OrganisationId, document.Type, document.Date.Year, cancellationToken);
        var number = DocumentNumbering.Format(pattern, document.Date.Year, sequence);
        var model = DocumentModelBuilder.Deserialize(document.ModelJson) with { Number = number };
        if (document.Type == DocumentTypes.Invoice)
        {
            // The payment code carries the number: made now, printed on the invoice (none for another currency than RUB).
            model = model with { PaymentQr = PaymentQr.ForDocument(model) };
        }
        // A template error is a 400 naming the line; the transaction rolls back and the number is not used.
        var file = await renderer.RenderAsync(TemplateOf(document), model, cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content));
        var fileName = AttachmentRules.FileName(file.FileName) ?? $"{number}.pdf";
        var stored = files.AddGenerated(AttachmentRules.Company, document.CompanyId, fileName, file.ContentType, file.Content, sha256, http);

        var now = clock.GetUtcNow();
        var before = document.Audited();
        document.State = DocumentState.Issued;
        document.Number = number;
        document.Sequence = sequence;
        document.ModelJson = DocumentModelBuilder.Serialize(model);
        document.FileAttachmentId = stored.Id;
        document.FileSha256 = sha256;
        document.IssuedAt = now;
        document.UpdatedAt = now;
        var userId = http.User.UserId() ?? "anonymous";
        db.Audit(AuditEvent.From(http, now, "documents.document.issued", "document", document.Id.ToString(), before: before, after: document.Audited()));
        db.Enqueue(DocumentIssued.Topic, new DocumentIssued(document.Id, document.Type, number, document.OrganisationId, document.CompanyId, document.DealId,
            document.Total, document.Currency, sha256, userId, now, http.User.FindFirst(CrmClaims.Name)?.Value), now);
        await db.SaveChangesOrConflictAsync(Entity, request.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await ToMessageAsync(document, context);
    }

    [Authorize(Policy = Permissions.DocumentsWrite)]
    public override async Task<Contracts.Document> SendDocument(SendDocumentRequest request, ServerCallContext context)
    {
        var version = RequestIds.Version(request.Version);
        var document = await FindVisibleAsync(request.Id, context, track: true);
        Concurrency.CheckVersion(Entity, request.Id, document.Version, version);
        EnsureState(document, "sent", DocumentState.Issued, DocumentState.Sent, DocumentState.Paid, DocumentState.Signed);
        var to = request.To.Trim();
        if (to.Length == 0)
        {
            to = document.ContactEmail ?? throw new ValidationFailedException("to",
                "The document's contact has no e-mail address: give the address to send to.");
        }
        if (!MimeKit.MailboxAddress.TryParse(to, out var mailbox) || mailbox.Address.Length > 320 || !mailbox.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new ValidationFailedException("to", "Must be an e-mail address.");
        }
        var subject = request.Subject.Trim();
        if (subject.Length > 300)
        {
            throw new ValidationFailedException("subject", "At most 300 characters.");
        }
        var english = DocumentTypes.Language(document.Type) == "en";
        if (subject.Length == 0)
        {
            subject = english ? $"{document.Number} of {document.Date:dd.MM.yyyy}" : $"{document.Number} от {document.Date:dd.MM.yyyy}";
        }
        var attachment = await db.Attachments.AsNoTracking().Where(a => a.Id == document.FileAttachmentId).Select(AttachmentView.Projection)
            .SingleAsync(context.CancellationToken);
        using var content = new MemoryStream();
        await files.CopyToAsync(attachment, content, context.CancellationToken);
        var http = context.GetHttpContext();
        var now = clock.GetUtcNow();
        var email = new DocumentEmail
        {
            Id = Guid.CreateVersion7(now), DocumentId = document.Id, To = mailbox.Address, Subject = subject, SentAt = now,
            MessageId = $"{Guid.CreateVersion7(now):N}@crmsuite.documents",
            SentById = http.User.UserId() ?? "anonymous", SentByName = http.User.FindFirst(CrmClaims.Name)?.Value ?? string.Empty,
        };
        var body = request.Message.Trim() is { Length: > 0 } message ? message
            : english ? $"Please find {document.Number} attached." : $"Добрый день! Во вложении {document.Number}.";
        // Sent before the save: a message is recorded only when the mail server took it.
        await mailer.SendAsync(new OutgoingMail(mailbox.Address, subject, body, attachment.FileName, attachment.ContentType, content.ToArray(), email.MessageId),
            context.CancellationToken);

        var before = document.Audited();
        // Added explicitly: a new row with its key already set would otherwise be taken for an existing one.
        db.DocumentEmails.Add(email);
        if (document.State == DocumentState.Issued)
        {
            document.State = DocumentState.Sent;
        }
        document.SentAt = now;
        document.UpdatedAt = now;
        db.Audit(AuditEvent.From(http, now, "documents.document.sent", "document", document.Id.ToString(), before: before, after: document.Audited(),
            details: new { email.To, email.Subject, email.MessageId }));
        db.Enqueue(DocumentSent.Topic, new DocumentSent(document.Id, document.Type, document.Number!, document.CompanyId, document.DealId, email.To,
            email.SentById, now, email.SentByName), now);
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken);
        return await ToMessageAsync(document, context);
    }

    [Authorize(Policy = Permissions.DocumentsWrite)]
    public override async Task<Contracts.Document> MarkDocumentPaid(MarkDocumentPaidRequest request, ServerCallContext context)
    {
        var version = RequestIds.Version(request.Version);
        var errors = new FieldErrors();
        var paidOn = DocumentDrafts.Day(errors, "paid_on", request.PaidOn) ?? drafts.Today;
        errors.ThrowIfAny();
        var document = await FindVisibleAsync(request.Id, context, track: true);
        Concurrency.CheckVersion(Entity, request.Id, document.Version, version);
        if (!DocumentTypes.IsInvoice(document.Type))
        {
            throw new StateConflictException("type", $"Only an invoice is paid; a {document.Type} is signed.");
        }
        EnsureState(document, "marked paid", DocumentState.Issued, DocumentState.Sent);
        if (paidOn < document.Date)
        {
            throw new ValidationFailedException("paid_on", "Must not be before the invoice's date.");
        }
        return await ChangeStateAsync(document, request.Id, context, DocumentState.Paid, "paid", d => d.PaidOn = paidOn, (d, now, actor) =>
            db.Enqueue(InvoicePaid.Topic, new InvoicePaid(d.Id, d.Number!, d.CompanyId, d.DealId, d.OwnerUserId, d.Total, d.Currency, paidOn, now,
                d.Type, actor.Id, actor.Name), now));
    }

    [Authorize(Policy = Permissions.DocumentsWrite)]
    public override async Task<Contracts.Document> MarkDocumentSigned(DocumentActionRequest request, ServerCallContext context)
    {
        var version = RequestIds.Version(request.Version);
        var document = await FindVisibleAsync(request.Id, context, track: true);
        Concurrency.CheckVersion(Entity, request.Id, document.Version, version);
        if (DocumentTypes.IsInvoice(document.Type))
        {
            throw new StateConflictException("type", "An invoice is paid, not signed.");
        }
        EnsureState(document, "marked signed", DocumentState.Issued, DocumentState.Sent);
        return await ChangeStateAsync(document, request.Id, context, DocumentState.Signed, "signed", d => d.SignedAt = clock.GetUtcNow(), (d, now, actor) =>
            db.Enqueue(DocumentSigned.Topic, new DocumentSigned(d.Id, d.Type, d.Number!, d.CompanyId, d.DealId, now, actor.Id, actor.Name), now));
    }

    [Authorize(Policy = Permissions.DocumentsWrite)]
    public override async Task<Contracts.Document> AnnulDocument(AnnulDocumentRequest request, ServerCallContext context)
    {
        var version = RequestIds.Version(request.Version);
        var reason = request.Reason.Trim();
        if (reason.Length is 0 or > 1000)
        {
            throw new ValidationFailedException("reason", "Required: why the document is annulled (at most 1000 characters).");
        }
        var document = await FindVisibleAsync(request.Id, context, track: true);
        Concurrency.CheckVersion(Entity, request.Id, document.Version, version);
        EnsureState(document, "annulled", DocumentState.Issued, DocumentState.Sent);
        // The number stays the document's: numbering has no gaps, an annulled invoice is still counted.
        return await ChangeStateAsync(document, request.Id, context, DocumentState.Annulled, "annulled", d =>
        {
            d.AnnulledAt = clock.GetUtcNow();
            d.AnnulReason = reason;
        }, (d, now, actor) => db.Enqueue(DocumentAnnulled.Topic,
            new DocumentAnnulled(d.Id, d.Type, d.Number!, d.CompanyId, d.DealId, reason, now, actor.Id, actor.Name), now));
    }

    private async Task<Contracts.Document> ChangeStateAsync(Document document, string id, ServerCallContext context, DocumentState state, string verb,
        Action<Document> change, Action<Document, DateTimeOffset, (string Id, string? Name)> publish)
    {
        var http = context.GetHttpContext();
        var now = clock.GetUtcNow();
        var before = document.Audited();
        document.State = state;
        change(document);
        document.UpdatedAt = now;
        db.Audit(AuditEvent.From(http, now, "documents.document." + verb, "document", document.Id.ToString(), before: before, after: document.Audited()));
        // Who acted, by name too: the company card's timeline shows the event as it came.
        publish(document, now, (http.User.UserId() ?? "anonymous", http.User.FindFirst(CrmClaims.Name)?.Value));
        await db.SaveChangesOrConflictAsync(Entity, id, context.CancellationToken);
        return await ToMessageAsync(document, context);
    }

    /// <summary>The document's template, or the built-in one of its type.</summary>
    private static Guid TemplateOf(Document document) => document.TemplateId ?? BuiltInTemplates.ForType(document.Type)
        ?? throw new StateConflictException("template_id", $"There is no built-in template for a {document.Type} yet: choose a template for the draft.");
}
