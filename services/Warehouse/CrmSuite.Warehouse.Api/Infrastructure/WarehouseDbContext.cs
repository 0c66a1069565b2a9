using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Warehouse.Api.Alerts;
using CrmSuite.Warehouse.Api.Catalog;
using CrmSuite.Warehouse.Api.Ledger;
using CrmSuite.Warehouse.Api.Pricing;
using CrmSuite.Warehouse.Api.Reservations;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Warehouse.Api.Infrastructure;

public sealed class WarehouseDbContext(DbContextOptions<WarehouseDbContext> options) : DbContext(options), IOutboxContext, IInboxContext
{
    /// <summary>ICU's root collation: names sort as people expect whatever the cluster's locale.</summary>
    public const string NameCollation = "und-x-icu";

    public DbSet<Product> Products => Set<Product>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<WarehouseSite> Warehouses => Set<WarehouseSite>();
    public DbSet<PriceList> PriceLists => Set<PriceList>();
    public DbSet<PriceListEntry> PriceListEntries => Set<PriceListEntry>();
    public DbSet<Movement> Movements => Set<Movement>();
    public DbSet<MovementLine> MovementLines => Set<MovementLine>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<StockLevel> StockLevels => Set<StockLevel>();
    public DbSet<Reservation> Reservations => Set<Reservation>();
    public DbSet<WarehouseFlag> Flags => Set<WarehouseFlag>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
        // One IEntityTypeConfiguration per entity, in Infrastructure/Configurations.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WarehouseDbContext).Assembly);
    }
}
