using CrmSuite.BuildingBlocks.Russian;

namespace CrmSuite.Clients.Api.Deals;

/// <summary>
/// A product line of a deal. The product's name, SKU and unit are snapshots taken when the line
/// was chosen (a renamed product does not change a deal already quoted); the amounts are worked
/// out when the lines are saved (<see cref="LineMoney"/>, at the VAT rate valid that day) and kept,
/// so the deal's amount — their total — does not move by itself.
/// </summary>
public sealed class DealLine
{
    public const int MaxLines = 200;
    public const int MaxNameLength = 500;
    public const int MaxSkuLength = 64;
    public const int MaxUnitLength = 20;

    public Guid Id { get; set; }
    public Guid DealId { get; set; }

    /// <summary>1-based sort order.</summary>
    public int Position { get; set; }

    /// <summary>The warehouse product; null for a line typed by hand (a service).</summary>
    public Guid? ProductId { get; set; }
    public string Name { get; set; } = string.Empty;
    public string? Sku { get; set; }
    public string Unit { get; set; } = string.Empty;
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal DiscountPercent { get; set; }
    public VatKind VatKind { get; set; }

    /// <summary>The percentage applied when saved; null for «без НДС».</summary>
    public decimal? VatPercent { get; set; }
    public decimal PriceAfterDiscount { get; set; }
    public decimal Amount { get; set; }
    public decimal VatAmount { get; set; }
    public decimal Total { get; set; }
}
