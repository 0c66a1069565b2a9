using CrmSuite.BuildingBlocks.Errors;
using Grpc.Core;
using ClientsContracts = CrmSuite.Clients.Contracts;

namespace CrmSuite.Scheduling.Api.Items;

/// <summary>
/// An item may link only to companies, contacts, deals and leads the person linking may see. The
/// clients service owns them and their visibility, so it is asked over gRPC with the caller's own
/// access token: the answer is what that person sees, never more (as the warehouse's DealGate does).
/// </summary>
public sealed class ClientLinks(
    ClientsContracts.Companies.CompaniesClient companies,
    ClientsContracts.Deals.DealsClient deals,
    ClientsContracts.Leads.LeadsClient leads,
    ILogger<ClientLinks> logger)
{
    public enum Kind { Company, Contact, Deal, Lead }

    public sealed record Link(string Field, Kind Kind, Guid Id);

    // At most this many checks of one replica at once, so a burst of planning does not exhaust the
    // clients service's database connections.
    private static readonly SemaphoreSlim Concurrent = new(8);

    /// <summary>Checks every link; all the invisible ones are refused together (400 naming each field).</summary>
    public async Task EnsureVisibleAsync(IReadOnlyList<Link> links, HttpContext caller, CancellationToken cancellationToken)
    {
        if (links.Count == 0)
        {
            return;
        }
        var headers = new Metadata();
        if (caller.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            headers.Add("Authorization", authorization);
        }
        var errors = new FieldErrors();
        foreach (var link in links)
        {
            if (!await VisibleAsync(link, headers, cancellationToken))
            {
                errors.Add(link.Field, $"{link.Kind} not found.");
            }
        }
        errors.ThrowIfAny();
    }

    private async Task<bool> VisibleAsync(Link link, Metadata headers, CancellationToken cancellationToken)
    {
        var id = link.Id.ToString();
        await Concurrent.WaitAsync(cancellationToken);
        try
        {
            switch (link.Kind)
            {
                case Kind.Company:
                    await companies.GetCompanyAsync(new ClientsContracts.GetCompanyRequest { Id = id }, headers, cancellationToken: cancellationToken);
                    break;
                case Kind.Contact:
                    await companies.GetContactAsync(new ClientsContracts.GetContactRequest { Id = id }, headers, cancellationToken: cancellationToken);
                    break;
                case Kind.Deal:
                    await deals.GetDealAsync(new ClientsContracts.GetDealRequest { Id = id }, headers, cancellationToken: cancellationToken);
                    break;
                default:
                    await leads.GetLeadAsync(new ClientsContracts.GetLeadRequest { Id = id }, headers, cancellationToken: cancellationToken);
                    break;
            }
            return true;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied or StatusCode.InvalidArgument)
        {
            // A record the person may not see is answered like one that does not exist: no hint that it does.
            return false;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The clients service did not answer for {Kind} {Id}: {Status}", link.Kind, link.Id, e.StatusCode);
            throw new RpcException(new Status(StatusCode.Unavailable,
                "The linked client records cannot be checked now: the clients service is unavailable. Nothing was saved; try again shortly."));
        }
        finally
        {
            Concurrent.Release();
        }
    }
}
