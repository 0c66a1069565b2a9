using System.Text.Json;
using CrmSuite.Audit.Api.Chain;
using CrmSuite.BuildingBlocks.Messaging;
using Npgsql;

namespace CrmSuite.Audit.Api.IntegrationEvents;

/// <summary>
/// The audit topic as a Dapr programmatic subscription: Dapr.AspNetCore's <c>MapSubscribeHandler</c>
/// publishes it at <c>GET /dapr/subscribe</c> from the <c>WithTopic</c> endpoint, and the sidecar
/// delivers each event to <c>POST /events/audit</c> as a CloudEvents 1.0 envelope. The handler reads
/// the envelope itself (not through UseCloudEvents): it needs the envelope's id, and keeps the raw
/// data exactly as sent for the hash chain. The answer is always HTTP 200 with Dapr's status:
/// SUCCESS (stored, or stored before: same CloudEvent id), DROP (can never be stored), RETRY (try later).
/// </summary>
public static class AuditSubscription
{
    public const string PubSubName = "pubsub";
    /// <summary>The producers' contract (<see cref="AuditEvent"/>) names the topic; the audit service only subscribes.</summary>
    public const string Topic = AuditEvent.Topic;
    public const string Route = "/events/audit";

    public static WebApplication MapAuditSubscriptions(this WebApplication app)
    {
        // Both endpoints are for the Dapr sidecar only, which has no user token: anonymous here, and
        // reachable only inside the cluster — the gateway routes no path to them, and the service's
        // NetworkPolicy admits only the sidecar/pod network. Never expose them through an ingress.
        app.MapSubscribeHandler().AllowAnonymous();
        app.MapPost(Route, (HttpRequest request, AuditEventHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(request, cancellationToken))
            .WithTopic(PubSubName, Topic)
            .AllowAnonymous();
        return app;
    }
}

/// <summary>Stores one delivered audit event and tells the sidecar what became of it.</summary>
public sealed class AuditEventHandler(GroupCommit chain, ILogger<AuditEventHandler> logger)
{
    private static readonly IResult Success = Status("SUCCESS");
    private static readonly IResult Drop = Status("DROP");
    private static readonly IResult Retry = Status("RETRY");

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        Entries.NewAuditEntry entry;
        try
        {
            using var envelope = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            entry = AuditEventParser.Parse(envelope.RootElement);
        }
        catch (JsonException)
        {
            logger.LogWarning("Dropped an audit event: the body is not JSON");
            return Drop;
        }
        catch (MalformedEventException ex)
        {
            logger.LogWarning("Dropped a malformed audit event: {Reason}", ex.Message);
            return Drop;
        }

        try
        {
            if (await chain.AppendAsync(entry, cancellationToken))
            {
                logger.LogInformation("Audit event {EventId} was stored before; acknowledged again", entry.EventId);
            }
            return Success;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Success;
        }
        catch (PostgresException ex) when (ex.SqlState.StartsWith("22", StringComparison.Ordinal))
        {
            // Class 22 (data exception): the database will refuse this event on every attempt.
            logger.LogWarning("Dropped audit event {EventId} ({Action}): the database refused its data: {Reason}",
                entry.EventId, entry.Action, ex.MessageText);
            return Drop;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(ex, "Audit event {EventId} could not be stored now; the sidecar will retry", entry.EventId);
            return Retry;
        }
    }

    private static IResult Status(string status) => Results.Json(new { status });
}
