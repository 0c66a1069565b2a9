using System.Globalization;
using System.Linq.Expressions;
using Google.Protobuf;
using Contracts = CrmSuite.Documents.Contracts;

namespace CrmSuite.Documents.Api.Attachments;

/// <summary>An attachment as lists and answers show it: everything but its text.</summary>
public sealed record AttachmentView(Guid Id, string RecordType, Guid RecordId, string FileName, string ContentType, long SizeBytes, int ChunkCount,
    string Sha256, bool HasText, DateTimeOffset UploadedAt, string UploadedById, string UploadedByName)
{
    public static readonly Expression<Func<Attachment, AttachmentView>> Projection = a => new AttachmentView(
        a.Id, a.RecordType, a.RecordId, a.FileName, a.ContentType, a.SizeBytes, a.ChunkCount, a.Sha256, a.Text != null,
        a.UploadedAt, a.UploadedById, a.UploadedByName);

    public static AttachmentView Of(Attachment a) => new(a.Id, a.RecordType, a.RecordId, a.FileName, a.ContentType, a.SizeBytes, a.ChunkCount,
        a.Sha256, a.Text is not null, a.UploadedAt, a.UploadedById, a.UploadedByName);
}

public static class AttachmentMapping
{
    /// <summary>proto3 JSON with every field, as the transcoded REST answers are read.</summary>
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static Contracts.Attachment ToMessage(this AttachmentView a) => new()
    {
        Id = a.Id.ToString(),
        RecordType = a.RecordType,
        RecordId = a.RecordId.ToString(),
        FileName = a.FileName,
        ContentType = a.ContentType,
        SizeBytes = a.SizeBytes,
        UploadedAt = a.UploadedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        UploadedById = a.UploadedById,
        UploadedByName = a.UploadedByName,
        HasText = a.HasText,
        DownloadUrl = FileEndpoints.FileUrl(a.Id),
        PreviewUrl = ContentSniffer.CanPreview(a.ContentType) ? FileEndpoints.FileUrl(a.Id) + "?inline=true" : string.Empty,
        Sha256 = a.Sha256,
    };

    public static string ToJson(this Contracts.Attachment message) => Json.Format(message);

    /// <summary>What the audit log keeps of a file (no text, no bytes).</summary>
    public static object Audited(this AttachmentView a) => new
    {
        a.RecordType, RecordId = a.RecordId.ToString(), a.FileName, a.ContentType, a.SizeBytes, a.Sha256,
    };
}
