using CrmSuite.Audit.Api.Extensions;
using CrmSuite.Audit.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmSuite.Audit.FunctionalTests;

/// <summary>
/// The checked-in migrations build exactly the model the service runs with: a moved or edited
/// entity configuration that changes the schema fails here instead of at the next `migrations add`.
/// </summary>
public sealed class SchemaTests(AuditApi api) : IClassFixture<AuditApi>
{
    [Fact]
    public async Task A_migrated_database_has_no_pending_model_changes()
    {
        // As the owner, as the migration step connects: the service's own role may not read the migrations' history.
        var owner = AuditServiceExtensions.OwnerConnectionName;
        var builder = Host.CreateApplicationBuilder([$"--ConnectionStrings:{owner}={api.OwnerConnectionString}"]);
        builder.AddAuditDatabase(owner);
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the migrations' snapshot.");
    }
}
