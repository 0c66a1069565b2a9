using CrmSuite.Audit.Api.Alerts;
using CrmSuite.Audit.Api.Entries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Audit.Api.Infrastructure.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.HasKey(e => e.Id);
        // An identity column, but appends assign the id themselves from the locked chain head so
        // positions have no gaps (a sequence loses values on rollback, and a gap means "deleted").
        entry.Property(e => e.Id).UseIdentityByDefaultColumn();
        entry.Property(e => e.ActorId).HasMaxLength(AuditEntry.MaxActorIdLength);
        entry.Property(e => e.ActorName).HasMaxLength(AuditEntry.MaxActorNameLength);
        entry.Property(e => e.ActorRole).HasMaxLength(AuditEntry.MaxActorRoleLength);
        entry.Property(e => e.Action).HasMaxLength(AuditEntry.MaxActionLength);
        entry.Property(e => e.EntityType).HasMaxLength(AuditEntry.MaxEntityTypeLength);
        entry.Property(e => e.EntityId).HasMaxLength(AuditEntry.MaxEntityIdLength);
        entry.Property(e => e.Ip).HasMaxLength(AuditEntry.MaxIpLength);
        entry.Property(e => e.UserAgent).HasMaxLength(AuditEntry.MaxUserAgentLength);
        entry.Property(e => e.Outcome).HasMaxLength(AuditEntry.MaxOutcomeLength);
        entry.Property(e => e.Before).HasColumnType("jsonb");
        entry.Property(e => e.After).HasColumnType("jsonb");
        entry.Property(e => e.Details).HasColumnType("jsonb");
        entry.Property(e => e.EventId).HasMaxLength(AuditEntry.MaxEventIdLength);
        entry.Property(e => e.PrevHash).HasMaxLength(AuditEntry.HashLength).IsFixedLength();
        entry.Property(e => e.Hash).HasMaxLength(AuditEntry.HashLength).IsFixedLength();

        entry.HasIndex(e => e.EventId).IsUnique();
        // Search filters, each ending in the id for keyset paging (newest first).
        entry.HasIndex(e => new { e.ActorId, e.Id });
        entry.HasIndex(e => new { e.Action, e.Id });
        entry.HasIndex(e => new { e.EntityType, e.EntityId, e.Id });
        entry.HasIndex(e => e.OccurredAt);
        // The alert rule counts one actor's client reads in one hour on every such append.
        entry.HasIndex(e => new { e.ActorId, e.OccurredAt })
            .HasDatabaseName("ix_audit_entries_client_reads")
            .HasFilter($"action IN ('{AlertRule.ViewAction}', '{AlertRule.ExportAction}')");
    }
}
