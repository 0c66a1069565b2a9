using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Warehouse.Contracts;

namespace CrmSuite.Gateway.UI.Warehouse;

/// <summary>What the product form edits; the service validates it (SKU characters, barcode digits, VAT kind).</summary>
public sealed class ProductDraft
{
    public static readonly IReadOnlyCollection<string> Fields = ["sku", "name", "unit", "barcode", "vat_rate", "vat_kind"];

    public string Sku { get; set; } = "";

    public string Name { get; set; } = "";

    public string Unit { get; set; } = "";

    public string Barcode { get; set; } = "";

    /// <summary>The VAT kind (the percentage follows from the document's date: standard is 22 % from 2026).</summary>
    public string VatKind { get; set; } = "standard";

    public bool Active { get; set; } = true;

    public static ProductDraft From(Product product) => new()
    {
        Sku = product.Sku,
        Name = product.Name,
        Unit = product.Unit,
        Barcode = product.Barcode,
        VatKind = product.VatKind.Length > 0 ? product.VatKind : "standard",
        Active = product.Active,
    };

    public CreateProductRequest ToCreateRequest() => new()
    {
        Sku = Sku.Trim(),
        Name = Name.Trim(),
        Unit = Unit.Trim(),
        Barcode = Barcode.Trim(),
        VatKind = VatKind,
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
        VatKind = VatKind,
        CategoryId = product.CategoryId,
        Active = Active,
    };
}

/// <summary>A VAT kind as the product form offers it.</summary>
public sealed record VatKindOption(string Kind, string Label)
{
    public static IReadOnlyList<VatKindOption> All(UiText text) =>
    [
        new("standard", text[Texts.Products.VatStandard]),
        new("reduced", text[Texts.Products.VatReduced]),
        new("zero", "0 %"),
        new("usn5", text[Texts.Products.VatUsn5]),
        new("usn7", text[Texts.Products.VatUsn7]),
        new("none", text[Texts.Products.VatNone]),
    ];

    /// <summary>How a product's VAT reads on its card: the kind's name (a kind this form does not know shows as sent).</summary>
    public static string Describe(UiText text, string kind) => All(text).FirstOrDefault(o => o.Kind == kind)?.Label ?? kind;
}
