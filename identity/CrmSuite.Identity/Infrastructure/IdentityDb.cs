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
        builder.Entity<CrmUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.Language).HasMaxLength(5);
        });
        builder.Entity<Team>(team =>
        {
            team.ToTable("teams");
            team.Property(t => t.Name).HasMaxLength(Team.MaxNameLength);
            team.HasIndex(t => t.Name).IsUnique();
            team.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<TeamMember>(member =>
        {
            member.ToTable("team_members");
            member.HasKey(m => new { m.TeamId, m.UserId });
            member.HasIndex(m => m.UserId);
        });
    }
}

internal sealed class DesignTimeIdentityDbFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDb>().UseNpgsql("Host=127.0.0.1;Database=identitydb").UseSnakeCaseNamingConvention().Options);
}
