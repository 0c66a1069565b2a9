using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Identity.Infrastructure;

public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityDbContext<CrmUser>(options), IDataProtectionKeyContext, IOutboxContext
{
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    /// <summary>Audit events of sign-ins and administration, committed with the change they describe.</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.AddOutbox();
        // Our own entities: one IEntityTypeConfiguration each, in Infrastructure/Configurations.
        builder.ApplyConfigurationsFromAssembly(typeof(IdentityDb).Assembly);
    }
}
