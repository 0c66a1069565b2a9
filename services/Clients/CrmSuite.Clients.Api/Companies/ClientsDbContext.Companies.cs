using CrmSuite.Clients.Api.Companies;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Infrastructure;

public sealed partial class ClientsDbContext
{
    public DbSet<CompanyChange> CompanyChanges => Set<CompanyChange>();
}
