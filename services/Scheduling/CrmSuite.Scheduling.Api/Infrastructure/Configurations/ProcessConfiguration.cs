using System.Text.Json;
using CrmSuite.Scheduling.Api.Processes.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Scheduling.Api.Infrastructure.Configurations;

internal sealed class ProcessConfiguration : IEntityTypeConfiguration<Process>
{
    public void Configure(EntityTypeBuilder<Process> process)
    {
        process.ToTable("processes");
        process.HasKey(p => p.Id);
        process.Property(p => p.Name).HasMaxLength(200);
        process.Property(p => p.OwnerUserId).HasMaxLength(100);
        process.Property(p => p.OwnerName).HasMaxLength(200);
        process.Property(p => p.Version).IsRowVersion();
        process.HasIndex(p => p.Name);
    }
}

internal sealed class ProcessVersionConfiguration : IEntityTypeConfiguration<ProcessVersion>
{
    public void Configure(EntityTypeBuilder<ProcessVersion> version)
    {
        version.ToTable("process_versions");
        version.HasKey(v => v.Id);
        version.Property(v => v.PublishedBy).HasMaxLength(100);
        version.Property(v => v.PublishedByName).HasMaxLength(200);
        version.HasOne<Process>().WithMany().HasForeignKey(v => v.ProcessId).OnDelete(DeleteBehavior.Restrict);
        // Two publishes at once cannot both make version N.
        version.HasIndex(v => new { v.ProcessId, v.Number }).IsUnique();
    }
}

internal sealed class ProcessInstanceConfiguration : IEntityTypeConfiguration<ProcessInstance>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<ProcessInstance> instance)
    {
        instance.ToTable("process_instances");
        instance.HasKey(i => i.Id);
        instance.Property(i => i.State).HasConversion<short>();
        instance.Property(i => i.RecordName).HasMaxLength(300);
        instance.Property(i => i.RecordOwnerUserId).HasMaxLength(100);
        instance.Property(i => i.RecordTeamId).HasMaxLength(100);
        instance.Property(i => i.Trigger).HasMaxLength(40);
        instance.Property(i => i.TriggerKey).HasMaxLength(200);
        instance.Property(i => i.StartedByUserId).HasMaxLength(100);
        instance.Property(i => i.StartedByName).HasMaxLength(200);
        instance.Property(i => i.Variables).HasColumnType("jsonb").HasConversion(
            map => JsonSerializer.Serialize(map, Json),
            text => JsonSerializer.Deserialize<Dictionary<string, string>>(text, Json) ?? new Dictionary<string, string>(),
            new ValueComparer<Dictionary<string, string>>((a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                map => map.Aggregate(0, (h, e) => HashCode.Combine(h, e.Key, e.Value)), map => new Dictionary<string, string>(map)));
        instance.HasOne<Process>().WithMany().HasForeignKey(i => i.ProcessId).OnDelete(DeleteBehavior.Restrict);
        instance.HasOne<ProcessVersion>().WithMany().HasForeignKey(i => i.VersionId).OnDelete(DeleteBehavior.Restrict);
        // A trigger (a lead's capture, a deal's move, a timer's occurrence) starts a process once.
        instance.HasIndex(i => new { i.ProcessId, i.TriggerKey }).IsUnique().HasFilter("trigger_key IS NOT NULL");
        instance.HasIndex(i => new { i.StartedAt, i.Id });
        instance.HasIndex(i => new { i.ProcessId, i.State });
        instance.HasIndex(i => i.CompanyId);
        instance.HasIndex(i => i.DealId);
        instance.HasIndex(i => i.LeadId);
    }
}

internal sealed class ProcessTokenConfiguration : IEntityTypeConfiguration<ProcessToken>
{
    public void Configure(EntityTypeBuilder<ProcessToken> token)
    {
        token.ToTable("process_tokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.ElementId).HasMaxLength(200);
        token.Property(t => t.ArrivedBy).HasMaxLength(200);
        token.Property(t => t.State).HasConversion<short>();
        token.Property(t => t.Version).IsRowVersion();
        token.HasOne<ProcessInstance>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
        token.HasIndex(t => new { t.InstanceId, t.State });
        // A scheduling task belongs to one token: completing it moves that token.
        token.HasIndex(t => t.TaskItemId).IsUnique().HasFilter("task_item_id IS NOT NULL");
    }
}

internal sealed class ProcessStepConfiguration : IEntityTypeConfiguration<ProcessStep>
{
    public void Configure(EntityTypeBuilder<ProcessStep> step)
    {
        step.ToTable("process_steps");
        step.HasKey(s => s.Id);
        step.Property(s => s.ElementId).HasMaxLength(200);
        step.Property(s => s.State).HasConversion<short>();
        step.Property(s => s.Effect).HasMaxLength(500);
        step.Property(s => s.AssigneeUserId).HasMaxLength(100);
        step.Property(s => s.AssigneeRule).HasMaxLength(200);
        step.HasIndex(s => new { s.AssigneeRule, s.At }).HasFilter("assignee_rule IS NOT NULL");
        step.HasOne<ProcessInstance>().WithMany().HasForeignKey(s => s.InstanceId).OnDelete(DeleteBehavior.Cascade);
        // Each step's effect once: a replayed or redelivered step finds its row and does nothing again.
        step.HasIndex(s => new { s.InstanceId, s.ElementId, s.TokenId }).IsUnique();
    }
}

internal sealed class ProcessLogEntryConfiguration : IEntityTypeConfiguration<ProcessLogEntry>
{
    public void Configure(EntityTypeBuilder<ProcessLogEntry> entry)
    {
        entry.ToTable("process_log");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        entry.Property(e => e.ElementId).HasMaxLength(200);
        entry.Property(e => e.ElementName).HasMaxLength(300);
        entry.Property(e => e.TextEn).HasMaxLength(2000);
        entry.Property(e => e.TextRu).HasMaxLength(2000);
        entry.Property(e => e.ActorName).HasMaxLength(200);
        entry.HasOne<ProcessInstance>().WithMany().HasForeignKey(e => e.InstanceId).OnDelete(DeleteBehavior.Cascade);
        entry.HasIndex(e => new { e.InstanceId, e.Id });
    }
}

internal sealed class ProcessTimerConfiguration : IEntityTypeConfiguration<ProcessTimer>
{
    public void Configure(EntityTypeBuilder<ProcessTimer> timer)
    {
        timer.ToTable("process_timers");
        timer.HasKey(t => t.Id);
        timer.Property(t => t.Kind).HasConversion<short>();
        timer.Property(t => t.Status).HasConversion<short>();
        timer.Property(t => t.ElementId).HasMaxLength(200);
        // The engine's claim: pending rows by due time (as reminders').
        timer.HasIndex(t => new { t.DueAt, t.Id }).HasFilter("status = 1");
        timer.HasIndex(t => t.InstanceId);
        // Scheduling the same work twice (a replayed step) keeps one row.
        timer.HasIndex(t => new { t.TokenId, t.Kind, t.ElementId }).IsUnique().HasFilter("token_id IS NOT NULL");
        timer.HasIndex(t => new { t.VersionId, t.ElementId, t.DueAt }).IsUnique().HasFilter("kind = 5");
    }
}

internal sealed class ProcessMailConfiguration : IEntityTypeConfiguration<ProcessMail>
{
    public void Configure(EntityTypeBuilder<ProcessMail> mail)
    {
        mail.ToTable("process_mails");
        mail.HasKey(m => m.Id);
        mail.Property(m => m.ElementId).HasMaxLength(200);
        mail.Property(m => m.ElementName).HasMaxLength(300);
        mail.Property(m => m.To).HasMaxLength(500);
        mail.Property(m => m.Subject).HasMaxLength(1000);
        mail.Property(m => m.LastError).HasMaxLength(1000);
        mail.HasOne<ProcessInstance>().WithMany().HasForeignKey(m => m.InstanceId).OnDelete(DeleteBehavior.Cascade);
        // The dispatcher's claim, as reminder deliveries': what is still to be sent, soonest first.
        mail.HasIndex(m => new { m.NextAttemptAt, m.Id }).HasFilter("status = 1");
        mail.HasIndex(m => m.InstanceId);
    }
}

internal sealed class RoundRobinTurnConfiguration : IEntityTypeConfiguration<RoundRobinTurn>
{
    public void Configure(EntityTypeBuilder<RoundRobinTurn> turn)
    {
        turn.ToTable("process_round_robin");
        turn.HasKey(t => t.Rule);
        turn.Property(t => t.Rule).HasMaxLength(200);
        turn.Property(t => t.LastUserId).HasMaxLength(100);
    }
}
