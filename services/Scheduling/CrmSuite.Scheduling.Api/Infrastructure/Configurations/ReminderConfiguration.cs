using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Scheduling.Api.Infrastructure.Configurations;

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> reminder)
    {
        reminder.ToTable("reminders");
        reminder.HasKey(r => r.Id);
        reminder.Property(r => r.UserId).HasMaxLength(100);
        reminder.Property(r => r.Status).HasConversion<short>();
        reminder.HasOne<ScheduledItem>().WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
        // The dispatchers' claim: pending reminders by due time.
        reminder.HasIndex(r => new { r.DueAt, r.Id }).HasFilter("status = 1");
        reminder.HasIndex(r => r.ItemId);
    }
}
