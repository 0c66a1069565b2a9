using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Warehouse.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// A deal's product lines, and the warehouse products and price-list prices they are chosen from.
/// Each call answers its result, or <c>null</c> with the reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class DealLinesApi(DealLines.DealLinesClient lines, Catalog.CatalogClient catalog)
{
    public Task<DealLineSet?> GetLinesAsync(string dealId, ErrorState errors) =>
        ServiceCall.RunAsync(lines.GetDealLinesAsync(new GetDealLinesRequest { DealId = dealId }), errors, default);

    /// <summary>Replaces the deal's lines; the answer carries the deal's new version and totals.</summary>
    public Task<DealLineSet?> SaveLinesAsync(SetDealLinesRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(lines.SetDealLinesAsync(request), errors, default);

    /// <summary>Active products whose name words or SKU match <paramref name="query"/>, for the product picker.</summary>
    public async Task<IReadOnlyList<Product>?> FindProductsAsync(string query, ErrorState errors) =>
        (await ServiceCall.RunAsync(catalog.ListProductsAsync(new ListProductsRequest { Query = query, PageSize = 20 }), errors, default))?.Products;

    /// <summary>
    /// The product's price-list price today in <paramref name="currency"/>, or null when it has none
    /// (the person types the price then): a missing price is no error to show.
    /// </summary>
    public async Task<string?> PriceOfAsync(string productId, string currency)
    {
        try
        {
            return (await catalog.GetPriceAsync(new GetPriceRequest { ProductId = productId, Currency = currency })).Price_;
        }
        catch (RpcException)
        {
            return null;
        }
    }
}
