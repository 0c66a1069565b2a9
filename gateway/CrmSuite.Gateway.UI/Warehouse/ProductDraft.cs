using CrmSuite.Warehouse.Contracts;

namespace CrmSuite.Gateway.UI.Warehouse;

/// <summary>What the product form edits; the service validates it (SKU characters, barcode digits, VAT range).</summary>
public sealed class ProductDraft
{
    public static readonly IReadOnlyCollection<string> Fields = ["sku", "name", "unit", "barcode", "vat_rate"];

    public string Sku { get; set; } = "";

    public string Name { get; set; } = "";

    public string Unit { get; set; } = "";

    public string Barcode { get; set; } = "";

    public string VatRate { get; set; } = "20";

    public bool Active { get; set; } = true;

    public static ProductDraft From(Product product) => new()
    {
        Sku = product.Sku,
        Name = product.Name,
        Unit = product.Unit,
        Barcode = product.Barcode,
        VatRate = product.VatRate,
        Active = product.Active,
    };

    public CreateProductRequest ToCreateRequest() => new()
    {
        Sku = Sku.Trim(),
        Name = Name.Trim(),
        Unit = Unit.Trim(),
        Barcode = Barcode.Trim(),
        VatRate = Quantities.ToWire(VatRate),
    };

    /// <summary>Carries the version read, so a concurrent change is refused instead of overwritten.</summary>
    public UpdateProductRequest ToUpdateRequest(Product product) => new()
    {
        Id = product.Id,
        Version = product.Version,
        Sku = Sku.Trim(),
        Name = Name.Trim(),
        Unit = Unit.Trim(),
        Barcode = Barcode.Trim(),
        VatRate = Quantities.ToWire(VatRate),
        CategoryId = product.CategoryId,
        Active = Active,
    };
}
