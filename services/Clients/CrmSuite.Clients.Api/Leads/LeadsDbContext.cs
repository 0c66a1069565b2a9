using CrmSuite.Clients.Api.Leads;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Infrastructure;

/// <summary>The leads module's tables.</summary>
public sealed partial class ClientsDbContext
{
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<WebForm> WebForms => Set<WebForm>();
    public DbSet<AssignmentRule> LeadAssignmentRules => Set<AssignmentRule>();
    public DbSet<TelephonyIntegration> TelephonyIntegrations => Set<TelephonyIntegration>();
    public DbSet<Call> Calls => Set<Call>();
}
