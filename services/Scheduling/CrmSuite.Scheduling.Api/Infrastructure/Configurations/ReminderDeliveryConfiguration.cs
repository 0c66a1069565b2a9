using CrmSuite.Scheduling.Api.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Scheduling.Api.Infrastructure.Configurations;

internal sealed class ReminderDeliveryConfiguration : IEntityTypeConfiguration<ReminderDelivery>
{
    public void Configure(EntityTypeBuilder<ReminderDelivery> delivery)
    {
        delivery.ToTable("reminder_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.UserId).HasMaxLength(100);
        delivery.Property(d => d.Channel).HasMaxLength(20);
        delivery.Property(d => d.Target).HasMaxLength(500);
        delivery.Property(d => d.LastError).HasMaxLength(1000);
        // At most once per reminder, channel and target, whatever the dispatchers do.
        delivery.HasIndex(d => new { d.ReminderId, d.Channel, d.Target }).IsUnique();
        // The claim reads only what is still to be sent, soonest first.
        delivery.HasIndex(d => new { d.NextAttemptAt, d.Id }).HasFilter("status = 1");
        delivery.HasIndex(d => new { d.FailedAt, d.Id }).HasFilter("status = 3");
        delivery.HasIndex(d => new { d.UserId, d.FailedAt, d.Id }).HasFilter("status = 3");
    }
}
