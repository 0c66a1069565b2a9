using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Documents.Api.Attachments;
using Grpc.Core;
using Microsoft.Extensions.Options;
using ClientsContracts = CrmSuite.Clients.Contracts;
using WarehouseContracts = CrmSuite.Warehouse.Contracts;

namespace CrmSuite.Documents.Api.Documents;

/// <summary>
/// The client data a document is made from, asked as the caller (their access token) from the
/// services that own it: the company, contact and deal from clients, products and prices from the
/// warehouse. What the caller cannot see is answered like what does not exist (404), so a manager
/// never makes, nor learns of, a document of a company they cannot see.
/// </summary>
public sealed class DocumentSources(
    ClientsContracts.Companies.CompaniesClient companies,
    ClientsContracts.Deals.DealsClient deals,
    ClientsContracts.DealLines.DealLinesClient dealLines,
    WarehouseContracts.Catalog.CatalogClient catalog,
    IOptions<RecordAccessOptions> options,
    ILogger<DocumentSources> logger)
{
    public Task<ClientsContracts.Company> CompanyAsync(Guid id, HttpContext caller, CancellationToken cancellationToken) =>
        AskAsync("company", id, caller, (h, d) => companies.GetCompanyAsync(new ClientsContracts.GetCompanyRequest { Id = id.ToString() }, h, d, cancellationToken));

    public Task<ClientsContracts.Contact> ContactAsync(Guid id, HttpContext caller, CancellationToken cancellationToken) =>
        AskAsync("contact", id, caller, (h, d) => companies.GetContactAsync(new ClientsContracts.GetContactRequest { Id = id.ToString() }, h, d, cancellationToken));

    public Task<ClientsContracts.Deal> DealAsync(Guid id, HttpContext caller, CancellationToken cancellationToken) =>
        AskAsync("deal", id, caller, (h, d) => deals.GetDealAsync(new ClientsContracts.GetDealRequest { Id = id.ToString() }, h, d, cancellationToken));

    /// <summary>The deal's product lines (ask only when the deal says it has some: <c>line_count</c>).</summary>
    public Task<ClientsContracts.DealLineSet> DealLinesAsync(Guid dealId, HttpContext caller, CancellationToken cancellationToken) =>
        AskAsync("deal", dealId, caller, (h, d) => dealLines.GetDealLinesAsync(new ClientsContracts.GetDealLinesRequest { DealId = dealId.ToString() }, h, d, cancellationToken));

    public Task<WarehouseContracts.Product> ProductAsync(Guid id, HttpContext caller, CancellationToken cancellationToken) =>
        AskAsync("product", id, caller, (h, d) => catalog.GetProductAsync(new WarehouseContracts.GetProductRequest { Id = id.ToString() }, h, d, cancellationToken));

    /// <summary>The price-list price of a product on a date (the client group's, else the base price); null when the product has none.</summary>
    public async Task<WarehouseContracts.Price?> PriceAsync(Guid productId, string clientGroup, DateOnly on, string currency, HttpContext caller, CancellationToken cancellationToken)
    {
        try
        {
            return await AskAsync("price", productId, caller, (h, d) => catalog.GetPriceAsync(new WarehouseContracts.GetPriceRequest
            {
                ProductId = productId.ToString(),
                ClientGroup = clientGroup,
                On = on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Currency = currency,
            }, h, d, cancellationToken));
        }
        catch (RecordNotFoundException)
        {
            return null;
        }
    }

    private async Task<T> AskAsync<T>(string what, Guid id, HttpContext caller, Func<Metadata, DateTime, AsyncUnaryCall<T>> call)
    {
        var headers = new Metadata();
        if (caller.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            headers.Add("Authorization", authorization);
        }
        try
        {
            // gRPC deadlines are on the machine's clock; the deadline travels to the owning service.
            return await call(headers, DateTime.UtcNow + options.Value.CallTimeout);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied or StatusCode.InvalidArgument)
        {
            throw new RecordNotFoundException(what, id.ToString());
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            logger.LogWarning("The service of the {What} refused the caller's token: {Detail}", what, e.Status.Detail);
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Your sign-in was not accepted reading the document's client data; sign in again and retry."));
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            logger.LogWarning(e, "No answer reading {What} {Id}: {Status}", what, id, e.StatusCode);
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"The document's {what} cannot be read now: the service that keeps it is unavailable. Nothing was changed; try again shortly."));
        }
    }
}
