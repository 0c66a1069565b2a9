using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Leads;

/// <summary>
/// Segmentation: the ordered assignment rules, first match wins. Conditions (source, region,
/// tag) are all optional and must all hold; the action is one manager, or a round robin.
/// </summary>
public sealed class LeadAssignment(ClientsDbContext db)
{
    /// <summary>Assigns the lead by the first rule it matches; returns that rule, or null when none does.</summary>
    /// <remarks>Must run inside the capture's transaction: the round robin's counter moves with the lead.</remarks>
    public async Task<AssignmentRule?> ApplyAsync(Lead lead, CancellationToken cancellationToken)
    {
        var rules = await db.LeadAssignmentRules.AsNoTracking().OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var rule = rules.FirstOrDefault(r => Matches(r, lead));
        if (rule is null || rule.ManagerUserIds.Count == 0)
        {
            return null;
        }
        var manager = rule.ManagerUserIds[0];
        if (rule.ManagerUserIds.Count > 1)
        {
            // The UPDATE locks the rule's row until commit, so concurrent captures take turns
            // and each reads back its own count: no two leads get the same turn.
            await db.LeadAssignmentRules.Where(r => r.Id == rule.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.HandedOut, r => r.HandedOut + 1), cancellationToken);
            var handedOut = await db.LeadAssignmentRules.Where(r => r.Id == rule.Id).Select(r => r.HandedOut).SingleAsync(cancellationToken);
            manager = rule.ManagerUserIds[(int)((handedOut - 1) % rule.ManagerUserIds.Count)];
        }
        lead.OwnerUserId = manager;
        lead.TeamId = rule.TeamId;
        return rule;
    }

    public static bool Matches(AssignmentRule rule, Lead lead) =>
        (rule.Source is null || rule.Source == lead.Source)
        && (rule.Region is null || string.Equals(rule.Region, lead.Region, StringComparison.OrdinalIgnoreCase))
        && (rule.Tag is null || lead.Tags.Contains(rule.Tag));
}
