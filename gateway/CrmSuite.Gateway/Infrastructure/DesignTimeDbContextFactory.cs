using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmSuite.Gateway.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without a database or configuration.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<GatewayDb>
{
    public GatewayDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GatewayDb>()
            .UseNpgsql("Host=127.0.0.1;Database=gatewaydb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
