using CrmSuite.Audit.Api.Alerts;
using CrmSuite.Audit.Api.Chain;
using CrmSuite.Audit.Api.Entries;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Audit.Api.Infrastructure;

/// <summary>
/// The audit database's schema (migrations) and simple reads. Appends, searches, exports and chain
/// verification go through Npgsql directly (<see cref="AuditChain"/>, <see cref="AuditQueries"/>,
/// <see cref="ChainVerifier"/>): they need row locks, jsonb text and streaming.
/// </summary>
public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    public DbSet<AuditEntry> Entries => Set<AuditEntry>();
    public DbSet<AuditChainHead> ChainHead => Set<AuditChainHead>();
    public DbSet<AuditAlert> Alerts => Set<AuditAlert>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // One IEntityTypeConfiguration per entity, in Infrastructure/Configurations.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuditDbContext).Assembly);
    }
}
