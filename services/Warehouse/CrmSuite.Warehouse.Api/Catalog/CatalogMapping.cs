using CrmSuite.BuildingBlocks.Russian;
using System.Globalization;
using CrmSuite.Warehouse.Contracts;
using Google.Protobuf.WellKnownTypes;
using static CrmSuite.Warehouse.Api.Common.MessageVersion;

namespace CrmSuite.Warehouse.Api.Catalog;

/// <summary>Products, categories and warehouses as the catalog's messages carry them.</summary>
internal static class CatalogMapping
{
    /// <param name="today">The day whose VAT percentage <c>vat_rate</c> answers (see <see cref="VatRates.TodayInMoscow"/>).</param>
    public static Contracts.Product ToMessage(this Product product, DateOnly today) => new()
    {
        Id = product.Id.ToString(),
        Sku = product.Sku,
        Name = product.Name,
        Unit = product.Unit,
        Barcode = product.Barcode ?? string.Empty,
        VatRate = VatRates.Find(product.VatKind, today) is { } rate
            ? rate.Percent?.ToString("0.##", CultureInfo.InvariantCulture) ?? VatRates.Code(VatKind.None)
            : string.Empty,
        VatKind = VatRates.Code(product.VatKind),
        Active = product.Active,
        CategoryId = product.CategoryId?.ToString() ?? string.Empty,
        CreatedAt = Timestamp.FromDateTimeOffset(product.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(product.UpdatedAt),
        Version = Ver(product.Version),
    };

    public static Contracts.Category ToMessage(this Category category) => new()
    {
        Id = category.Id.ToString(),
        Name = category.Name,
        ParentId = category.ParentId?.ToString() ?? string.Empty,
    };

    public static Contracts.Warehouse ToMessage(this WarehouseSite site) => new()
    {
        Id = site.Id.ToString(),
        Code = site.Code,
        Name = site.Name,
        Address = site.Address ?? string.Empty,
        Active = site.Active,
        Version = Ver(site.Version),
    };
}
