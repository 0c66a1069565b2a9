using System.Text.Json;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Leads;

/// <summary>
/// The public endpoint a web form on the customer's site posts to (form-urlencoded or JSON):
/// POST /v1/forms/{formKey}/submit, /api/clients/v1/… through the gateway. Anonymous by nature;
/// guarded by the form's allowed origins (CORS), a honeypot field, rate limits per address and
/// per form, and the same field validation as every other channel.
/// </summary>
public static class WebFormEndpoint
{
    public const string Route = "/v1/forms/{formKey}/submit";

    /// <summary>Hidden from people by the snippet; bots fill every field they find. Filled = dropped silently.</summary>
    public const string HoneypotField = "website";

    private const int MaxBodyBytes = 64 * 1024;

    public static void MapWebFormEndpoint(this IEndpointRouteBuilder app)
    {
        // Anonymous: the visitors of the customer's site have no account; see the class comment.
        app.MapMethods(Route, [HttpMethods.Options], PreflightAsync).AllowAnonymous();
        app.MapPost(Route, SubmitAsync).AllowAnonymous().DisableAntiforgery();
    }

    /// <summary>CORS preflight (a JSON post from another site): allowed only for the form's own sites.</summary>
    private static async Task<IResult> PreflightAsync(string formKey, HttpContext http, ClientsDbContext db)
    {
        var form = await FindAsync(db, formKey, http.RequestAborted);
        if (form is null)
        {
            return PublicAnswers.Problem(StatusCodes.Status404NotFound, "Not found.", "There is no such form.");
        }
        if (!AllowCors(http, form))
        {
            return PublicAnswers.Problem(StatusCodes.Status403Forbidden, "This site may not post the form.");
        }
        http.Response.Headers.AccessControlAllowMethods = "POST";
        http.Response.Headers.AccessControlAllowHeaders = "Content-Type";
        http.Response.Headers.AccessControlMaxAge = "600";
        return Results.NoContent();
    }

    private static async Task<IResult> SubmitAsync(string formKey, HttpContext http, ClientsDbContext db, LeadCapture capture,
        PublicCaptureLimits limits, TimeProvider clock, ILoggerFactory loggers)
    {
        var form = await FindAsync(db, formKey, http.RequestAborted);
        if (form is null)
        {
            return PublicAnswers.Problem(StatusCodes.Status404NotFound, "Not found.", "There is no such form.");
        }
        // A browser always names the page's origin; one the form does not list is refused, not
        // only hidden by CORS, because a urlencoded post is sent without a preflight.
        if (!AllowCors(http, form))
        {
            return PublicAnswers.Problem(StatusCodes.Status403Forbidden, "This site may not post the form.");
        }
        if (!limits.TryAcquire(PublicAnswers.ClientAddress(http), form.PublicKey))
        {
            http.Response.Headers.RetryAfter = "60";
            return PublicAnswers.Problem(StatusCodes.Status429TooManyRequests, "Too many submissions; try again in a minute.");
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }
        Dictionary<string, string> fields;
        try
        {
            fields = await ReadFieldsAsync(http.Request);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or BadHttpRequestException)
        {
            return PublicAnswers.Problem(StatusCodes.Status400BadRequest, "The form could not be read.", "Send form fields urlencoded or as one JSON object of strings.");
        }
        catch (NotSupportedException)
        {
            return PublicAnswers.Problem(StatusCodes.Status415UnsupportedMediaType, "Send application/x-www-form-urlencoded, multipart/form-data or application/json.");
        }

        var received = Results.Accepted(value: new { status = "received" });
        if (fields.TryGetValue(HoneypotField, out var honeypot) && honeypot.Length > 0)
        {
            loggers.CreateLogger(typeof(WebFormEndpoint).FullName!).LogInformation("Dropped a submission of form {FormId} that filled the honeypot", form.Id);
            return received;
        }

        string Field(string name) => fields.TryGetValue(name, out var value) ? value : string.Empty;
        var pageUrl = Field("page_url") is { Length: > 0 } page ? page : http.Request.Headers.Referer.ToString();
        var utm = Utm(pageUrl);
        string UtmField(string name) => Field(name) is { Length: > 0 } value ? value : utm.GetValueOrDefault(name, string.Empty);
        Lead lead;
        try
        {
            lead = LeadInput.Validate(new LeadDraft(Field("person_name"), Field("company_name"), Field("email"), Field("phone"), Field("inn"),
                Field("message"), form.Region ?? Field("region"), form.Tags, pageUrl,
                UtmField("utm_source"), UtmField("utm_medium"), UtmField("utm_campaign"), UtmField("utm_term"), UtmField("utm_content")));
        }
        catch (ValidationFailedException ex)
        {
            return PublicAnswers.Invalid(ex);
        }
        lead.Source = LeadSource.WebForm;
        lead.SourceFormId = form.Id;
        var audit = AuditEvent.From(http, clock.GetUtcNow(), "", "", "") with
        {
            ActorId = $"web-form:{form.Id}",
            ActorName = form.Name,
            ActorRole = "web-form",
        };
        await capture.CaptureAsync(lead, audit, fallbackOwner: null, http.RequestAborted);
        return received;
    }

    private static Task<WebForm?> FindAsync(ClientsDbContext db, string formKey, CancellationToken cancellationToken) =>
        formKey.Length > 64
            ? Task.FromResult<WebForm?>(null)
            : db.WebForms.AsNoTracking().FirstOrDefaultAsync(f => f.PublicKey == formKey && f.Enabled, cancellationToken);

    /// <summary>No Origin: not a browser (a server posting for the site), CORS does not apply. Otherwise it must be listed.</summary>
    private static bool AllowCors(HttpContext http, WebForm form)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }
        if (!form.AllowedOrigins.Contains(origin.TrimEnd('/').ToLowerInvariant()))
        {
            return false;
        }
        http.Response.Headers.AccessControlAllowOrigin = origin;
        http.Response.Headers.Vary = "Origin";
        return true;
    }

    private static async Task<Dictionary<string, string>> ReadFieldsAsync(HttpRequest request)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }
            return fields;
        }
        if (request.HasJsonContentType())
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("Not a JSON object.");
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                    JsonValueKind.Null => string.Empty,
                    _ => throw new InvalidDataException($"Field '{property.Name}' must be a string."),
                };
            }
            return fields;
        }
        throw new NotSupportedException();
    }

    /// <summary>UTM marks of the page's address, when the form did not send them itself.</summary>
    private static Dictionary<string, string> Utm(string pageUrl)
    {
        if (!Uri.TryCreate(pageUrl, UriKind.Absolute, out var uri) || uri.Query.Length < 2)
        {
            return [];
        }
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query)
            .Where(p => p.Key.StartsWith("utm_", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value.ToString());
    }
}
