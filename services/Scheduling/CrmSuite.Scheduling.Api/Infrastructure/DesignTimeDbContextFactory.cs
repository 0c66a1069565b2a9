using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmSuite.Scheduling.Api.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without a database or configuration.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SchedulingDbContext>
{
    public SchedulingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SchedulingDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=schedulingdb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
