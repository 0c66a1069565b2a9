using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmSuite.Documents.Api.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without a database or configuration.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DocumentsDbContext>
{
    public DocumentsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DocumentsDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=documentsdb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
