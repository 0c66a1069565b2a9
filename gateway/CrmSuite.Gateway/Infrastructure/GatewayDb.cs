using CrmSuite.Gateway.Session;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Gateway.Infrastructure;

/// <summary>
/// The gateway's own database: the staff UI's sessions (the tokens behind the session cookie) and the
/// data-protection keys that sign the cookie and the antiforgery tokens. Every gateway replica reads
/// the same rows, so a restart keeps people signed in and any replica serves any session.
/// </summary>
public sealed class GatewayDb(DbContextOptions<GatewayDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<StaffSession> Sessions => Set<StaffSession>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GatewayDb).Assembly);
}
