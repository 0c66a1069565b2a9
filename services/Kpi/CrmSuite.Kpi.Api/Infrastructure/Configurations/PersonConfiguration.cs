using CrmSuite.Kpi.Api.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Kpi.Api.Infrastructure.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("people");
        person.HasKey(p => p.UserId);
        person.Property(p => p.UserId).HasMaxLength(100);
        person.Property(p => p.DisplayName).HasMaxLength(200);
    }
}

internal sealed class TeamNameConfiguration : IEntityTypeConfiguration<TeamName>
{
    public void Configure(EntityTypeBuilder<TeamName> team)
    {
        team.ToTable("team_names");
        team.HasKey(t => t.TeamId);
        team.Property(t => t.TeamId).HasMaxLength(100);
        team.Property(t => t.Name).HasMaxLength(200);
    }
}
