using CrmSuite.Warehouse.Contracts;
using Grpc.Core;
using WarehouseSite = CrmSuite.Warehouse.Contracts.Warehouse;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The warehouse catalogue as the UI sees it: each test says how it answers and reads what it was asked.</summary>
internal sealed class FakeCatalogClient : Catalog.CatalogClient
{
    public List<WarehouseSite> Warehouses { get; } = [];

    public Func<ListProductsRequest, AsyncUnaryCall<ListProductsResponse>> OnListProducts { get; set; } =
        _ => Calls.Ok(new ListProductsResponse());

    public Func<GetProductRequest, AsyncUnaryCall<Product>> OnGetProduct { get; set; } =
        _ => Calls.Fail<Product>(Calls.Error(StatusCode.NotFound));

    public Func<CreateProductRequest, AsyncUnaryCall<Product>> OnCreateProduct { get; set; } =
        request => Calls.Ok(new Product { Id = "created", Sku = request.Sku.ToUpperInvariant(), Name = request.Name, Version = "1" });

    public Func<UpdateProductRequest, AsyncUnaryCall<Product>> OnUpdateProduct { get; set; } =
        request => Calls.Ok(new Product { Id = request.Id, Sku = request.Sku, Name = request.Name, Version = "2" });

    public List<PriceList> PriceLists { get; } = [];

    public List<ExportPriceListRequest> ExportRequests { get; } = [];

    public List<CreatePriceListRequest> CreatePriceListRequests { get; } = [];

    public Func<CreatePriceListRequest, AsyncUnaryCall<PriceList>> OnCreatePriceList { get; set; } =
        request => Calls.Ok(new PriceList { Id = "pl-new", Name = request.Name, Currency = request.Currency, ValidFrom = request.ValidFrom, Items = { request.Items } });

    public List<ListProductsRequest> ListProductsRequests { get; } = [];

    public List<CreateProductRequest> CreateProductRequests { get; } = [];

    public override AsyncUnaryCall<ListWarehousesResponse> ListWarehousesAsync(ListWarehousesRequest request, CallOptions options) =>
        Calls.Ok(new ListWarehousesResponse { Warehouses = { Warehouses } });

    public override AsyncUnaryCall<ListProductsResponse> ListProductsAsync(ListProductsRequest request, CallOptions options)
    {
        ListProductsRequests.Add(request);
        return OnListProducts(request);
    }

    public override AsyncUnaryCall<Product> GetProductAsync(GetProductRequest request, CallOptions options) => OnGetProduct(request);

    /// <summary>Price-list prices by product id; a product without one is NOT_FOUND, as the service answers.</summary>
    public Dictionary<string, string> Prices { get; } = [];

    public override AsyncUnaryCall<Price> GetPriceAsync(GetPriceRequest request, CallOptions options) =>
        Prices.TryGetValue(request.ProductId, out var price)
            ? Calls.Ok(new Price { ProductId = request.ProductId, Price_ = price, Currency = "RUB" })
            : Calls.Fail<Price>(Calls.Error(StatusCode.NotFound, "No price."));

    public override AsyncUnaryCall<Product> CreateProductAsync(CreateProductRequest request, CallOptions options)
    {
        CreateProductRequests.Add(request);
        return OnCreateProduct(request);
    }

    public override AsyncUnaryCall<Product> UpdateProductAsync(UpdateProductRequest request, CallOptions options) => OnUpdateProduct(request);

    public override AsyncUnaryCall<ListPriceListsResponse> ListPriceListsAsync(ListPriceListsRequest request, CallOptions options) =>
        Calls.Ok(new ListPriceListsResponse { PriceLists = { PriceLists } });

    public override AsyncUnaryCall<Google.Api.HttpBody> ExportPriceListAsync(ExportPriceListRequest request, CallOptions options)
    {
        ExportRequests.Add(request);
        return Calls.Ok(new Google.Api.HttpBody { ContentType = "text/csv; charset=utf-8", Data = Google.Protobuf.ByteString.CopyFromUtf8("SKU;Product\n") });
    }

    public override AsyncUnaryCall<PriceList> CreatePriceListAsync(CreatePriceListRequest request, CallOptions options)
    {
        CreatePriceListRequests.Add(request);
        return OnCreatePriceList(request);
    }
}
