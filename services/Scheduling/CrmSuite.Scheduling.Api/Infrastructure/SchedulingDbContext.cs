using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Channels;
using CrmSuite.Scheduling.Api.Feeds;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.People;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Api.WebPush;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Infrastructure;

public sealed class SchedulingDbContext(DbContextOptions<SchedulingDbContext> options) : DbContext(options), IOutboxContext, IInboxContext
{
    public DbSet<ScheduledItem> Items => Set<ScheduledItem>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<Activities.ActivityType> ActivityTypes => Set<Activities.ActivityType>();
    public DbSet<Activities.ActivityPlan> ActivityPlans => Set<Activities.ActivityPlan>();
    public DbSet<Overdue.OverdueDigest> OverdueDigests => Set<Overdue.OverdueDigest>();
    public DbSet<Overdue.OverdueMark> OverdueMarks => Set<Overdue.OverdueMark>();
    public DbSet<Overdue.TeamHead> TeamHeads => Set<Overdue.TeamHead>();
    public DbSet<Overdue.TeamMember> TeamMembers => Set<Overdue.TeamMember>();
    public DbSet<DeviceSubscription> DeviceSubscriptions => Set<DeviceSubscription>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<PersonChannelSettings> ChannelSettings => Set<PersonChannelSettings>();
    public DbSet<ReminderDelivery> ReminderDeliveries => Set<ReminderDelivery>();
    public DbSet<Processes.Storage.Process> Processes => Set<Processes.Storage.Process>();
    public DbSet<Processes.Storage.ProcessVersion> ProcessVersions => Set<Processes.Storage.ProcessVersion>();
    public DbSet<Processes.Storage.ProcessInstance> ProcessInstances => Set<Processes.Storage.ProcessInstance>();
    public DbSet<Processes.Storage.ProcessToken> ProcessTokens => Set<Processes.Storage.ProcessToken>();
    public DbSet<Processes.Storage.ProcessStep> ProcessSteps => Set<Processes.Storage.ProcessStep>();
    public DbSet<Processes.Storage.ProcessLogEntry> ProcessLog => Set<Processes.Storage.ProcessLogEntry>();
    public DbSet<Processes.Storage.ProcessTimer> ProcessTimers => Set<Processes.Storage.ProcessTimer>();
    public DbSet<Processes.Storage.ProcessMail> ProcessMails => Set<Processes.Storage.ProcessMail>();
    public DbSet<Processes.Storage.RoundRobinTurn> RoundRobinTurns => Set<Processes.Storage.RoundRobinTurn>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
        // One IEntityTypeConfiguration per entity, in Infrastructure/Configurations.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SchedulingDbContext).Assembly);
    }
}
