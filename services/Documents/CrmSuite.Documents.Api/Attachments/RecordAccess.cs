using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Documents.Api.Infrastructure;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ClientsContracts = CrmSuite.Clients.Contracts;
using SchedulingContracts = CrmSuite.Scheduling.Contracts;
using WarehouseContracts = CrmSuite.Warehouse.Contracts;

namespace CrmSuite.Documents.Api.Attachments;

/// <summary>Documents:RecordAccess: how long a check of a record waits for the service that owns it.</summary>
public sealed class RecordAccessOptions
{
    public const string Section = "Documents:RecordAccess";

    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// A file is visible exactly when its record is. The record's own service decides, asked over gRPC
/// with the caller's access token (companies, contacts, deals and leads: clients; tasks:
/// scheduling; products and movements: warehouse), so a manager never reaches a file of a company
/// they cannot see. Our organisations are this service's own and visible with documents.read.
/// </summary>
public sealed class RecordAccess(
    ClientsContracts.Companies.CompaniesClient companies,
    ClientsContracts.Deals.DealsClient deals,
    ClientsContracts.Leads.LeadsClient leads,
    SchedulingContracts.Items.ItemsClient items,
    WarehouseContracts.Catalog.CatalogClient catalog,
    WarehouseContracts.Movements.MovementsClient movements,
    DocumentsDbContext db,
    IOptions<RecordAccessOptions> options,
    ILogger<RecordAccess> logger)
{
    // Remembered per request: a page of search results asks about each record once.
    private readonly Dictionary<(string, Guid), bool> _answers = [];

    public async Task<bool> CanSeeAsync(string recordType, Guid recordId, HttpContext caller, CancellationToken cancellationToken)
    {
        if (_answers.TryGetValue((recordType, recordId), out var known))
        {
            return known;
        }
        var visible = await AskAsync(recordType, recordId, caller, cancellationToken);
        _answers[(recordType, recordId)] = visible;
        return visible;
    }

    private async Task<bool> AskAsync(string recordType, Guid recordId, HttpContext caller, CancellationToken cancellationToken)
    {
        if (recordType == AttachmentRules.Organisation)
        {
            return await db.Organisations.AnyAsync(o => o.Id == recordId, cancellationToken);
        }
        var headers = new Metadata();
        if (caller.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            headers.Add("Authorization", authorization);
        }
        var id = recordId.ToString();
        // gRPC deadlines are on the machine's clock; the deadline travels to the owning service.
        var deadline = DateTime.UtcNow + options.Value.CallTimeout;
        try
        {
            _ = recordType switch
            {
                AttachmentRules.Company => (object)await companies.GetCompanyAsync(new ClientsContracts.GetCompanyRequest { Id = id }, headers, deadline, cancellationToken),
                AttachmentRules.Contact => await companies.GetContactAsync(new ClientsContracts.GetContactRequest { Id = id }, headers, deadline, cancellationToken),
                AttachmentRules.Deal => await deals.GetDealAsync(new ClientsContracts.GetDealRequest { Id = id }, headers, deadline, cancellationToken),
                AttachmentRules.Lead => await leads.GetLeadAsync(new ClientsContracts.GetLeadRequest { Id = id }, headers, deadline, cancellationToken),
                AttachmentRules.Task => await items.GetItemAsync(new SchedulingContracts.GetItemRequest { Id = id }, headers, deadline, cancellationToken),
                AttachmentRules.Product => await catalog.GetProductAsync(new WarehouseContracts.GetProductRequest { Id = id }, headers, deadline, cancellationToken),
                AttachmentRules.Movement => await movements.GetMovementAsync(new WarehouseContracts.GetMovementRequest { Id = id }, headers, deadline, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown record type {recordType}."),
            };
            return true;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied or StatusCode.InvalidArgument)
        {
            // Not there, or not the caller's to see: the same answer, so nothing hints that it exists.
            return false;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            logger.LogWarning("The {RecordType} service refused the caller's token: {Detail}", recordType, e.Status.Detail);
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Your sign-in was not accepted checking the file's record; sign in again and retry."));
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "No answer checking {RecordType} {RecordId}: {Status}", recordType, recordId, e.StatusCode);
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"The file's {recordType} cannot be checked now: the service that keeps it is unavailable. Nothing was changed; try again shortly."));
        }
    }

    /// <summary>Who the caller is, for the records the file keeps.</summary>
    public static (string Id, string Name) Caller(HttpContext http) =>
        (http.User.UserId() ?? "anonymous", http.User.FindFirst(CrmClaims.Name)?.Value ?? string.Empty);
}
