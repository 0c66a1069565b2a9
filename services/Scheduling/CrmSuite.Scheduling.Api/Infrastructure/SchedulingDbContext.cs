using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Feeds;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Api.WebPush;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Infrastructure;

public sealed class SchedulingDbContext(DbContextOptions<SchedulingDbContext> options) : DbContext(options), IOutboxContext
{
    public DbSet<ScheduledItem> Items => Set<ScheduledItem>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<DeviceSubscription> DeviceSubscriptions => Set<DeviceSubscription>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        // One IEntityTypeConfiguration per entity, in Infrastructure/Configurations.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SchedulingDbContext).Assembly);
    }
}
