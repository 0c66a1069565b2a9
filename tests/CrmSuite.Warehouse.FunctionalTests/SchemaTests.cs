using CrmSuite.Testing;
using CrmSuite.Warehouse.Api.Demo;
using CrmSuite.Warehouse.Api.Extensions;
using CrmSuite.Warehouse.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>
/// The checked-in migrations build exactly the model the service runs with: a moved or edited
/// entity configuration that changes the schema fails here instead of at the next `migrations add`.
/// </summary>
public sealed class SchemaTests
{
    [Fact]
    public async Task A_migrated_database_has_no_pending_model_changes()
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("warehouse");
        var connection = $"--ConnectionStrings:{WarehouseServiceExtensions.DatabaseName}={database}";
        Assert.Equal(0, await WarehouseMigrator.RunAsync(["migrate", connection]));

        var builder = Host.CreateApplicationBuilder([connection]);
        builder.AddWarehouseDatabase();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the migrations' snapshot.");
    }
}
