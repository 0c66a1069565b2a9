using CrmSuite.Clients.Api.Deals;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Infrastructure;

/// <summary>The deals module's tables.</summary>
public sealed partial class ClientsDbContext
{
    public DbSet<Pipeline> Pipelines => Set<Pipeline>();
    public DbSet<PipelineStage> PipelineStages => Set<PipelineStage>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealStageChange> DealStageHistory => Set<DealStageChange>();
}
