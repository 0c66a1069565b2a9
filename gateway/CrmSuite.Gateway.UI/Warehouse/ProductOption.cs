using CrmSuite.Warehouse.Contracts;

namespace CrmSuite.Gateway.UI.Warehouse;

/// <summary>A product as a choice in a drop-down: its id and what people recognise it by.</summary>
public sealed record ProductOption(string Id, string Label)
{
    public static ProductOption From(Product product) => new(product.Id, $"{product.Sku} · {product.Name}");
}
