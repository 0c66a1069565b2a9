using CrmSuite.Scheduling.Api.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Scheduling.Api.Infrastructure.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("people");
        person.HasKey(p => p.UserId);
        person.Property(p => p.UserId).HasMaxLength(100);
        person.Property(p => p.DisplayName).HasMaxLength(200);
        person.Property(p => p.Email).HasMaxLength(320);
        person.Property(p => p.Language).HasMaxLength(5);
        person.Ignore(p => p.SpeaksEnglish);
    }
}

internal sealed class PersonChannelSettingsConfiguration : IEntityTypeConfiguration<PersonChannelSettings>
{
    public void Configure(EntityTypeBuilder<PersonChannelSettings> settings)
    {
        settings.ToTable("person_channel_settings");
        settings.HasKey(s => s.UserId);
        settings.Property(s => s.UserId).HasMaxLength(100);
        settings.Property(s => s.MobileNumber).HasMaxLength(16);
    }
}
