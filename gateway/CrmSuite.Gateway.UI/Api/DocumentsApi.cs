using System.Text.Json;
using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using Google.Protobuf;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Files on records and our organisations' requisites (the documents service) as the staff UI uses
/// them. Lists, search, delete and the requisites go over gRPC with the person's token; the file
/// bodies go from the browser through the gateway's <c>/files</c> routes, which stream them to the
/// service with the same token (gateway: SessionAccessTokenTransforms). Each call answers its result,
/// or <c>null</c> with the reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class DocumentsApi(Attachments.AttachmentsClient attachments, Organisations.OrganisationsClient organisations)
{
    /// <summary>The largest file: the documents service's Documents:Uploads:MaxFileBytes and the gateway route's MaxRequestBodySize (change all together).</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>Where the browser posts a file (?record_type=&amp;record_id=&amp;file_name=), relative to the page's base.</summary>
    public const string UploadUrl = "files";

    public const int PageSize = 50;

    public static string DownloadUrl(Attachment file) => $"files/{Uri.EscapeDataString(file.Id)}";

    /// <summary>Shown in the browser (images and PDF); empty when the file can only be downloaded.</summary>
    public static string PreviewUrl(Attachment file) => file.PreviewUrl.Length == 0 ? "" : DownloadUrl(file) + "?inline=true";

    public static bool IsImage(Attachment file) => file.ContentType.StartsWith("image/", StringComparison.Ordinal);

    public Task<ListAttachmentsResponse?> ListFilesAsync(string recordType, string recordId, string pageToken, ErrorState errors,
        CancellationToken cancellationToken = default) =>
        ServiceCall.RunAsync(attachments.ListAttachmentsAsync(new ListAttachmentsRequest
        {
            RecordType = recordType, RecordId = recordId, PageSize = PageSize, PageToken = pageToken,
        }, cancellationToken: cancellationToken), errors, cancellationToken);

    /// <summary>Files whose name or text has the words: within one record, or (no record) everywhere the person sees.</summary>
    public Task<ListAttachmentsResponse?> SearchFilesAsync(string query, string recordType, string recordId, string pageToken, ErrorState errors,
        CancellationToken cancellationToken = default) =>
        ServiceCall.RunAsync(attachments.SearchAttachmentsAsync(new SearchAttachmentsRequest
        {
            Query = query, RecordType = recordType, RecordId = recordId, PageSize = PageSize, PageToken = pageToken,
        }, cancellationToken: cancellationToken), errors, cancellationToken);

    public async Task<bool> DeleteFileAsync(Attachment file, ErrorState errors) =>
        await ServiceCall.RunAsync(attachments.DeleteAttachmentAsync(new DeleteAttachmentRequest { Id = file.Id }), errors, default) is not null;

    public Task<Attachment?> GetFileAsync(string id, ErrorState errors) =>
        ServiceCall.RunAsync(attachments.GetAttachmentAsync(new GetAttachmentRequest { Id = id }), errors, default);

    public async Task<IReadOnlyList<Organisation>?> ListOrganisationsAsync(ErrorState errors) =>
        (await ServiceCall.RunAsync(organisations.ListOrganisationsAsync(new ListOrganisationsRequest()), errors, default))?.Organisations;

    /// <summary>Creates the organisation (no id yet) or replaces its requisites (the version read last guards against a concurrent edit).</summary>
    public Task<Organisation?> SaveOrganisationAsync(SaveOrganisationRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(request.Id.Length == 0 ? organisations.CreateOrganisationAsync(request) : organisations.UpdateOrganisationAsync(request),
            errors, default);

    /// <summary>
    /// What the gateway answered an upload: the stored file, or why not in words for the person (the
    /// service's problem+json: the file's own message, the size limit, the session, the record).
    /// </summary>
    public static UploadAnswer ReadUploadAnswer(string fileName, int status, string body)
    {
        if (status is 200 or 201)
        {
            try
            {
                return new UploadAnswer(JsonParser.Default.Parse<Attachment>(body), null, null);
            }
            catch (InvalidProtocolBufferException)
            {
                return new UploadAnswer(null, Texts.Files.UploadFailed, null);
            }
        }
        var detail = ProblemDetail(body);
        Text summary = status switch
        {
            0 => Texts.Files.UploadInterrupted,
            400 => Texts.Files.UploadRefused,
            401 => Texts.Errors.SessionExpired,
            403 => Texts.Errors.NotAllowed,
            404 => Texts.Errors.NotFound,
            413 => Texts.Files.TooLarge,
            _ => Texts.Files.UploadFailed,
        };
        return new UploadAnswer(null, summary, status == 413 ? null : detail);
    }

    /// <summary>The field messages of a problem+json answer (errors.file, errors.fileName...), else its detail.</summary>
    private static string? ProblemDetail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                var messages = fields.EnumerateObject().SelectMany(f => f.Value.ValueKind == JsonValueKind.Array ? f.Value.EnumerateArray() : [])
                    .Select(m => m.GetString()).OfType<string>().ToList();
                if (messages.Count > 0)
                {
                    return string.Join(" ", messages);
                }
            }
            return root.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public sealed record UploadAnswer(Attachment? File, Text? Summary, string? Detail);
}
