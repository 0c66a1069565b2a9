using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Leads;

/// <summary>
/// The telephony provider's webhook: POST /v1/telephony/{integrationKey}/calls with the
/// integration's secret in <see cref="SecretHeader"/>. A call with a known client (a company's or
/// a contact's phone) is recorded on that company; a call from an unknown number becomes a lead.
/// </summary>
public static class TelephonyWebhook
{
    public const string Route = "/v1/telephony/{integrationKey}/calls";
    public const string SecretHeader = "X-Telephony-Secret";

    /// <summary>Compared against when the key names no integration, so a wrong key takes as long as a wrong secret.</summary>
    private static readonly byte[] NoIntegration = SHA256.HashData("no integration"u8);

    public sealed record CallReport(
        string? CallerNumber, string? CalledNumber, string? Direction, DateTimeOffset? StartedAt,
        int? DurationSeconds, string? RecordingUrl, string? CallId);

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static void MapTelephonyWebhook(this IEndpointRouteBuilder app) =>
        // Anonymous as far as bearer tokens go: the provider authenticates with the integration's
        // secret, checked below in constant time.
        app.MapPost(Route, ReceiveAsync).AllowAnonymous().DisableAntiforgery();

    private static async Task<IResult> ReceiveAsync(string integrationKey, HttpContext http, ClientsDbContext db, LeadCapture capture, TimeProvider clock)
    {
        var integration = integrationKey.Length > 64
            ? null
            : await db.TelephonyIntegrations.AsNoTracking().FirstOrDefaultAsync(i => i.Key == integrationKey && i.RevokedAt == null, http.RequestAborted);
        var secret = http.Request.Headers[SecretHeader].ToString();
        var matches = CryptographicOperations.FixedTimeEquals(Hash(secret), integration?.SecretHash ?? NoIntegration);
        if (integration is null || !matches || secret.Length == 0)
        {
            http.Response.Headers.WWWAuthenticate = $"{SecretHeader}";
            return PublicAnswers.Problem(StatusCodes.Status401Unauthorized, "Sign-in is required.", $"Send the integration's secret in the {SecretHeader} header.");
        }

        CallReport? report;
        try
        {
            report = await http.Request.ReadFromJsonAsync<CallReport>(http.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return PublicAnswers.Problem(StatusCodes.Status400BadRequest, "The call could not be read.", "Send one JSON object: callerNumber, calledNumber, direction, startedAt, durationSeconds, recordingUrl, callId.");
        }
        Call call;
        try
        {
            call = Validate(report ?? new CallReport(null, null, null, null, null, null, null));
        }
        catch (ValidationFailedException ex)
        {
            return PublicAnswers.Invalid(ex);
        }
        call.IntegrationId = integration.Id;

        if (call.ExternalId is not null
            && await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.IntegrationId == integration.Id && c.ExternalId == call.ExternalId, http.RequestAborted) is { } known)
        {
            // The provider retried a webhook we already took.
            return Results.Ok(Answer(known));
        }

        var now = clock.GetUtcNow();
        call.Id = Guid.CreateVersion7(now);
        call.CreatedAt = now;
        var audit = AuditEvent.From(http, now, "", "", "") with
        {
            ActorId = $"telephony:{integration.Id}",
            ActorName = integration.Name,
            ActorRole = "telephony",
        };
        var clientNumber = call.Direction == CallDirection.Inbound ? call.CallerNumber : call.CalledNumber;
        var (companyId, contactId) = await MatchAsync(db, clientNumber, http.RequestAborted);
        if (companyId is not null)
        {
            call.CompanyId = companyId;
            call.ContactId = contactId;
            db.Calls.Add(call);
            db.Audit(audit with
            {
                Action = "clients.call.recorded",
                EntityType = "company",
                EntityId = companyId.Value.ToString(),
                After = new { CallId = call.Id, Direction = call.Direction.ToString(), call.CallerNumber, call.CalledNumber, call.StartedAt, call.DurationSeconds, call.ContactId },
            });
            db.CompanyChanges.Add(await TimelineRowAsync(db, call, clientNumber, integration.Id, integration.Name, http.RequestAborted));
            await db.SaveChangesAsync(http.RequestAborted);
            return Results.Ok(Answer(call));
        }

        var lead = new Lead
        {
            Phone = clientNumber,
            Source = LeadSource.PhoneCall,
            SourceIntegrationId = integration.Id,
            Message = call.Direction == CallDirection.Inbound
                ? $"Incoming call to {call.CalledNumber}, {call.DurationSeconds} s."
                : $"Outgoing call from {call.CallerNumber}, {call.DurationSeconds} s.",
        };
        await capture.CaptureAsync(lead, audit, fallbackOwner: null, http.RequestAborted, alongside: l =>
        {
            call.LeadId = l.Id;
            db.Calls.Add(call);
        });
        return Results.Ok(Answer(call));
    }

    /// <summary>
    /// The call on the company card's timeline, at the time it started: with whom (the contact, else
    /// the number), the number, how long, and the recording if the provider keeps one.
    /// </summary>
    private static async Task<CompanyChange> TimelineRowAsync(ClientsDbContext db, Call call, string clientNumber, Guid integrationId, string integrationName, CancellationToken cancellationToken)
    {
        var contactName = call.ContactId is { } contactId
            ? await db.Contacts.AsNoTracking().Where(k => k.Id == contactId).Select(k => k.FullName).FirstOrDefaultAsync(cancellationToken)
            : null;
        List<FieldValueChange> details =
        [
            new() { Field = "call.number", After = clientNumber },
            new() { Field = "call.duration", After = TimeSpan.FromSeconds(call.DurationSeconds).ToString(call.DurationSeconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) },
        ];
        if (call.RecordingUrl is { } recording)
        {
            details.Add(new() { Field = "call.recording", After = recording });
        }
        return new CompanyChange
        {
            Id = call.Id,
            CompanyId = call.CompanyId!.Value,
            At = call.StartedAt,
            UserId = $"telephony:{integrationId}",
            UserName = integrationName,
            Action = call.Direction == CallDirection.Inbound ? "call.inbound" : "call.outbound",
            Subject = contactName ?? clientNumber,
            Changes = details,
        };
    }

    private static object Answer(Call call) => new
    {
        callId = call.Id,
        companyId = call.CompanyId,
        contactId = call.ContactId,
        leadId = call.LeadId,
    };

    /// <summary>The company whose own phone it is, else the company of a contact with that phone (oldest first).</summary>
    private static async Task<(Guid? CompanyId, Guid? ContactId)> MatchAsync(ClientsDbContext db, string phone, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking()
            .Where(c => c.Phone == phone && c.ArchivedAt == null)
            .OrderBy(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (company is not null)
        {
            return (company, null);
        }
        var contact = await db.Contacts.AsNoTracking()
            .Where(k => k.Phone == phone && k.ArchivedAt == null && db.Companies.Any(c => c.Id == k.CompanyId && c.ArchivedAt == null))
            .OrderBy(k => k.CreatedAt).Select(k => new { k.Id, k.CompanyId }).FirstOrDefaultAsync(cancellationToken);
        return contact is null ? (null, null) : (contact.CompanyId, contact.Id);
    }

    private static Call Validate(CallReport report)
    {
        var errors = new FieldErrors();
        string Phone(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(field, "Required.");
                return string.Empty;
            }
            if (!ContactDetails.TryNormalizePhone(value, out var e164, out var error))
            {
                errors.Add(field, error!);
            }
            return e164;
        }
        var call = new Call
        {
            CallerNumber = Phone("callerNumber", report.CallerNumber),
            CalledNumber = Phone("calledNumber", report.CalledNumber),
        };
        switch (report.Direction?.Trim().ToLowerInvariant())
        {
            case "inbound" or "incoming" or "in":
                call.Direction = CallDirection.Inbound;
                break;
            case "outbound" or "outgoing" or "out":
                call.Direction = CallDirection.Outbound;
                break;
            default:
                errors.Add("direction", "Must be inbound or outbound.");
                break;
        }
        if (report.StartedAt is { } started)
        {
            call.StartedAt = started.ToUniversalTime();
        }
        else
        {
            errors.Add("startedAt", "Required: when the call began (ISO 8601 with the offset).");
        }
        if (report.DurationSeconds is { } duration and >= 0 and <= 7 * 24 * 3600)
        {
            call.DurationSeconds = duration;
        }
        else
        {
            errors.Add("durationSeconds", "Must be the call's length in seconds (0 for a missed call).");
        }
        if (!string.IsNullOrWhiteSpace(report.RecordingUrl))
        {
            var url = report.RecordingUrl.Trim();
            if (url.Length > Lead.MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add("recordingUrl", "Must be the http(s) address of the recording.");
            }
            call.RecordingUrl = url;
        }
        if (!string.IsNullOrWhiteSpace(report.CallId))
        {
            call.ExternalId = report.CallId.Trim();
            if (call.ExternalId.Length > 200)
            {
                errors.Add("callId", "Must be at most 200 characters.");
            }
        }
        errors.ThrowIfAny();
        return call;
    }
}
