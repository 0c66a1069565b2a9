using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Documents.Api.Infrastructure;
using CrmSuite.Documents.Contracts;
using CrmSuite.Documents.Contracts.Events;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Contracts = CrmSuite.Documents.Contracts;

namespace CrmSuite.Documents.Api.Attachments;

/// <summary>The files of records: list, search, read, delete (the bodies are <see cref="FileEndpoints"/>).</summary>
public sealed class AttachmentsService(DocumentsDbContext db, RecordAccess access, TimeProvider clock) : Contracts.Attachments.AttachmentsBase
{
    private const string Entity = "Attachment";
    private const string Newest = "uploaded-desc";
    private const int MaxQueryLength = 200;

    [Authorize(Policy = Permissions.DocumentsRead)]
    public override async Task<ListAttachmentsResponse> ListAttachments(ListAttachmentsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var (type, id) = AttachmentRules.Record(errors, request.RecordType, request.RecordId);
        var size = PageSize.Validate(request.PageSize);
        var after = PageToken.Decode(request.PageToken, Newest);
        errors.ThrowIfAny();
        await EnsureVisibleAsync(type, id, context);
        var query = db.Attachments.AsNoTracking().Where(a => a.RecordType == type && a.RecordId == id && a.DeletedAt == null);
        return await PageAsync(query, after, size, context, checkEach: false);
    }

    [Authorize(Policy = Permissions.DocumentsRead)]
    public override async Task<ListAttachmentsResponse> SearchAttachments(SearchAttachmentsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var words = request.Query.Trim();
        if (words.Length is 0 or > MaxQueryLength)
        {
            errors.Add("query", $"Required: the words to find (at most {MaxQueryLength} characters).");
        }
        var (type, id) = AttachmentRules.Record(errors, request.RecordType, request.RecordId, required: false);
        var size = PageSize.Validate(request.PageSize);
        var after = PageToken.Decode(request.PageToken, Newest);
        errors.ThrowIfAny();
        var query = db.Attachments.AsNoTracking()
            .Where(a => a.DeletedAt == null && a.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("russian", words)));
        if (type.Length > 0)
        {
            await EnsureVisibleAsync(type, id, context);
            query = query.Where(a => a.RecordType == type && a.RecordId == id);
        }
        return await PageAsync(query, after, size, context, checkEach: type.Length == 0);
    }

    [Authorize(Policy = Permissions.DocumentsRead)]
    public override async Task<Contracts.Attachment> GetAttachment(GetAttachmentRequest request, ServerCallContext context) =>
        (await FindVisibleAsync(request.Id, context)).ToMessage();

    [Authorize(Policy = Permissions.DocumentsWrite)]
    public override async Task<Contracts.Attachment> DeleteAttachment(DeleteAttachmentRequest request, ServerCallContext context)
    {
        var found = await FindVisibleAsync(request.Id, context);
        var attachment = await db.Attachments.SingleAsync(a => a.Id == found.Id, context.CancellationToken);
        var http = context.GetHttpContext();
        var now = clock.GetUtcNow();
        var (userId, userName) = RecordAccess.Caller(http);
        attachment.DeletedAt = now;
        attachment.DeletedById = userId;
        attachment.DeletedByName = userName;
        // The bytes stay: auditors see in the log what was removed, by whom, and can still have it restored.
        db.Audit(AuditEvent.From(http, now, "documents.attachment.deleted", "attachment", found.Id.ToString(), before: found.Audited()));
        db.Enqueue(AttachmentDeleted.Topic, new AttachmentDeleted(found.Id, found.RecordType, found.RecordId.ToString(), found.FileName, userId, now), now);
        await db.SaveChangesAsync(context.CancellationToken);
        return found.ToMessage();
    }

    /// <summary>The attachment when it exists, is not deleted and its record is the caller's to see; otherwise 404.</summary>
    private async Task<AttachmentView> FindVisibleAsync(string id, ServerCallContext context)
    {
        var attachmentId = RequestIds.Id("id", id);
        var found = await db.Attachments.AsNoTracking().Where(a => a.Id == attachmentId && a.DeletedAt == null)
            .Select(AttachmentView.Projection).FirstOrDefaultAsync(context.CancellationToken);
        if (found is null || !await access.CanSeeAsync(found.RecordType, found.RecordId, context.GetHttpContext(), context.CancellationToken))
        {
            throw new RecordNotFoundException(Entity, id);
        }
        return found;
    }

    private async Task EnsureVisibleAsync(string type, Guid id, ServerCallContext context)
    {
        if (!await access.CanSeeAsync(type, id, context.GetHttpContext(), context.CancellationToken))
        {
            throw new RecordNotFoundException(type, id.ToString());
        }
    }

    /// <summary>
    /// Newest first, keyset-paged. Across records (a search without one) each row's record is
    /// checked: a page may hold fewer than asked, never a file the caller may not see.
    /// </summary>
    private async Task<ListAttachmentsResponse> PageAsync(IQueryable<Attachment> query, PageToken? after, int size, ServerCallContext context, bool checkEach)
    {
        if (after is { Time: { } time })
        {
            query = query.Where(a => a.UploadedAt < time || (a.UploadedAt == time && a.Id.CompareTo(after.Id) < 0));
        }
        var rows = await query.OrderByDescending(a => a.UploadedAt).ThenByDescending(a => a.Id).Take(size + 1)
            .Select(AttachmentView.Projection).ToListAsync(context.CancellationToken);
        var response = new ListAttachmentsResponse();
        foreach (var row in rows.Take(size))
        {
            if (!checkEach || await access.CanSeeAsync(row.RecordType, row.RecordId, context.GetHttpContext(), context.CancellationToken))
            {
                response.Attachments.Add(row.ToMessage());
            }
        }
        if (rows.Count > size)
        {
            var last = rows[size - 1];
            response.NextPageToken = new PageToken(Newest, null, last.UploadedAt, last.Id).Encode();
        }
        return response;
    }
}
