using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Clients.Api.Infrastructure.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> lead)
    {
        lead.ToTable("leads");
        lead.HasKey(l => l.Id);
        lead.Property(l => l.PersonName).HasMaxLength(Lead.MaxNameLength).UseCollation(ClientsDbContext.NameCollation);
        lead.Property(l => l.CompanyName).HasMaxLength(Lead.MaxCompanyNameLength);
        lead.Property(l => l.Email).HasMaxLength(ContactDetails.MaxEmailLength);
        lead.Property(l => l.Phone).HasMaxLength(20);
        lead.Property(l => l.Inn).HasMaxLength(12);
        lead.Property(l => l.Message).HasMaxLength(Lead.MaxMessageLength);
        lead.Property(l => l.Source).HasConversion<string>().HasMaxLength(20);
        lead.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        lead.Property(l => l.SourcePageUrl).HasMaxLength(Lead.MaxUrlLength);
        lead.Property(l => l.UtmSource).HasMaxLength(Lead.MaxUtmLength);
        lead.Property(l => l.UtmMedium).HasMaxLength(Lead.MaxUtmLength);
        lead.Property(l => l.UtmCampaign).HasMaxLength(Lead.MaxUtmLength);
        lead.Property(l => l.UtmTerm).HasMaxLength(Lead.MaxUtmLength);
        lead.Property(l => l.UtmContent).HasMaxLength(Lead.MaxUtmLength);
        lead.Property(l => l.Region).HasMaxLength(Lead.MaxRegionLength);
        lead.Property(l => l.RejectionReason).HasMaxLength(Lead.MaxReasonLength);
        lead.Property(l => l.OwnerUserId).HasMaxLength(100);
        lead.Property(l => l.TeamId).HasMaxLength(100);
        lead.Property(l => l.Version).IsRowVersion();
        lead.HasGeneratedTsVectorColumn(l => l.SearchVector, "simple", l => new { l.PersonName, l.CompanyName });

        // The list is newest first, keyset-paged; the owner's and the team's lists have their own index.
        lead.HasIndex(l => new { l.CreatedAt, l.Id });
        lead.HasIndex(l => new { l.OwnerUserId, l.CreatedAt, l.Id });
        lead.HasIndex(l => new { l.TeamId, l.CreatedAt, l.Id });
        lead.HasIndex(l => new { l.Status, l.CreatedAt, l.Id });
        lead.HasIndex(l => l.SearchVector).HasMethod("GIN");
        lead.HasIndex(l => l.Email).HasOperators("text_pattern_ops");
        lead.HasIndex(l => l.Phone).HasOperators("text_pattern_ops");
        lead.HasOne<Company>().WithMany().HasForeignKey(l => l.CompanyId).OnDelete(DeleteBehavior.Restrict);
        lead.HasOne<Contact>().WithMany().HasForeignKey(l => l.ContactId).OnDelete(DeleteBehavior.Restrict);
        lead.HasOne<WebForm>().WithMany().HasForeignKey(l => l.SourceFormId).OnDelete(DeleteBehavior.Restrict);
        lead.HasOne<TelephonyIntegration>().WithMany().HasForeignKey(l => l.SourceIntegrationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebFormConfiguration : IEntityTypeConfiguration<WebForm>
{
    public void Configure(EntityTypeBuilder<WebForm> form)
    {
        form.ToTable("lead_web_forms");
        form.HasKey(f => f.Id);
        form.Property(f => f.Name).HasMaxLength(WebForm.MaxNameLength);
        form.Property(f => f.PublicKey).HasMaxLength(64);
        form.HasIndex(f => f.PublicKey).IsUnique();
        form.Property(f => f.Region).HasMaxLength(Lead.MaxRegionLength);
    }
}

internal sealed class AssignmentRuleConfiguration : IEntityTypeConfiguration<AssignmentRule>
{
    public void Configure(EntityTypeBuilder<AssignmentRule> rule)
    {
        rule.ToTable("lead_assignment_rules");
        rule.HasKey(r => r.Id);
        rule.Property(r => r.Name).HasMaxLength(200);
        rule.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        rule.Property(r => r.Region).HasMaxLength(Lead.MaxRegionLength);
        rule.Property(r => r.Tag).HasMaxLength(Lead.MaxTagLength);
        rule.Property(r => r.TeamId).HasMaxLength(100);
        rule.HasIndex(r => r.Position);
    }
}

internal sealed class TelephonyIntegrationConfiguration : IEntityTypeConfiguration<TelephonyIntegration>
{
    public void Configure(EntityTypeBuilder<TelephonyIntegration> integration)
    {
        integration.ToTable("telephony_integrations");
        integration.HasKey(i => i.Id);
        integration.Property(i => i.Name).HasMaxLength(TelephonyIntegration.MaxNameLength);
        integration.Property(i => i.Key).HasMaxLength(64);
        integration.HasIndex(i => i.Key).IsUnique();
    }
}

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> call)
    {
        call.ToTable("calls");
        call.HasKey(c => c.Id);
        call.Property(c => c.ExternalId).HasMaxLength(200);
        call.Property(c => c.Direction).HasConversion<string>().HasMaxLength(20);
        call.Property(c => c.CallerNumber).HasMaxLength(40);
        call.Property(c => c.CalledNumber).HasMaxLength(40);
        call.Property(c => c.RecordingUrl).HasMaxLength(Lead.MaxUrlLength);
        // A provider retrying the same webhook records the call once.
        call.HasIndex(c => new { c.IntegrationId, c.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
        // The company's timeline, newest first.
        call.HasIndex(c => new { c.CompanyId, c.StartedAt });
        call.HasOne<TelephonyIntegration>().WithMany().HasForeignKey(c => c.IntegrationId).OnDelete(DeleteBehavior.Restrict);
        call.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Restrict);
        call.HasOne<Contact>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Restrict);
        call.HasOne<Lead>().WithMany().HasForeignKey(c => c.LeadId).OnDelete(DeleteBehavior.Restrict);
    }
}
