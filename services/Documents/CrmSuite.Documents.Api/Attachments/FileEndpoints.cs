using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Documents.Api.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CrmSuite.Documents.Api.Attachments;

/// <summary>
/// The file bodies, as plain HTTP with the same bearer token as the rest of the API: gRPC JSON
/// transcoding would hold a whole body in memory, these stream. Upload: POST /v1/files with the raw
/// bytes as the body (any Content-Type; it is ignored). Download: GET /v1/files/{id}, inline for a
/// preview with ?inline=true (images and PDF only).
/// </summary>
public static class FileEndpoints
{
    public const string Route = "/v1/files";

    public static bool IsFileRequest(HttpContext context) => context.Request.Path.StartsWithSegments(Route, StringComparison.Ordinal);

    public static string FileUrl(Guid id) => $"{Route}/{id}";

    public static void MapFileEndpoints(this WebApplication app)
    {
        app.MapPost(Route, UploadAsync).RequireAuthorization(Permissions.DocumentsWrite);
        app.MapGet(Route + "/{id}", DownloadAsync).RequireAuthorization(Permissions.DocumentsRead);
    }

    private static async Task<IResult> UploadAsync(HttpContext http, AttachmentStore store, RecordAccess access, IOptions<UploadOptions> options,
        [FromQuery(Name = "record_type")] string? recordType, [FromQuery(Name = "record_id")] string? recordId, [FromQuery(Name = "file_name")] string? fileName)
    {
        var limit = options.Value.MaxFileBytes;
        var name = AttachmentRules.FileName(fileName) ?? AttachmentRules.FileName(ContentDispositionName(http));
        try
        {
            var errors = new FieldErrors();
            var record = AttachmentRules.Record(errors, recordType ?? string.Empty, recordId ?? string.Empty);
            if (name is null)
            {
                errors.Add("file_name", $"Required: the file's name (at most {AttachmentRules.MaxFileNameLength} characters), as ?file_name=.");
            }
            errors.ThrowIfAny();
            if (http.Request.ContentLength > limit)
            {
                throw new FileTooLargeException(name!, limit);
            }
            if (!await access.CanSeeAsync(record.Type, record.Id, http, http.RequestAborted))
            {
                return NotFound($"The {record.Type} '{record.Id}' was not found.");
            }
            // Kestrel's own limit (30 MB by default) becomes the configured one for this request.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            {
                bodyLimit.MaxRequestBodySize = limit + 1;
            }
            var saved = await store.SaveAsync(new AttachmentStore.Upload(record.Type, record.Id, name!, http.Request.Body), http, http.RequestAborted);
            return Results.Content(saved.ToMessage().ToJson(), "application/json", statusCode: StatusCodes.Status201Created);
        }
        catch (ValidationFailedException e)
        {
            return Results.ValidationProblem(e.Errors.GroupBy(x => Camel(x.Field)).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray()),
                title: "One or more fields are invalid.");
        }
        catch (FileTooLargeException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large.", detail: e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large.",
                detail: new FileTooLargeException(name ?? "file", limit).Message);
        }
        catch (RpcException e)
        {
            return Unanswered(e);
        }
    }

    private static async Task<IResult> DownloadAsync(string id, HttpContext http, DocumentsDbContext db, AttachmentStore store, RecordAccess access,
        OutboxGroupWriter<DocumentsDbContext> audit, TimeProvider clock, [FromQuery] bool? inline)
    {
        if (!Guid.TryParse(id, out var attachmentId))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [RequestIds.NotAnId] });
        }
        var attachment = await db.Attachments.AsNoTracking().Where(a => a.Id == attachmentId && a.DeletedAt == null)
            .Select(AttachmentView.Projection).FirstOrDefaultAsync(http.RequestAborted);
        try
        {
            if (attachment is null || !await access.CanSeeAsync(attachment.RecordType, attachment.RecordId, http, http.RequestAborted))
            {
                return NotFound($"File '{id}' was not found.");
            }
        }
        catch (RpcException e)
        {
            return Unanswered(e);
        }
        var preview = inline == true && ContentSniffer.CanPreview(attachment.ContentType);
        // Every download is audited, durably, before the first byte leaves.
        await audit.AuditReadAsync(http, clock, preview ? "documents.attachment.previewed" : "documents.attachment.downloaded", "attachment",
            attachment.Id.ToString(), attachment.Audited(), http.RequestAborted);

        var disposition = new ContentDispositionHeaderValue(preview ? "inline" : "attachment");
        disposition.SetHttpFileName(attachment.FileName);
        var response = http.Response;
        response.ContentType = attachment.ContentType;
        response.ContentLength = attachment.SizeBytes;
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, no-store";
        response.Headers.ETag = $"\"{attachment.Sha256}\"";
        await store.CopyToAsync(attachment, response.Body, http.RequestAborted);
        return Results.Empty;
    }

    private static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);

    private static IResult Unanswered(RpcException e) => Results.Problem(
        statusCode: e.StatusCode == StatusCode.Unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status503ServiceUnavailable,
        title: e.StatusCode == StatusCode.Unauthenticated ? "Sign-in is required." : "Try again shortly.",
        detail: e.Status.Detail);

    private static string? ContentDispositionName(HttpContext http) =>
        ContentDispositionHeaderValue.TryParse(http.Request.Headers.ContentDisposition.ToString(), out var value)
            ? (value.FileNameStar.HasValue ? value.FileNameStar.Value : value.FileName.Value?.Trim('"'))
            : null;

    /// <summary>record_type → recordType, as the transcoded REST answers name fields.</summary>
    private static string Camel(string snake) =>
        string.Concat(snake.Split('_').Select((part, i) => i == 0 || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
