using CrmSuite.Scheduling.Api.Feeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Scheduling.Api.Infrastructure.Configurations;

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> feed)
    {
        feed.ToTable("calendar_feeds");
        feed.HasKey(f => f.Id);
        feed.Property(f => f.UserId).HasMaxLength(100);
        feed.Property(f => f.UserName).HasMaxLength(200);
        // One feed per person; a token finds at most one feed (a revoked one has no hash).
        feed.HasIndex(f => f.UserId).IsUnique();
        feed.HasIndex(f => f.TokenHash).IsUnique();
    }
}
