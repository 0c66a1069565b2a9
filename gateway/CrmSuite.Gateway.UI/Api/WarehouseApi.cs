using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Warehouse;
using CrmSuite.Warehouse.Contracts;
using Google.Api;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// The warehouse's catalog, ledger and stock as the staff UI uses them. Each call answers its
/// result, or <c>null</c> with the reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class WarehouseApi(Catalog.CatalogClient catalog, Movements.MovementsClient movements, Stock.StockClient stock)
{
    /// <summary>A page of products; a list's <see cref="Common.LatestLoad"/> turns its errors and drops superseded answers.</summary>
    public Task<ListProductsResponse> ListProductsAsync(ListProductsRequest request, CancellationToken cancellationToken) =>
        catalog.ListProductsAsync(request, cancellationToken: cancellationToken).ResponseAsync;

    /// <summary>Products whose SKU, barcode or name words match <paramref name="query"/>, for a picker or a scanned code.</summary>
    public async Task<IReadOnlyList<Product>?> FindProductsAsync(string query, int pageSize, ErrorState errors,
        bool includeInactive = false, CancellationToken cancellationToken = default) =>
        (await ServiceCall.RunAsync(
            catalog.ListProductsAsync(new ListProductsRequest { Query = query, PageSize = pageSize, IncludeInactive = includeInactive },
                cancellationToken: cancellationToken),
            errors, cancellationToken))?.Products;

    public Task<PriceList?> CreatePriceListAsync(CreatePriceListRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(catalog.CreatePriceListAsync(request), errors, default);

    /// <summary>A page of stock levels; a list's <see cref="Common.LatestLoad"/> turns its errors and drops superseded answers.</summary>
    public Task<ListStockResponse> ListStockAsync(ListStockRequest request, CancellationToken cancellationToken) =>
        stock.ListStockAsync(request, cancellationToken: cancellationToken).ResponseAsync;

    /// <summary>Levels under their minimum with their warehouse's name (open warehouses only name theirs).</summary>
    public async Task<IReadOnlyList<(StockLevel Level, string WarehouseName)>?> BelowMinimumAsync(int pageSize, ErrorState errors,
        CancellationToken cancellationToken = default)
    {
        var levels = await ServiceCall.RunAsync(
            stock.ListStockAsync(new ListStockRequest { BelowMinimumOnly = true, PageSize = pageSize }, cancellationToken: cancellationToken),
            errors, cancellationToken);
        if (levels is null || levels.Levels.Count == 0)
        {
            return levels is null ? null : [];
        }
        var sites = await ServiceCall.RunAsync(catalog.ListWarehousesAsync(new ListWarehousesRequest(), cancellationToken: cancellationToken),
            errors, cancellationToken);
        if (sites is null)
        {
            return null;
        }
        var names = sites.Warehouses.ToDictionary(w => w.Id, w => w.Name);
        return [.. levels.Levels.Select(level => (level, names.GetValueOrDefault(level.WarehouseId, "")))];
    }

    /// <summary>Reserves for a deal; a refusal for want of stock keeps the service's words in <see cref="ErrorState.Refusal"/>.</summary>
    public Task<ReserveResponse?> ReserveAsync(ReserveRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(stock.ReserveAsync(request), errors, default);

    public Task<Movement?> CreateMovementAsync(CreateMovementRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(movements.CreateMovementAsync(request), errors, default);

    public Task<Product?> GetProductAsync(string id, ErrorState errors) =>
        ServiceCall.RunAsync(catalog.GetProductAsync(new GetProductRequest { Id = id }), errors, default);

    /// <summary>Every warehouse, closed ones too, so old movements still name theirs.</summary>
    public Task<WarehouseSites?> LoadSitesAsync(ErrorState errors) =>
        ServiceCall.RunAsync(WarehouseSites.LoadAsync(catalog), errors, default);

    /// <summary>One row per warehouse holding <paramref name="productId"/>.</summary>
    public Task<ListStockResponse?> ListStockOfAsync(string productId, int pageSize, ErrorState errors) =>
        ServiceCall.RunAsync(stock.ListStockAsync(new ListStockRequest { ProductId = productId, PageSize = pageSize }), errors, default);

    public Task<Product?> CreateProductAsync(CreateProductRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(catalog.CreateProductAsync(request), errors, default);

    public Task<Product?> UpdateProductAsync(UpdateProductRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(catalog.UpdateProductAsync(request), errors, default);

    public Task<ListPriceListsResponse?> ListPriceListsAsync(ErrorState errors) =>
        ServiceCall.RunAsync(catalog.ListPriceListsAsync(new ListPriceListsRequest()), errors, default);

    public Task<HttpBody?> ExportPriceListAsync(PriceList list, string format, ErrorState errors) =>
        ServiceCall.RunAsync(catalog.ExportPriceListAsync(new ExportPriceListRequest { Id = list.Id, Format = format }), errors, default);

    public Task<ListMovementsResponse?> ListMovementsAsync(ListMovementsRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(movements.ListMovementsAsync(request), errors, default);

    public Task<Movement?> GetMovementAsync(string id, ErrorState errors) =>
        ServiceCall.RunAsync(movements.GetMovementAsync(new GetMovementRequest { Id = id }), errors, default);

    public Task<Movement?> PostMovementAsync(Movement movement, ErrorState errors) =>
        ServiceCall.RunAsync(movements.PostMovementAsync(new PostMovementRequest { Id = movement.Id, Version = movement.Version }), errors, default);

    /// <summary>Books the opposite movement; the answer is the reversal.</summary>
    public Task<Movement?> ReverseMovementAsync(Movement movement, string reason, ErrorState errors) =>
        ServiceCall.RunAsync(movements.ReverseMovementAsync(new ReverseMovementRequest { Id = movement.Id, Reason = reason }), errors, default);

    public Task<ListReservationsResponse?> ListReservationsAsync(ListReservationsRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(stock.ListReservationsAsync(request), errors, default);

    public Task<Reservation?> ReleaseReservationAsync(Reservation reservation, ErrorState errors) =>
        ServiceCall.RunAsync(stock.ReleaseReservationAsync(new ReleaseReservationRequest { Id = reservation.Id }), errors, default);

    public Task<ListFlagsResponse?> ListFlagsAsync(int pageSize, string pageToken, ErrorState errors) =>
        ServiceCall.RunAsync(stock.ListFlagsAsync(new ListFlagsRequest { PageSize = pageSize, PageToken = pageToken }), errors, default);
}
