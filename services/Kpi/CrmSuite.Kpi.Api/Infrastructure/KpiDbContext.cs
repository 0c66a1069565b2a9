using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.People;
using CrmSuite.Kpi.Api.Periods;
using CrmSuite.Kpi.Api.Schemes;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Infrastructure;

public sealed class KpiDbContext(DbContextOptions<KpiDbContext> options) : DbContext(options), IOutboxContext, IInboxContext
{
    public DbSet<Fact> Facts => Set<Fact>();
    public DbSet<PersonTeam> PersonTeams => Set<PersonTeam>();
    public DbSet<DailyFigureRow> DailyFigures => Set<DailyFigureRow>();
    public DbSet<Overview.FunnelEntry> FunnelEntries => Set<Overview.FunnelEntry>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<TeamName> TeamNames => Set<TeamName>();
    public DbSet<SchemeVersionRow> SchemeVersions => Set<SchemeVersionRow>();
    public DbSet<KpiPeriodRow> Periods => Set<KpiPeriodRow>();
    public DbSet<PeriodVersionRow> PeriodVersions => Set<PeriodVersionRow>();
    public DbSet<PeriodResultRow> PeriodResults => Set<PeriodResultRow>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
        // One IEntityTypeConfiguration per entity, in Infrastructure/Configurations.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KpiDbContext).Assembly);
    }
}
