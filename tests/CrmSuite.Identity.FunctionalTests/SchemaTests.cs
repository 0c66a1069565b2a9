using CrmSuite.Identity.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Identity.FunctionalTests;

/// <summary>
/// The checked-in migrations build exactly the model the service runs with: a moved or edited
/// entity configuration that changes the schema fails here instead of at the next `migrations add`.
/// </summary>
public sealed class SchemaTests(IdentityService identity) : IClassFixture<IdentityService>
{
    [Fact]
    public async Task A_migrated_database_has_no_pending_model_changes()
    {
        await using var scope = identity.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the migrations' snapshot.");
    }
}
