using CrmSuite.Audit.Api.Alerts;
using CrmSuite.Audit.Api.Entries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Audit.Api.Infrastructure.Configurations;

internal sealed class AuditAlertConfiguration : IEntityTypeConfiguration<AuditAlert>
{
    public void Configure(EntityTypeBuilder<AuditAlert> alert)
    {
        alert.ToTable("audit_alerts");
        alert.HasKey(a => a.Id);
        alert.Property(a => a.ActorId).HasMaxLength(AuditEntry.MaxActorIdLength);
        alert.Property(a => a.ActorName).HasMaxLength(AuditEntry.MaxActorNameLength);
        alert.HasIndex(a => new { a.ActorId, a.WindowStart }).IsUnique();
    }
}
