using System.Text.Json;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Recurrence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Scheduling.Api.Infrastructure.Configurations;

internal sealed class ScheduledItemConfiguration : IEntityTypeConfiguration<ScheduledItem>
{
    private const string LocalTime = "timestamp without time zone";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<ScheduledItem> item)
    {
        item.ToTable("items", t =>
        {
            t.HasCheckConstraint("ck_items_end_after_start", "end_local IS NULL OR end_local > start_local");
            t.HasCheckConstraint("ck_items_done_has_completion", "status <> 3 OR completed_at IS NOT NULL");
        });
        item.HasKey(i => i.Id);
        item.Property(i => i.Kind).HasConversion<short>();
        item.Property(i => i.Priority).HasConversion<short>();
        item.Property(i => i.Status).HasConversion<short>();
        item.Property(i => i.Title).HasMaxLength(300);
        item.Property(i => i.Description).HasMaxLength(10_000);
        item.Property(i => i.StartLocal).HasColumnType(LocalTime);
        item.Property(i => i.EndLocal).HasColumnType(LocalTime);
        item.Property(i => i.TimeZone).HasMaxLength(64);
        item.Property(i => i.OwnerUserId).HasMaxLength(100);
        item.Property(i => i.OwnerName).HasMaxLength(200);
        item.Property(i => i.TeamId).HasMaxLength(100);
        item.Property(i => i.AssigneeUserId).HasMaxLength(100);
        item.Property(i => i.CompletedBy).HasMaxLength(100);
        item.Property(i => i.CreatedBy).HasMaxLength(100);
        item.Property(i => i.Result).HasMaxLength(10_000);
        item.Property(i => i.Place).HasMaxLength(300);
        item.Property(i => i.OnlineLink).HasMaxLength(2000);
        item.Property(i => i.Recurrence).HasMaxLength(500);
        item.Property(i => i.RecurrenceExceptions).HasColumnType(LocalTime + "[]");
        item.Property(i => i.Checklist).HasColumnType("jsonb").HasConversion(
            list => JsonSerializer.Serialize(list, Json),
            text => JsonSerializer.Deserialize<List<ChecklistItem>>(text, Json) ?? new List<ChecklistItem>(),
            new ValueComparer<List<ChecklistItem>>((a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (h, e) => HashCode.Combine(h, e)), list => list.ToList()));
        item.Property(i => i.OccurrenceOverrides).HasColumnType("jsonb").HasConversion(
            list => JsonSerializer.Serialize(list, Json),
            text => JsonSerializer.Deserialize<List<OccurrenceOverride>>(text, Json) ?? new List<OccurrenceOverride>(),
            new ValueComparer<List<OccurrenceOverride>>((a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (h, e) => HashCode.Combine(h, e)), list => list.ToList()));
        item.Property(i => i.Version).IsRowVersion();

        // The calendar's range query: what overlaps the window (GiST on the span), then by start.
        item.Property(i => i.Span).HasColumnType("tstzrange").HasComputedColumnSql(
            "tstzrange(starts_at, CASE WHEN series_ends_at IS NULL OR series_ends_at >= starts_at THEN series_ends_at ELSE starts_at END, '[]')", stored: true);
        item.HasIndex(i => i.Span).HasMethod("gist");
        item.HasIndex(i => new { i.StartsAt, i.Id });
        item.HasIndex(i => i.OwnerUserId);
        item.HasIndex(i => i.AssigneeUserId);
        item.HasIndex(i => i.TeamId);
        item.HasIndex(i => i.ParticipantUserIds).HasMethod("gin");
        item.HasIndex(i => i.WatcherUserIds).HasMethod("gin");
        item.HasIndex(i => i.CompanyId);
        item.HasIndex(i => i.DealId);
        item.HasIndex(i => i.ContactId);
        item.HasIndex(i => i.LeadId);
        item.HasIndex(i => i.ParticipantContactIds).HasMethod("gin");
        // A recurring task's next instance is made once, however often completion or the roller try.
        item.HasIndex(i => new { i.SeriesId, i.StartLocal }).IsUnique().HasFilter("series_id IS NOT NULL");
        item.HasOne<Activities.ActivityType>().WithMany().HasForeignKey(i => i.ActivityTypeId).OnDelete(DeleteBehavior.Restrict);
        // The overdue job's claim: open one-off tasks by due time (its marks are in overdue_marks).
        item.HasIndex(i => new { i.StartsAt, i.Id }, "ix_items_overdue_claim").HasDatabaseName("ix_items_overdue_claim").HasFilter("kind = 1 AND status IN (1, 2) AND recurrence IS NULL");
    }
}
