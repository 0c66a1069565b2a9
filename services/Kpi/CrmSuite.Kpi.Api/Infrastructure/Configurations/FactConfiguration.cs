using CrmSuite.Kpi.Api.Facts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Kpi.Api.Infrastructure.Configurations;

internal sealed class FactConfiguration : IEntityTypeConfiguration<Fact>
{
    public void Configure(EntityTypeBuilder<Fact> fact)
    {
        fact.ToTable("facts");
        fact.HasKey(f => f.Id);
        fact.Property(f => f.Kind).HasMaxLength(40);
        fact.Property(f => f.UserId).HasMaxLength(100);
        fact.Property(f => f.TeamId).HasMaxLength(100);
        fact.Property(f => f.Amount).HasPrecision(18, 2);
        fact.Property(f => f.Currency).HasMaxLength(3);
        fact.Property(f => f.Days).HasPrecision(18, 6);
        fact.Property(f => f.PipelineId).HasMaxLength(100);
        fact.Property(f => f.StageId).HasMaxLength(100);
        fact.Property(f => f.Title).HasMaxLength(300);
        fact.Ignore(f => f.Counted);
        // "Explain a figure": one person's facts of a kind, newest first.
        fact.HasIndex(f => new { f.UserId, f.Kind, f.Day, f.OccurredAt });
        fact.HasIndex(f => new { f.Day, f.OccurredAt });
        // A deal's facts waiting for their owner, found when the deal's creation arrives.
        fact.HasIndex(f => f.DealId);
    }
}

internal sealed class PersonTeamConfiguration : IEntityTypeConfiguration<PersonTeam>
{
    public void Configure(EntityTypeBuilder<PersonTeam> person)
    {
        person.ToTable("person_teams");
        person.HasKey(p => p.UserId);
        person.Property(p => p.UserId).HasMaxLength(100);
        person.Property(p => p.TeamId).HasMaxLength(100);
    }
}

internal sealed class DailyFigureRowConfiguration : IEntityTypeConfiguration<DailyFigureRow>
{
    public void Configure(EntityTypeBuilder<DailyFigureRow> figure)
    {
        figure.ToTable("daily_figures");
        figure.HasKey(f => new { f.UserId, f.TeamId, f.Day, f.Kind, f.PipelineId });
        figure.Property(f => f.UserId).HasMaxLength(100);
        figure.Property(f => f.TeamId).HasMaxLength(100);
        figure.Property(f => f.Kind).HasMaxLength(40);
        figure.Property(f => f.PipelineId).HasMaxLength(100);
        figure.Property(f => f.Amount).HasPrecision(20, 2);
        figure.Property(f => f.Days).HasPrecision(20, 6);
        // Dashboards read a period for everyone or a team, from the index alone (the overview's leaderboard and trend).
        figure.HasIndex(f => new { f.Day, f.Kind })
            .IncludeProperties(f => new { f.UserId, f.TeamId, f.PipelineId, f.Count, f.Amount, f.Days });
        figure.HasIndex(f => new { f.TeamId, f.Day });
    }
}
