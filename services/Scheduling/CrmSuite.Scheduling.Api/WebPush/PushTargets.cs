using CrmSuite.Scheduling.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.WebPush;

/// <summary>The Web Push channel's targets: the browsers a person turned notifications on in.</summary>
public sealed class PushTargets(SchedulingDbContext db)
{
    /// <summary>Every device of <paramref name="userId"/>, newest first (none when the person never subscribed).</summary>
    public Task<List<DeviceSubscription>> ForPersonAsync(string userId, CancellationToken cancellationToken) =>
        OfPerson(db, userId).AsNoTracking().ToListAsync(cancellationToken);

    internal static IQueryable<DeviceSubscription> OfPerson(SchedulingDbContext db, string userId) =>
        db.DeviceSubscriptions.Where(d => d.UserId == userId).OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id);
}
