using CrmSuite.BuildingBlocks.Errors;
using Grpc.Core;
using Microsoft.Extensions.Options;
using ClientsContracts = CrmSuite.Clients.Contracts;

namespace CrmSuite.Scheduling.Api.Items;

/// <summary>How long a save waits for the clients service to check its links (Clients:CallTimeout).</summary>
public sealed class ClientLinksOptions
{
    public const string Section = "Clients";

    /// <summary>Per check; a clients service that does not answer in time is "unavailable" (503), not a hung save.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// An item may link only to companies, contacts, deals and leads the person linking may see. The
/// clients service owns them and their visibility, so it is asked over gRPC with the caller's own
/// access token: the answer is what that person sees, never more (as the warehouse's DealGate does).
/// </summary>
public sealed class ClientLinks(
    ClientsContracts.Companies.CompaniesClient companies,
    ClientsContracts.Deals.DealsClient deals,
    ClientsContracts.Leads.LeadsClient leads,
    IOptions<ClientLinksOptions> options,
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
        var headers = CallerHeaders(caller);
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

    /// <summary>A company or deal as the caller sees it: its responsible manager (and a deal's company), its name and team (a process's record); null when the caller does not see it.</summary>
    public sealed record Found(string OwnerUserId, Guid? CompanyId, string Name = "", string? TeamId = null);

    /// <summary>The linked record as the caller sees it, or null (not found, or not theirs to see).</summary>
    public Task<Found?> FindAsync(Link link, HttpContext caller, CancellationToken cancellationToken) =>
        FindAsync(link, CallerHeaders(caller), cancellationToken);

    private static Metadata CallerHeaders(HttpContext caller)
    {
        var headers = new Metadata();
        if (caller.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            headers.Add("Authorization", authorization);
        }
        return headers;
    }

    private async Task<bool> VisibleAsync(Link link, Metadata headers, CancellationToken cancellationToken) =>
        await FindAsync(link, headers, cancellationToken) is not null;

    private async Task<Found?> FindAsync(Link link, Metadata headers, CancellationToken cancellationToken)
    {
        var id = link.Id.ToString();
        await Concurrent.WaitAsync(cancellationToken);
        try
        {
            // The deadline travels to the clients service (grpc-timeout), so it stops working on an answer
            // nobody waits for. gRPC deadlines are on the machine's clock, not the service's TimeProvider.
            var deadline = DateTime.UtcNow + options.Value.CallTimeout;
            switch (link.Kind)
            {
                case Kind.Company:
                    var company = await companies.GetCompanyAsync(new ClientsContracts.GetCompanyRequest { Id = id }, headers, deadline, cancellationToken);
                    return new Found(company.OwnerUserId, link.Id, company.Name, company.TeamId is { Length: > 0 } team ? team : null);
                case Kind.Contact:
                    await companies.GetContactAsync(new ClientsContracts.GetContactRequest { Id = id }, headers, deadline, cancellationToken);
                    return new Found(string.Empty, null);
                case Kind.Deal:
                    var deal = await deals.GetDealAsync(new ClientsContracts.GetDealRequest { Id = id }, headers, deadline, cancellationToken);
                    return new Found(deal.OwnerUserId, Guid.TryParse(deal.CompanyId, out var dealCompany) ? dealCompany : null, deal.Title);
                default:
                    var lead = await leads.GetLeadAsync(new ClientsContracts.GetLeadRequest { Id = id }, headers, deadline, cancellationToken);
                    return new Found(lead.OwnerUserId, null, string.Join(", ", new[] { lead.CompanyName, lead.PersonName }.Where(n => n.Length > 0)),
                        lead.TeamId is { Length: > 0 } leadTeam ? leadTeam : null);
            }
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied or StatusCode.InvalidArgument)
        {
            // A record the person may not see (or, without clients.read, no client record at all) is
            // answered like one that does not exist: no hint that it does.
            return null;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            // The clients service did not take the caller's token (it expired meanwhile, or was never
            // meant for it): a sign-in matter for the caller, not an outage.
            logger.LogWarning("The clients service refused the caller's token checking {Kind} {Id}: {Detail}", link.Kind, link.Id, e.Status.Detail);
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                "The clients service did not accept your sign-in to check the linked client records. Nothing was saved; sign in again and retry."));
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
