using CrmSuite.Scheduling.Api.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Scheduling.Api.Infrastructure.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("notifications");
        notification.HasKey(n => n.Id);
        notification.Property(n => n.UserId).HasMaxLength(100);
        notification.Property(n => n.Title).HasMaxLength(300);
        // The reminder dispatcher's INSERT names no kind: a reminder.
        notification.Property(n => n.Kind).HasDefaultValue(NotificationKind.Reminder).HasSentinel(NotificationKind.Reminder);
        // Exactly once per reminder, whatever the dispatchers do.
        notification.HasIndex(n => n.ReminderId).IsUnique();
        notification.HasIndex(n => new { n.UserId, n.CreatedAt, n.Id });
    }
}
