using System.Globalization;
using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Contracts;
using static CrmSuite.Warehouse.Api.Common.MessageVersion;
using PriceList = CrmSuite.Warehouse.Api.Pricing.PriceList;
using Product = CrmSuite.Warehouse.Api.Catalog.Product;

namespace CrmSuite.Warehouse.Api.Pricing;

/// <summary>A price list as the catalog's messages carry it: one item per product, sorted by SKU.</summary>
internal static class PriceListMapping
{
    public static Contracts.PriceList ToMessage(this PriceList list, IReadOnlyDictionary<Guid, Product> products)
    {
        var message = new Contracts.PriceList
        {
            Id = list.Id.ToString(),
            Name = list.Name,
            Currency = list.Currency,
            ValidFrom = list.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ValidTo = list.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            Version = Ver(list.Version),
        };
        foreach (var group in list.Entries.GroupBy(e => e.ProductId).OrderBy(g => products.TryGetValue(g.Key, out var p) ? p.Sku : g.Key.ToString(), StringComparer.Ordinal))
        {
            products.TryGetValue(group.Key, out var product);
            var item = new PriceListItem
            {
                ProductId = group.Key.ToString(),
                Sku = product?.Sku ?? string.Empty,
                ProductName = product?.Name ?? string.Empty,
                BasePrice = group.Where(e => e.ClientGroup.Length == 0).Select(e => Numbers.Money(e.Price)).FirstOrDefault() ?? string.Empty,
            };
            item.GroupPrices.AddRange(group.Where(e => e.ClientGroup.Length > 0).OrderBy(e => e.ClientGroup, StringComparer.Ordinal)
                .Select(e => new GroupPrice { ClientGroup = e.ClientGroup, Price = Numbers.Money(e.Price) }));
            message.Items.Add(item);
        }
        return message;
    }
}
