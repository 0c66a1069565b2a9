using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Warehouse.Api.Reservations;

/// <summary>Releases reservations whose time is up (status Expired), every Warehouse:ExpiryCheckInterval.</summary>
public sealed class ReservationExpiry(IServiceScopeFactory scopes, IOptions<ReservationOptions> options, TimeProvider clock, ILogger<ReservationExpiry> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var expired = await ExpireDueAsync(stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("Released {Count} expired reservation(s)", expired);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Expiring reservations failed; retrying at the next interval");
            }
            await Task.Delay(options.Value.ExpiryCheckInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Expires what is due now; returns how many were released.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDbContext>();
        var book = scope.ServiceProvider.GetRequiredService<ReservationBook>();
        var now = clock.GetUtcNow();
        var due = await db.Reservations.AsNoTracking()
            .Where(r => r.Status == ReservationState.Active && r.ExpiresAt <= now)
            .OrderBy(r => r.ExpiresAt).Take(500).ToListAsync(cancellationToken);
        var released = 0;
        foreach (var reservation in due)
        {
            if (await book.ReleaseAsync(reservation, ReservationState.Expired, Actor.System("reservation-expiry"), cancellationToken))
            {
                released++;
            }
            db.ChangeTracker.Clear();
        }
        return released;
    }
}
