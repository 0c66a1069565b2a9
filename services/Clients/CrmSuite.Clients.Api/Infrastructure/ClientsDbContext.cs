using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Clients.Api.Companies;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Infrastructure;

/// <summary>
/// The clients service's one database. Each module (companies, deals, leads, imports, …) adds its
/// tables in its own folder: a <c>partial class ClientsDbContext</c> file with its DbSets and
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes, applied here from the assembly.
/// </summary>
public sealed partial class ClientsDbContext(DbContextOptions<ClientsDbContext> options) : DbContext(options), IOutboxContext
{
    /// <summary>
    /// ICU's root collation: names sort as people expect (case-insensitive first, Cyrillic and
    /// Latin each in alphabet order) whatever locale the database cluster was created with.
    /// </summary>
    public const string NameCollation = "und-x-icu";

    public DbSet<Company> Companies => Set<Company>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<CompanyShare> CompanyShares => Set<CompanyShare>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.Entity<Company>(company =>
        {
            company.ToTable("companies");
            company.HasKey(c => c.Id);
            company.Property(c => c.Name).HasMaxLength(Company.MaxNameLength).UseCollation(NameCollation);
            company.Property(c => c.Inn).HasMaxLength(12);
            company.Property(c => c.Email).HasMaxLength(254);
            company.Property(c => c.Phone).HasMaxLength(20);
            company.Property(c => c.Version).IsRowVersion();
            company.HasGeneratedTsVectorColumn(c => c.SearchVector, "simple", c => new { c.Name });

            // Keyset paging: every list order has an index ending in the id.
            company.HasIndex(c => new { c.Name, c.Id });
            company.HasIndex(c => new { c.CreatedAt, c.Id });
            company.HasIndex(c => c.SearchVector).HasMethod("GIN");
            // Prefix search (LIKE 'x%') on identifiers needs pattern_ops btrees.
            company.HasIndex(c => c.Inn).HasOperators("text_pattern_ops");
            company.HasIndex(c => c.Email).HasOperators("text_pattern_ops");
            company.HasIndex(c => c.Phone).HasOperators("text_pattern_ops");

            company.Property(c => c.OwnerUserId).HasMaxLength(100);
            company.Property(c => c.TeamId).HasMaxLength(100);
            // A manager's own list, in name order, without scanning everybody's records.
            company.HasIndex(c => new { c.OwnerUserId, c.Name, c.Id });
            company.HasIndex(c => new { c.TeamId, c.Name, c.Id });
            company.HasMany(c => c.Shares).WithOne().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Cascade);
            company.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<CompanyShare>(share =>
        {
            share.ToTable("company_shares");
            share.HasKey(s => new { s.CompanyId, s.UserId });
            share.Property(s => s.UserId).HasMaxLength(100);
            share.HasIndex(s => s.UserId);
        });

        modelBuilder.Entity<Contact>(contact =>
        {
            contact.ToTable("contacts");
            contact.HasKey(c => c.Id);
            contact.Property(c => c.FullName).HasMaxLength(Contact.MaxFullNameLength).UseCollation(NameCollation);
            contact.Property(c => c.Position).HasMaxLength(Contact.MaxPositionLength);
            contact.Property(c => c.Email).HasMaxLength(254);
            contact.Property(c => c.Phone).HasMaxLength(20);
            contact.Property(c => c.Version).IsRowVersion();
            contact.HasIndex(c => new { c.CompanyId, c.FullName, c.Id });
        });

        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClientsDbContext).Assembly);
    }
}
