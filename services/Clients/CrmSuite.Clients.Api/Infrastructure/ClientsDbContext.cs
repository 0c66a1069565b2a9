using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.CustomFields;
using CrmSuite.Clients.Api.Deals;
using CrmSuite.Clients.Api.Imports;
using CrmSuite.Clients.Api.Leads;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Infrastructure;

/// <summary>
/// The clients service's one database: every module's tables, by module. How each entity maps
/// to its table is an <see cref="IEntityTypeConfiguration{TEntity}"/> in Configurations/,
/// applied here from the assembly.
/// </summary>
public sealed class ClientsDbContext(DbContextOptions<ClientsDbContext> options) : DbContext(options), IOutboxContext, IInboxContext
{
    /// <summary>
    /// ICU's root collation: names sort as people expect (case-insensitive first, Cyrillic and
    /// Latin each in alphabet order) whatever locale the database cluster was created with.
    /// </summary>
    public const string NameCollation = "und-x-icu";

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    // Companies
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<CompanyShare> CompanyShares => Set<CompanyShare>();
    public DbSet<CompanyChange> CompanyChanges => Set<CompanyChange>();
    public DbSet<CompanyActivity> CompanyActivity => Set<CompanyActivity>();

    // Custom fields
    public DbSet<CustomSection> CustomSections => Set<CustomSection>();
    public DbSet<CustomFieldDefinition> CustomFields => Set<CustomFieldDefinition>();

    // Deals
    public DbSet<Pipeline> Pipelines => Set<Pipeline>();
    public DbSet<PipelineStage> PipelineStages => Set<PipelineStage>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealStageChange> DealStageHistory => Set<DealStageChange>();
    public DbSet<DealLine> DealLines => Set<DealLine>();

    // Leads
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<WebForm> WebForms => Set<WebForm>();
    public DbSet<AssignmentRule> LeadAssignmentRules => Set<AssignmentRule>();
    public DbSet<TelephonyIntegration> TelephonyIntegrations => Set<TelephonyIntegration>();
    public DbSet<Call> Calls => Set<Call>();

    // Imports
    public DbSet<ImportJob> Imports => Set<ImportJob>();
    public DbSet<ImportFileRow> ImportFileRows => Set<ImportFileRow>();
    public DbSet<ImportRowPlan> ImportRowPlans => Set<ImportRowPlan>();
    public DbSet<ImportChange> ImportChanges => Set<ImportChange>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClientsDbContext).Assembly);
    }
}
