using CrmSuite.Clients.Api.Imports;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Infrastructure;

public sealed partial class ClientsDbContext
{
    public DbSet<ImportJob> Imports => Set<ImportJob>();
    public DbSet<ImportFileRow> ImportFileRows => Set<ImportFileRow>();
    public DbSet<ImportRowPlan> ImportRowPlans => Set<ImportRowPlan>();
    public DbSet<ImportChange> ImportChanges => Set<ImportChange>();
}
