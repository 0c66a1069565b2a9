using System.Globalization;
using CrmSuite.Clients.Contracts;
using CrmSuite.Warehouse.Contracts;

namespace CrmSuite.Gateway.UI.Deals;

/// <summary>A deal line as the Products section edits it: the product's snapshot, and what the person types.</summary>
public sealed class DealLineDraft
{
    public string ProductId { get; init; } = "";

    public string Name { get; init; } = "";

    public string Sku { get; init; } = "";

    public string Unit { get; init; } = "";

    public string Quantity { get; set; } = "1";

    public string UnitPrice { get; set; } = "";

    public string DiscountPercent { get; set; } = "";

    public string VatKind { get; set; } = "standard";

    /// <summary>Chosen without a price-list price: the person types the price.</summary>
    public bool NoListPrice { get; init; }

    public static DealLineDraft From(DealLine line) => new()
    {
        ProductId = line.ProductId, Name = line.Name, Sku = line.Sku, Unit = line.Unit, Quantity = line.Quantity, UnitPrice = line.UnitPrice,
        DiscountPercent = line.DiscountPercent == "0" ? "" : line.DiscountPercent, VatKind = line.VatKind,
    };

    /// <summary>A line for a product just chosen, at its price-list price (empty when it has none).</summary>
    public static DealLineDraft For(Product product, string? price) => new()
    {
        ProductId = product.Id, Name = product.Name, Sku = product.Sku, Unit = product.Unit, UnitPrice = price ?? "", NoListPrice = price is null,
        VatKind = product.VatKind.Length > 0 ? product.VatKind : "standard",
    };

    public DealLine ToMessage() => new()
    {
        ProductId = ProductId, Name = Name, Sku = Sku, Unit = Unit, Quantity = Wire(Quantity), UnitPrice = Wire(UnitPrice),
        DiscountPercent = Wire(DiscountPercent), VatKind = VatKind,
    };

    /// <summary>
    /// Quantity × price less the discount as typed, for the row while it is edited (the service
    /// rounds the price after discount and the amount to kopecks the same way when it saves);
    /// null while a figure is not a number.
    /// </summary>
    public decimal? Amount()
    {
        if (!TryRead(Quantity, out var quantity) || !TryRead(UnitPrice, out var price))
        {
            return null;
        }
        var discount = DiscountPercent.Trim().Length == 0 ? 0m : TryRead(DiscountPercent, out var d) ? d : (decimal?)null;
        if (discount is null)
        {
            return null;
        }
        var after = Math.Round(price * (100m - discount.Value) / 100m, 2, MidpointRounding.AwayFromZero);
        return Math.Round(quantity * after, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>"1 500,50" as typed in Russian becomes "1500.50"; the service checks the rest.</summary>
    private static string Wire(string value) => new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray()).Replace(',', '.');

    private static bool TryRead(string value, out decimal number) =>
        decimal.TryParse(Wire(value), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
}
