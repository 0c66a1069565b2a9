using CrmSuite.Identity.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Identity.Infrastructure.Configurations;

/// <summary>Our columns on ASP.NET Identity's user table (its own mapping comes from <c>IdentityDbContext</c>).</summary>
internal sealed class CrmUserConfiguration : IEntityTypeConfiguration<CrmUser>
{
    public void Configure(EntityTypeBuilder<CrmUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(200);
        user.Property(u => u.Language).HasMaxLength(5);
    }
}
