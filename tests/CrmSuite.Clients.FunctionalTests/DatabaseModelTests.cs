using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// The entity mappings in code describe exactly the database the checked-in migrations build: a
/// mapping changed without its migration (or moved and changed by accident) would leave the next
/// deployment's schema behind the code, and fails here instead.
/// </summary>
public sealed class DatabaseModelTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_migrated_database_needs_no_further_migration()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model in code differs from the migrations' snapshot: add a migration (dotnet ef migrations add) or undo the mapping change.");
    }
}
