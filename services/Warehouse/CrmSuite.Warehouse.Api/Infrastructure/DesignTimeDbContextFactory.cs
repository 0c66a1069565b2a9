using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmSuite.Warehouse.Api.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without a database or configuration.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WarehouseDbContext>
{
    public WarehouseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WarehouseDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=warehousedb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
