using CrmSuite.Scheduling.Api.WebPush;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Scheduling.Api.Infrastructure.Configurations;

internal sealed class DeviceSubscriptionConfiguration : IEntityTypeConfiguration<DeviceSubscription>
{
    public void Configure(EntityTypeBuilder<DeviceSubscription> device)
    {
        device.ToTable("push_devices");
        device.HasKey(d => d.Id);
        device.Property(d => d.UserId).HasMaxLength(100);
        device.Property(d => d.Endpoint).HasMaxLength(SubscriptionInput.MaxEndpointLength);
        device.Property(d => d.P256dh).HasMaxLength(87);
        device.Property(d => d.Auth).HasMaxLength(22);
        device.Property(d => d.Label).HasMaxLength(DeviceLabel.MaxLength);
        // A browser's endpoint is one device: subscribing it again updates the row.
        device.HasIndex(d => d.Endpoint).IsUnique();
        // The channel's targets: a person's devices.
        device.HasIndex(d => d.UserId);
    }
}
