using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmSuite.Kpi.Api.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without a database or configuration.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<KpiDbContext>
{
    public KpiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<KpiDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=kpidb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
