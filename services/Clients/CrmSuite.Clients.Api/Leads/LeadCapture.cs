using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Contracts.Events;

namespace CrmSuite.Clients.Api.Leads;

/// <summary>
/// What every channel (web form, API, telephony) does with a new lead: apply the assignment
/// rules, store it, and queue its audit event and <see cref="LeadCaptured"/>, all in one transaction.
/// </summary>
public sealed class LeadCapture(ClientsDbContext db, LeadAssignment assignment, TimeProvider clock)
{
    /// <param name="lead">Validated fields and source; the rest is filled in here.</param>
    /// <param name="audit">Who captured it (actor, address); action, record and values are filled in here.</param>
    /// <param name="fallbackOwner">Responsible when no rule matches (the person entering the lead), or null for nobody.</param>
    /// <param name="alongside">More rows to commit with the lead (the call that created it).</param>
    public async Task<Lead> CaptureAsync(Lead lead, AuditEvent audit, (string UserId, string? TeamId)? fallbackOwner,
        CancellationToken cancellationToken, Action<Lead>? alongside = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        lead.Id = Guid.CreateVersion7(now);
        lead.CreatedAt = lead.UpdatedAt = now;
        lead.Status = LeadStatus.New;
        var rule = await assignment.ApplyAsync(lead, cancellationToken);
        if (rule is null && fallbackOwner is { } owner)
        {
            lead.OwnerUserId = owner.UserId;
            lead.TeamId = owner.TeamId;
        }
        db.Leads.Add(lead);
        alongside?.Invoke(lead);
        db.Audit(audit with
        {
            Action = "clients.lead.captured",
            EntityType = "lead",
            EntityId = lead.Id.ToString(),
            OccurredAt = now,
            After = LeadSnapshot.Of(lead),
            Details = new { source = lead.Source.ToString(), assignedByRule = rule?.Name, ruleId = rule?.Id },
        });
        db.Enqueue(LeadCaptured.Topic, new LeadCaptured(lead.Id, lead.Source.ToString(), lead.OwnerUserId, lead.TeamId,
            lead.SourceFormId, lead.Region, lead.Tags, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return lead;
    }
}

/// <summary>The values of a lead an audit event shows before and after a change.</summary>
public static class LeadSnapshot
{
    public static object Of(Lead lead) => new
    {
        lead.PersonName,
        lead.CompanyName,
        lead.Email,
        lead.Phone,
        lead.Inn,
        Source = lead.Source.ToString(),
        lead.Region,
        lead.Tags,
        Status = lead.Status.ToString(),
        lead.RejectionReason,
        lead.OwnerUserId,
        lead.TeamId,
        lead.CompanyId,
        lead.ContactId,
    };
}
