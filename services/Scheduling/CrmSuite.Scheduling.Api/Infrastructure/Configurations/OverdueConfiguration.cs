using CrmSuite.Scheduling.Api.Overdue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Scheduling.Api.Infrastructure.Configurations;

internal sealed class OverdueDigestConfiguration : IEntityTypeConfiguration<OverdueDigest>
{
    public void Configure(EntityTypeBuilder<OverdueDigest> digest)
    {
        digest.ToTable("overdue_digests");
        // Once per head and day, whichever replica gets there first.
        digest.HasKey(d => new { d.HeadUserId, d.Day });
        digest.Property(d => d.HeadUserId).HasMaxLength(100);
    }
}

internal sealed class TeamHeadConfiguration : IEntityTypeConfiguration<TeamHead>
{
    public void Configure(EntityTypeBuilder<TeamHead> head)
    {
        head.ToTable("team_heads");
        head.HasKey(h => new { h.TeamId, h.HeadUserId });
        head.Property(h => h.TeamId).HasMaxLength(100);
        head.Property(h => h.HeadUserId).HasMaxLength(100);
        head.HasIndex(h => h.HeadUserId);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> member)
    {
        member.ToTable("team_members");
        member.HasKey(m => new { m.TeamId, m.UserId });
        member.Property(m => m.TeamId).HasMaxLength(100);
        member.Property(m => m.UserId).HasMaxLength(100);
        // A person's teams: replaced whole by each of their snapshots.
        member.HasIndex(m => m.UserId);
    }
}

internal sealed class OverdueMarkConfiguration : IEntityTypeConfiguration<OverdueMark>
{
    public void Configure(EntityTypeBuilder<OverdueMark> mark)
    {
        mark.ToTable("overdue_marks");
        // Once per task, whichever replica gets there first (INSERT … ON CONFLICT DO NOTHING).
        mark.HasKey(m => m.ItemId);
        mark.HasOne<Items.ScheduledItem>().WithOne().HasForeignKey<OverdueMark>(m => m.ItemId).OnDelete(DeleteBehavior.Cascade);
        mark.HasIndex(m => m.OverdueAt, "ix_overdue_marks_escalation_claim").HasDatabaseName("ix_overdue_marks_escalation_claim").HasFilter("escalated_at IS NULL");
    }
}
