using System.Collections.Concurrent;
using CrmSuite.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmSuite.BuildingBlocks.Messaging;

/// <summary>
/// Audits every refused request of a service: a 401 or 403 answer over REST, and a gRPC call ended
/// with Unauthenticated or PermissionDenied (by the authorization middleware, which answers with the
/// HTTP status, or by the service itself for a record the caller may not see, in the grpc-status).
/// Each becomes an <see cref="AuditEvent"/> ("security.request.refused"): who (when the token said),
/// from where, which endpoint, and why; written through the outbox like every other audit event.
/// <para>
/// Floods: a refusal of a known caller is always recorded (they are identified and accountable).
/// Anonymous refusals (no or bad token) are rate-limited per source address: the first one in each
/// <see cref="AnonymousWindow"/> is recorded, the rest of that window are only counted, and the count
/// is carried by the next recorded refusal from that address (details.suppressedBefore). So a
/// scanner costs at most one audit row per address per minute, and its volume stays visible.
/// </para>
/// </summary>
public static class RefusedRequestAudit
{
    public const string Action = "security.request.refused";
    public static readonly TimeSpan AnonymousWindow = TimeSpan.FromMinutes(1);

    /// <summary>Place before UseRestProblemDetails and UseAuthentication, so it sees the final answer.</summary>
    public static IApplicationBuilder UseRefusedRequestAudit<TContext>(this IApplicationBuilder app)
        where TContext : DbContext, IOutboxContext
    {
        var limiter = new AnonymousRefusals();
        return app.Use(async (context, next) =>
        {
            await next(context);
            var reason = Refusal(context);
            if (reason is null)
            {
                return;
            }
            var services = context.RequestServices;
            var clock = services.GetRequiredService<TimeProvider>();
            var now = clock.GetUtcNow();
            var known = context.User.UserId() is not null;
            long suppressedBefore = 0;
            if (!known && !limiter.TryRecord(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", now, out suppressedBefore))
            {
                return;
            }
            var endpoint = $"{context.Request.Method} {context.Request.Path}";
            var details = new
            {
                endpoint,
                status = reason.Value.Status,
                reason = reason.Value.Why,
                requires = RequiredPolicies(context),
                suppressedBefore,
            };
            try
            {
                var writer = services.GetRequiredService<OutboxGroupWriter<TContext>>();
                await writer.AuditAsync(
                    AuditEvent.From(context, now, Action, "endpoint", endpoint, details: details, outcome: "refused"), context.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or DbUpdateException)
            {
                // The caller was refused either way; an unwritten record must not turn that into a 500.
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RefusedRequestAudit))
                    .LogWarning(ex, "A refused request to {Endpoint} could not be audited", endpoint);
            }
        });
    }

    private static (string Status, string Why)? Refusal(HttpContext context)
    {
        var grpcStatus = context.Response.Headers["grpc-status"].ToString() is { Length: > 0 } inHeaders
            ? inHeaders
            : context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"].ToString();
        var hadToken = context.Request.Headers.Authorization.Count > 0;
        return (context.Response.StatusCode, grpcStatus) switch
        {
            (StatusCodes.Status401Unauthorized, _) or (_, "16") =>
                ("unauthenticated", hadToken ? "The access token is invalid or expired." : "No access token."),
            (StatusCodes.Status403Forbidden, _) or (_, "7") =>
                ("permission-denied", "The caller lacks the permission or may not see the record."),
            _ => null,
        };
    }

    private static string[] RequiredPolicies(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy).OfType<string>().Distinct().ToArray() ?? [];

    /// <summary>One recorded anonymous refusal per source address per window; the rest counted.</summary>
    private sealed class AnonymousRefusals
    {
        private const int MaxSources = 100_000;
        private readonly ConcurrentDictionary<string, Source> _sources = new();

        public bool TryRecord(string address, DateTimeOffset now, out long suppressedBefore)
        {
            if (_sources.Count > MaxSources)
            {
                // Addresses spread too wide to track (a distributed scan): start over rather than grow without bound.
                _sources.Clear();
            }
            var source = _sources.GetOrAdd(address, _ => new Source());
            lock (source)
            {
                if (source.WindowStart is { } start && now - start < AnonymousWindow)
                {
                    source.Suppressed++;
                    suppressedBefore = 0;
                    return false;
                }
                source.WindowStart = now;
                suppressedBefore = source.Suppressed;
                source.Suppressed = 0;
                return true;
            }
        }

        private sealed class Source
        {
            public DateTimeOffset? WindowStart { get; set; }
            public long Suppressed { get; set; }
        }
    }
}
