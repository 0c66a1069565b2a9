using CrmSuite.BuildingBlocks.Russian;
using NpgsqlTypes;

namespace CrmSuite.Warehouse.Api.Catalog;

public sealed class Product
{
    public const int MaxSkuLength = 64;
    public const int MaxNameLength = 300;
    public const int MaxUnitLength = 16;
    public const int MaxBarcodeLength = 64;

    public Guid Id { get; set; }
    public string Sku { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string Unit { get; set; } = string.Empty;
    public string? Barcode { get; set; }
    /// <summary>The VAT kind; its percentage depends on the date (see <see cref="VatRates"/>).</summary>
    public VatKind VatKind { get; set; } = VatKind.Standard;
    public bool Active { get; set; } = true;
    public Guid? CategoryId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
    public NpgsqlTsVector SearchVector { get; set; } = null!;
}

public sealed class Category
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public Guid? ParentId { get; set; }
}

/// <summary>A warehouse of the company (the type is not called Warehouse: that is the service's namespace).</summary>
public sealed class WarehouseSite
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;

    public Guid Id { get; set; }
    public string Code { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string? Address { get; set; }
    public bool Active { get; set; } = true;
    public uint Version { get; set; }
}
