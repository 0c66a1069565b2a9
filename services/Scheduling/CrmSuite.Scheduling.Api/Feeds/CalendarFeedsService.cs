using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.Feeds;

/// <summary>The caller's own calendar feed address: make or rotate it, see it, revoke it. Each change is audited.</summary>
public sealed class CalendarFeedsService(SchedulingDbContext db, TimeProvider clock, IOptions<FeedOptions> options) : Contracts.CalendarFeeds.CalendarFeedsBase
{
    private const string Entity = "calendar-feed";

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<CreatedFeed> CreateFeed(CreateFeedRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var user = Person(http);
        var now = clock.GetUtcNow();
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.UserId == user, context.CancellationToken);
        var rotated = feed?.TokenHash is not null;
        if (feed is null)
        {
            feed = new CalendarFeed { Id = Guid.CreateVersion7(now), UserId = user };
            db.CalendarFeeds.Add(feed);
        }
        var (token, hash) = FeedToken.New();
        feed.UserName = http.User.FindFirst(CrmClaims.Name)?.Value ?? string.Empty;
        feed.TokenHash = hash;
        feed.CreatedAt = now;
        feed.RevokedAt = null;
        feed.LastReadAt = null;
        feed.WindowStartedAt = now;
        feed.ReadsInWindow = 0;
        // The token never reaches the audit log: it is the key to the person's calendar.
        db.Audit(AuditEvent.From(http, now, rotated ? "scheduling.feed.rotated" : "scheduling.feed.created", Entity, feed.Id.ToString()));
        await db.SaveChangesAsync(context.CancellationToken);

        var path = $"/api/scheduling/v1/feeds/{token}.ics";
        return new CreatedFeed { Path = path, Url = PublicBase(http) is { } origin ? origin + path : path, Status = Status(feed) };
    }

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<FeedStatus> GetFeed(GetFeedRequest request, ServerCallContext context)
    {
        var user = Person(context.GetHttpContext());
        var feed = await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.UserId == user, context.CancellationToken);
        return Status(feed);
    }

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<FeedStatus> RevokeFeed(RevokeFeedRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var user = Person(http);
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.UserId == user, context.CancellationToken);
        if (feed?.TokenHash is null)
        {
            // Nothing to stop: answered the same, and nothing changes.
            return Status(feed);
        }
        var now = clock.GetUtcNow();
        feed.TokenHash = null;
        feed.RevokedAt = now;
        db.Audit(AuditEvent.From(http, now, "scheduling.feed.revoked", Entity, feed.Id.ToString()));
        await db.SaveChangesAsync(context.CancellationToken);
        return Status(feed);
    }

    private static string Person(HttpContext http) =>
        http.User.UserId() ?? throw new RpcException(new Grpc.Core.Status(StatusCode.Unauthenticated, "The token names no person."));

    private static FeedStatus Status(CalendarFeed? feed) => feed is null ? new FeedStatus() : new FeedStatus
    {
        Active = feed.TokenHash is not null,
        CreatedAt = Timestamp.FromDateTimeOffset(feed.CreatedAt),
        LastReadAt = feed.LastReadAt is { } read ? Timestamp.FromDateTimeOffset(read) : null,
        RevokedAt = feed.RevokedAt is { } revoked ? Timestamp.FromDateTimeOffset(revoked) : null,
    };

    /// <summary>The origin a calendar program reaches the gateway at: configured, or the host the gateway forwarded.</summary>
    private string? PublicBase(HttpContext http)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return options.Value.PublicBaseUrl.TrimEnd('/');
        }
        var host = http.Request.Headers["X-Forwarded-Host"].ToString().Split(',')[0].Trim();
        var scheme = http.Request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim();
        return host.Length > 0 && scheme is "http" or "https" && Uri.CheckHostName(host.Split(':')[0]) != UriHostNameType.Unknown
            ? $"{scheme}://{host}"
            : null;
    }
}
