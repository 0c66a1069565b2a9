using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using Google.Protobuf;
using Microsoft.AspNetCore.Http.Features;

namespace CrmSuite.Clients.Api.Imports;

/// <summary>
/// POST /v1/imports (REST; the gateway serves it as /api/clients/v1/imports): the file as the raw
/// body (?file_name=companies.csv) or as the first file of a multipart form. Streamed with a cap:
/// more than 50 MB is refused with 413 before it is read whole; an unreadable file with 400.
/// </summary>
public static class ImportUploadEndpoint
{
    public const string Route = "/v1/imports";

    public static IEndpointRouteBuilder MapImportUpload(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, UploadAsync).RequireAuthorization(Permissions.ClientsWrite);
        return endpoints;
    }

    private static async Task<IResult> UploadAsync(HttpContext http, ImportUploads uploads, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Multipart framing on top of the file itself; the file's own size is checked below.
            limit.MaxRequestBodySize = ImportFileReader.MaxBytes + 1024 * 1024;
        }
        if (http.Request.ContentLength > ImportFileReader.MaxBytes + (http.Request.HasFormContentType ? 1024 * 1024 : 0))
        {
            return TooLarge();
        }
        byte[]? data;
        string fileName;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(cancellationToken);
            var file = form.Files.FirstOrDefault();
            if (file is null)
            {
                return Invalid("file", "Attach the file (a form field of type file).");
            }
            if (file.Length > ImportFileReader.MaxBytes)
            {
                return TooLarge();
            }
            fileName = file.FileName;
            await using var stream = file.OpenReadStream();
            data = await ReadCappedAsync(stream, cancellationToken);
        }
        else
        {
            fileName = http.Request.Query["file_name"].ToString();
            data = await ReadCappedAsync(http.Request.Body, cancellationToken);
        }
        if (data is null)
        {
            return TooLarge();
        }
        try
        {
            var job = await uploads.CreateAsync(data, fileName, http.User, cancellationToken);
            return Results.Text(JsonFormatter.Default.Format(job.ToMessage()), "application/json", statusCode: StatusCodes.Status201Created);
        }
        catch (ValidationFailedException invalid)
        {
            return Results.ValidationProblem(invalid.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The file cannot be imported.", detail: string.Join(" ", invalid.Errors.Select(e => e.Message)));
        }
    }

    /// <summary>The whole stream, or null as soon as it passes the limit (nothing more is read).</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ImportFileReader.MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static IResult TooLarge() => Results.Problem(
        title: "The file is too large.",
        detail: ImportsService.TooLargeMessage,
        statusCode: StatusCodes.Status413PayloadTooLarge);

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The file cannot be imported.", detail: message);
}
