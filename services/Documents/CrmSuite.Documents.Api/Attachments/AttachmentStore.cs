using System.Security.Cryptography;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Documents.Api.Infrastructure;
using CrmSuite.Documents.Contracts.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Documents.Api.Attachments;

/// <summary>The file is larger than Documents:Uploads:MaxFileBytes (HTTP 413).</summary>
public sealed class FileTooLargeException(string fileName, long limit)
    : Exception($"'{fileName}' is larger than the {limit / (1024 * 1024)} MB ({limit} bytes) a file may be.");

/// <summary>
/// Takes a file in as it streams (into a temporary file: memory stays bounded whatever the size),
/// decides what it is from its bytes, reads its text, and stores it in chunks together with its
/// audit event and integration event, in one transaction. Writes the bytes back out chunk by chunk.
/// </summary>
public sealed class AttachmentStore(DocumentsDbContext db, TextExtractor extractor, IOptions<UploadOptions> options, TimeProvider clock)
{
    public sealed record Upload(string RecordType, Guid RecordId, string FileName, Stream Body);

    public async Task<AttachmentView> SaveAsync(Upload upload, HttpContext caller, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), "crmsuite-upload-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var (size, sha256) = await SpoolAsync(upload, spool, settings.MaxFileBytes, cancellationToken);
        if (size == 0)
        {
            throw new ValidationFailedException("file", $"'{upload.FileName}' is empty: there is nothing to keep.");
        }
        var contentType = await SniffAsync(spool, upload.FileName, cancellationToken);
        var text = extractor.Extract(spool, contentType, settings.MaxTextChars);

        var now = clock.GetUtcNow();
        var (userId, userName) = RecordAccess.Caller(caller);
        var attachment = new Attachment
        {
            Id = Guid.CreateVersion7(now),
            RecordType = upload.RecordType,
            RecordId = upload.RecordId,
            FileName = upload.FileName,
            ContentType = contentType,
            SizeBytes = size,
            ChunkCount = (int)((size + settings.ChunkBytes - 1) / settings.ChunkBytes),
            Sha256 = sha256,
            // PostgreSQL text cannot hold NUL characters.
            Text = text?.Replace("\0", string.Empty, StringComparison.Ordinal),
            UploadedAt = now,
            UploadedById = userId,
            UploadedByName = userName,
        };
        var view = AttachmentView.Of(attachment);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Attachments.Add(attachment);
        db.Audit(AuditEvent.From(caller, now, "documents.attachment.uploaded", "attachment", attachment.Id.ToString(), after: view.Audited()));
        db.Enqueue(AttachmentAdded.Topic, new AttachmentAdded(attachment.Id, attachment.RecordType, attachment.RecordId.ToString(), attachment.FileName,
            contentType, size, userId, now), now);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        spool.Position = 0;
        var buffer = new byte[settings.ChunkBytes];
        for (var index = 0; index < attachment.ChunkCount; index++)
        {
            var read = await spool.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            db.AttachmentChunks.Add(new AttachmentChunk { AttachmentId = attachment.Id, Index = index, Data = buffer[..read] });
            await db.SaveChangesAsync(cancellationToken);
            // One chunk in memory at a time, however large the file.
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(cancellationToken);
        return view;
    }

    /// <summary>
    /// Keeps a file the service made itself (an issued document's PDF) on a record, inside the
    /// caller's open transaction: it commits, or not, with the change it belongs to. Audited and
    /// published like an upload.
    /// </summary>
    public AttachmentView AddGenerated(string recordType, Guid recordId, string fileName, string contentType, byte[] content, string sha256,
        HttpContext caller)
    {
        var settings = options.Value;
        using var text = new MemoryStream(content, writable: false);
        var now = clock.GetUtcNow();
        var (userId, userName) = RecordAccess.Caller(caller);
        var attachment = new Attachment
        {
            Id = Guid.CreateVersion7(now),
            RecordType = recordType,
            RecordId = recordId,
            FileName = fileName,
            ContentType = contentType,
            SizeBytes = content.Length,
            ChunkCount = (content.Length + settings.ChunkBytes - 1) / settings.ChunkBytes,
            Sha256 = sha256,
            Text = extractor.Extract(text, contentType, settings.MaxTextChars)?.Replace("\0", string.Empty, StringComparison.Ordinal),
            UploadedAt = now,
            UploadedById = userId,
            UploadedByName = userName,
        };
        var view = AttachmentView.Of(attachment);
        db.Attachments.Add(attachment);
        for (var index = 0; index < attachment.ChunkCount; index++)
        {
            var start = index * settings.ChunkBytes;
            db.AttachmentChunks.Add(new AttachmentChunk { AttachmentId = attachment.Id, Index = index, Data = content[start..Math.Min(content.Length, start + settings.ChunkBytes)] });
        }
        db.Audit(AuditEvent.From(caller, now, "documents.attachment.uploaded", "attachment", attachment.Id.ToString(), after: view.Audited()));
        db.Enqueue(AttachmentAdded.Topic, new AttachmentAdded(attachment.Id, recordType, recordId.ToString(), fileName, contentType, content.Length, userId, now), now);
        return view;
    }

    /// <summary>Writes the file's bytes to <paramref name="target"/>, one chunk read at a time.</summary>
    public async Task CopyToAsync(AttachmentView attachment, Stream target, CancellationToken cancellationToken)
    {
        for (var index = 0; index < attachment.ChunkCount; index++)
        {
            var i = index;
            var data = await db.AttachmentChunks.AsNoTracking()
                .Where(c => c.AttachmentId == attachment.Id && c.Index == i)
                .Select(c => c.Data)
                .SingleAsync(cancellationToken);
            await target.WriteAsync(data, cancellationToken);
        }
    }

    private static async Task<(long Size, string Sha256)> SpoolAsync(Upload upload, Stream spool, long limit, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await upload.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            size += read;
            if (size > limit)
            {
                throw new FileTooLargeException(upload.FileName, limit);
            }
            hash.AppendData(buffer, 0, read);
            await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        await spool.FlushAsync(cancellationToken);
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<string> SniffAsync(FileStream spool, string fileName, CancellationToken cancellationToken)
    {
        spool.Position = 0;
        var header = new byte[ContentSniffer.HeaderBytes];
        var length = await spool.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var verdict = ContentSniffer.Sniff(header.AsSpan(0, length), fileName);
        if (verdict.ProgramKind is { } program)
        {
            throw new ValidationFailedException("file", $"'{fileName}' is a {program}, not a document: programs are not accepted, whatever their name.");
        }
        if (verdict.ContentType != ContentSniffer.Zip)
        {
            return verdict.ContentType;
        }
        spool.Position = 0;
        return ContentSniffer.ZipKind(spool);
    }
}
