using CrmSuite.Scheduling.Api.Activities;
using CrmSuite.Scheduling.Api.Items;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Scheduling.Api.Infrastructure.Configurations;

internal sealed class ActivityTypeConfiguration : IEntityTypeConfiguration<ActivityType>
{
    private static readonly DateTimeOffset Seeded = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    public void Configure(EntityTypeBuilder<ActivityType> type)
    {
        type.ToTable("activity_types", t => t.HasCheckConstraint("ck_activity_types_named", "name_ru <> '' OR name_en <> ''"));
        type.HasKey(t => t.Id);
        type.Property(t => t.Code).HasMaxLength(20);
        type.Property(t => t.NameRu).HasMaxLength(100);
        type.Property(t => t.NameEn).HasMaxLength(100);
        type.Property(t => t.Kind).HasConversion<short>();
        type.Property(t => t.Version).IsRowVersion();
        type.HasIndex(t => t.Code).IsUnique();
        type.HasOne<ActivityType>().WithMany().HasForeignKey(t => t.NextTypeId).OnDelete(DeleteBehavior.Restrict);

        // The built-in types: a call planned with a call-back two days later, a meeting, an e-mail and a task.
        type.HasData(
            new ActivityType { Id = ActivityType.Call, Code = "call", NameRu = "Звонок", NameEn = "Call", Kind = ItemKind.Call, DefaultDurationMinutes = 15,
                DefaultReminderMinutesBefore = [15], ResultRequired = true, CreatedAt = Seeded, UpdatedAt = Seeded },
            new ActivityType { Id = ActivityType.Meeting, Code = "meeting", NameRu = "Встреча", NameEn = "Meeting", Kind = ItemKind.Meeting, DefaultDurationMinutes = 60,
                DefaultReminderMinutesBefore = [60], ResultRequired = true, NextTypeId = ActivityType.Email, NextInDays = 1, CreatedAt = Seeded, UpdatedAt = Seeded },
            new ActivityType { Id = ActivityType.Email, Code = "email", NameRu = "Письмо", NameEn = "E-mail", Kind = ItemKind.Task, DefaultDurationMinutes = 0,
                DefaultReminderMinutesBefore = [], CreatedAt = Seeded, UpdatedAt = Seeded },
            new ActivityType { Id = ActivityType.Task, Code = "task", NameRu = "Задача", NameEn = "Task", Kind = ItemKind.Task, DefaultDurationMinutes = 0,
                DefaultReminderMinutesBefore = [60], CreatedAt = Seeded, UpdatedAt = Seeded });
    }
}

internal sealed class ActivityPlanConfiguration : IEntityTypeConfiguration<ActivityPlan>
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<ActivityPlan> plan)
    {
        plan.ToTable("activity_plans");
        plan.HasKey(p => p.Id);
        plan.Property(p => p.Name).HasMaxLength(200);
        plan.Property(p => p.Version).IsRowVersion();
        plan.Property(p => p.Steps).HasColumnType("jsonb").HasConversion(
            steps => System.Text.Json.JsonSerializer.Serialize(steps, Json),
            text => System.Text.Json.JsonSerializer.Deserialize<List<PlanStep>>(text, Json) ?? new List<PlanStep>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<PlanStep>>((a, b) => a!.SequenceEqual(b!),
                steps => steps.Aggregate(0, (h, s) => HashCode.Combine(h, s)), steps => steps.ToList()));
    }
}
