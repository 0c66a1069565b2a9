using CrmSuite.BuildingBlocks.Errors;
using System.Globalization;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.Feeds;

/// <summary>
/// The .ics answers: the subscribed feed (GET /v1/feeds/{token}.ics, anonymous: calendar programs
/// send no sign-in, the secret token in the address is the key) and one item as a file to import
/// (GET /v1/items/{id}.ics, scheduling.read, an item the caller sees).
/// </summary>
public static class FeedEndpoints
{
    public const string FeedRoute = "/v1/feeds/{token}.ics";
    public const string ItemRoute = "/v1/items/{id}.ics";
    public const string ReadAction = "scheduling.feed.read";

    public static void MapCalendarFeeds(this WebApplication app)
    {
        app.MapGrpcService<CalendarFeedsService>();
        // Anonymous on purpose (see the class comment); an unknown, malformed or revoked token is a bare 404.
        app.MapGet(FeedRoute, ReadFeedAsync).AllowAnonymous();
        app.MapGet(ItemRoute, ReadItemAsync).RequireAuthorization(Permissions.SchedulingRead);
    }

    private static async Task<IResult> ReadFeedAsync(string token, HttpContext http, SchedulingDbContext db, OutboxGroupWriter<SchedulingDbContext> audit,
        TimeProvider clock, IOptions<FeedOptions> options)
    {
        if (FeedToken.Hash(token) is not { } hash)
        {
            return Results.NotFound();
        }
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var feed = await FeedReads.TouchAsync(db, hash, now, settings.ThrottleWindow, http.RequestAborted);
        if (feed is null)
        {
            return Results.NotFound();
        }
        AuditEvent Audited(string action, object details) => AuditEvent.From(http, now, action, "calendar-feed", feed.Id.ToString(), details: details) with
        {
            ActorId = feed.UserId,
            ActorName = feed.UserName,
            ActorRole = "calendar-feed",
        };
        if (feed.ReadsInWindow > settings.ReadsPerWindow)
        {
            var retryAfter = feed.WindowStartedAt + settings.ThrottleWindow - now;
            await audit.AuditAsync(Audited("scheduling.feed.throttled", new { reads = feed.ReadsInWindow }), http.RequestAborted);
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "The feed is read too often; try again later.");
        }

        var from = now - TimeSpan.FromDays(settings.DaysBack);
        var to = now + TimeSpan.FromDays(settings.DaysAhead);
        // The person's own calendar (owned, assigned, watched, taking part), whatever their role:
        // a feed outlives the token's claims, so it never carries a head's or director's wider view.
        var mine = new ItemVisibility(ClientVisibility.Own, feed.UserId, []).Filter();
        var items = await db.Items.AsNoTracking().Where(mine)
            .Overlapping(from, to)
            .OrderBy(i => i.StartsAt).ThenBy(i => i.Id).Take(settings.MaxItems)
            .ToListAsync(http.RequestAborted);
        var text = IcsCalendar.Write(items, feed.UserName.Length > 0 ? $"CrmSuite: {feed.UserName}" : "CrmSuite");
        // Sensitive read: audited (durably, with the other reads in flight) before the answer leaves.
        await audit.AuditAsync(Audited(ReadAction, new { items = items.Count, from, to }), http.RequestAborted);
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.Text(text, IcsCalendar.ContentType);
    }

    private static async Task<IResult> ReadItemAsync(string id, HttpContext http, SchedulingDbContext db, OutboxGroupWriter<SchedulingDbContext> audit, TimeProvider clock)
    {
        if (!Guid.TryParse(id, out var itemId))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [RequestIds.NotAnId] });
        }
        var item = await db.Items.AsNoTracking().Where(ItemVisibility.Of(http.User).Filter())
            .FirstOrDefaultAsync(i => i.Id == itemId, http.RequestAborted);
        if (item is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"Item '{id}' was not found.");
        }
        await audit.AuditReadAsync(http, clock, "scheduling.item.downloaded", "item", item.Id.ToString(), details: null, http.RequestAborted);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(IcsCalendar.Write([item], name: null)), IcsCalendar.ContentType, FileName(item.Title));
    }

    /// <summary>The item's title as a file name (characters no file system takes are dropped).</summary>
    private static string FileName(string title)
    {
        var name = new string([.. title.Where(c => !Path.GetInvalidFileNameChars().Contains(c) && c is not ('\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|'))]).Trim();
        return (name.Length == 0 ? "event" : name[..Math.Min(name.Length, 80)]) + ".ics";
    }
}
