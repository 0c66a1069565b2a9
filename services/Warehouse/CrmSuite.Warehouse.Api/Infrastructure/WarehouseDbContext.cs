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
    private const string Quantity = "numeric(18,3)";
    private const string Money = "numeric(18,2)";
    private const string Cost = "numeric(18,4)";

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

        modelBuilder.Entity<Product>(product =>
        {
            product.ToTable("products");
            product.HasKey(p => p.Id);
            product.Property(p => p.Sku).HasMaxLength(Product.MaxSkuLength);
            product.Property(p => p.Name).HasMaxLength(Product.MaxNameLength).UseCollation(NameCollation);
            product.Property(p => p.Unit).HasMaxLength(Product.MaxUnitLength);
            product.Property(p => p.Barcode).HasMaxLength(Product.MaxBarcodeLength);
            product.Property(p => p.VatRate).HasColumnType("numeric(5,2)");
            product.Property(p => p.Version).IsRowVersion();
            product.HasGeneratedTsVectorColumn(p => p.SearchVector, "simple", p => new { p.Name });
            product.HasIndex(p => p.Sku).IsUnique();
            product.HasIndex(p => p.Barcode).IsUnique().HasFilter("barcode IS NOT NULL");
            // Keyset paging: every list order has an index ending in the id; prefix search needs pattern_ops.
            product.HasIndex(p => new { p.Name, p.Id });
            product.HasIndex(p => new { p.Sku, p.Id });
            product.HasIndex(p => p.Sku).HasOperators("text_pattern_ops").HasDatabaseName("ix_products_sku_prefix");
            product.HasIndex(p => p.Barcode).HasOperators("text_pattern_ops").HasDatabaseName("ix_products_barcode_prefix");
            product.HasIndex(p => p.SearchVector).HasMethod("GIN");
            product.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("categories");
            category.HasKey(c => c.Id);
            category.Property(c => c.Name).HasMaxLength(Category.MaxNameLength).UseCollation(NameCollation);
            category.HasIndex(c => new { c.ParentId, c.Name }).IsUnique().AreNullsDistinct(false);
            category.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<WarehouseSite>(site =>
        {
            site.ToTable("warehouses");
            site.HasKey(w => w.Id);
            site.Property(w => w.Code).HasMaxLength(WarehouseSite.MaxCodeLength);
            site.Property(w => w.Name).HasMaxLength(WarehouseSite.MaxNameLength).UseCollation(NameCollation);
            site.Property(w => w.Address).HasMaxLength(WarehouseSite.MaxAddressLength);
            site.Property(w => w.Version).IsRowVersion();
            site.HasIndex(w => w.Code).IsUnique();
        });

        modelBuilder.Entity<PriceList>(list =>
        {
            list.ToTable("price_lists");
            list.HasKey(l => l.Id);
            list.Property(l => l.Name).HasMaxLength(PriceList.MaxNameLength).UseCollation(NameCollation);
            list.Property(l => l.Currency).HasMaxLength(3).IsFixedLength();
            list.Property(l => l.Version).IsRowVersion();
            list.HasMany(l => l.Entries).WithOne().HasForeignKey(e => e.PriceListId).OnDelete(DeleteBehavior.Cascade);
            list.HasIndex(l => new { l.ValidFrom, l.Id });
            list.ToTable(t => t.HasCheckConstraint("ck_price_lists_validity", "valid_to IS NULL OR valid_to >= valid_from"));
        });

        modelBuilder.Entity<PriceListEntry>(entry =>
        {
            entry.ToTable("price_list_entries");
            entry.HasKey(e => new { e.PriceListId, e.ProductId, e.ClientGroup });
            entry.Property(e => e.ClientGroup).HasMaxLength(PriceListEntry.MaxGroupLength);
            entry.Property(e => e.Price).HasColumnType(Money);
            entry.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
            entry.HasIndex(e => e.ProductId);
            entry.ToTable(t => t.HasCheckConstraint("ck_price_list_entries_price", "price >= 0"));
        });

        modelBuilder.Entity<Movement>(movement =>
        {
            movement.ToTable("movements");
            movement.HasKey(m => m.Id);
            movement.Property(m => m.Number).UseIdentityAlwaysColumn();
            movement.HasIndex(m => m.Number).IsUnique();
            movement.Property(m => m.Type).HasConversion<short>();
            movement.Property(m => m.Supplier).HasMaxLength(Movement.MaxTextLength);
            movement.Property(m => m.Reason).HasMaxLength(Movement.MaxTextLength);
            movement.Property(m => m.Comment).HasMaxLength(Movement.MaxTextLength);
            movement.Property(m => m.CreatedBy).HasMaxLength(100);
            movement.Property(m => m.PostedBy).HasMaxLength(100);
            movement.Property(m => m.Version).IsRowVersion();
            movement.HasMany(m => m.Lines).WithOne().HasForeignKey(l => l.MovementId).OnDelete(DeleteBehavior.Cascade);
            movement.HasOne<WarehouseSite>().WithMany().HasForeignKey(m => m.WarehouseId).OnDelete(DeleteBehavior.Restrict);
            movement.HasOne<WarehouseSite>().WithMany().HasForeignKey(m => m.DestinationWarehouseId).OnDelete(DeleteBehavior.Restrict);
            movement.HasIndex(m => new { m.CreatedAt, m.Id });
            movement.HasIndex(m => m.DealId).HasFilter("deal_id IS NOT NULL");
            movement.HasIndex(m => new { m.CompanyId, m.CreatedAt }).HasFilter("company_id IS NOT NULL");
            movement.HasIndex(m => m.ReversesMovementId).IsUnique().HasFilter("reverses_movement_id IS NOT NULL");
        });

        modelBuilder.Entity<MovementLine>(line =>
        {
            line.ToTable("movement_lines");
            line.HasKey(l => new { l.MovementId, l.LineNo });
            line.Property(l => l.Quantity).HasColumnType(Quantity);
            line.Property(l => l.UnitCost).HasColumnType(Cost);
            line.Property(l => l.CountedQuantity).HasColumnType(Quantity);
            line.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
            line.HasIndex(l => l.ProductId);
        });

        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("ledger_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).UseIdentityAlwaysColumn();
            entry.Property(e => e.QuantityDelta).HasColumnType(Quantity);
            entry.Property(e => e.ValueDelta).HasColumnType(Cost);
            entry.Property(e => e.UnitCost).HasColumnType(Cost);
            entry.HasOne<Movement>().WithMany().HasForeignKey(e => e.MovementId).OnDelete(DeleteBehavior.Restrict);
            entry.HasIndex(e => new { e.ProductId, e.WarehouseId, e.Id });
            entry.HasIndex(e => e.MovementId);
        });

        modelBuilder.Entity<StockLevel>(level =>
        {
            level.ToTable("stock_levels", t =>
            {
                // The last line of defence against overselling: whatever the code does, the
                // database refuses a state where more is reserved than is on hand.
                t.HasCheckConstraint("ck_stock_levels_on_hand", "on_hand >= 0");
                t.HasCheckConstraint("ck_stock_levels_reserved", "reserved >= 0 AND reserved <= on_hand");
                t.HasCheckConstraint("ck_stock_levels_minimum", "minimum_quantity >= 0");
            });
            level.HasKey(l => new { l.ProductId, l.WarehouseId });
            level.Property(l => l.OnHand).HasColumnType(Quantity);
            level.Property(l => l.Reserved).HasColumnType(Quantity);
            level.Property(l => l.StockValue).HasColumnType(Cost);
            level.Property(l => l.MinimumQuantity).HasColumnType(Quantity);
            level.Ignore(l => l.Available);
            level.Ignore(l => l.AverageCost);
            level.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
            level.HasOne<WarehouseSite>().WithMany().HasForeignKey(l => l.WarehouseId).OnDelete(DeleteBehavior.Restrict);
            level.HasIndex(l => l.WarehouseId);
        });

        modelBuilder.Entity<Reservation>(reservation =>
        {
            reservation.ToTable("reservations", t => t.HasCheckConstraint("ck_reservations_quantity", "quantity > 0"));
            reservation.HasKey(r => r.Id);
            reservation.Property(r => r.Quantity).HasColumnType(Quantity);
            reservation.Property(r => r.Status).HasConversion<short>();
            reservation.Property(r => r.CreatedBy).HasMaxLength(100);
            reservation.HasIndex(r => new { r.DealId, r.Id });
            reservation.HasIndex(r => new { r.ProductId, r.WarehouseId }).HasFilter("status = 1");
            reservation.HasIndex(r => r.ExpiresAt).HasFilter("status = 1");
            reservation.HasIndex(r => new { r.CreatedAt, r.Id });
        });

        modelBuilder.Entity<WarehouseFlag>(flag =>
        {
            flag.ToTable("warehouse_flags");
            flag.HasKey(f => f.Id);
            flag.Property(f => f.Kind).HasConversion<short>();
            flag.Property(f => f.ActorId).HasMaxLength(100);
            flag.Property(f => f.ActorName).HasMaxLength(200);
            flag.Property(f => f.Amount).HasColumnType(Money);
            flag.Property(f => f.Description).HasMaxLength(1000);
            flag.HasIndex(f => new { f.OccurredAt, f.Id });
        });
    }
}
