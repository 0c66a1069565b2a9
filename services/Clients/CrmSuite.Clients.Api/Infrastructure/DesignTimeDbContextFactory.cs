using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmSuite.Clients.Api.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without a database or configuration.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ClientsDbContext>
{
    public ClientsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ClientsDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=clientsdb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
