using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Contracts.Events;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>
/// The integration events about a company's life, queued in the outbox so they commit with it. An
/// import creates its companies in set-based SQL and queues the same event there
/// (<c>ImportRunner</c>), with the same payload.
/// </summary>
public static class CompanyEvents
{
    /// <summary>Queues <see cref="CompanyCreated"/> for a company just added to <paramref name="db"/>.</summary>
    public static void QueueCreated(ClientsDbContext db, Company company, string origin, DateTimeOffset now, Guid? leadId = null, string? leadSource = null) =>
        db.Enqueue(CompanyCreated.Topic, new CompanyCreated(company.Id, company.Name, company.OwnerUserId, company.TeamId, origin, leadId, leadSource, null, now), now);
}
