using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Messages = CrmSuite.Clients.Contracts;

namespace CrmSuite.Clients.Api.Leads;

internal static class LeadMapping
{
    public static Messages.Lead ToMessage(this Lead lead) => new()
    {
        Id = lead.Id.ToString(),
        PersonName = lead.PersonName,
        CompanyName = lead.CompanyName ?? string.Empty,
        Email = lead.Email ?? string.Empty,
        Phone = lead.Phone ?? string.Empty,
        Inn = lead.Inn ?? string.Empty,
        Message = lead.Message ?? string.Empty,
        Source = ToMessage(lead.Source),
        SourceDetails = new Messages.LeadSourceDetails
        {
            FormId = lead.SourceFormId?.ToString() ?? string.Empty,
            TelephonyIntegrationId = lead.SourceIntegrationId?.ToString() ?? string.Empty,
            PageUrl = lead.SourcePageUrl ?? string.Empty,
            UtmSource = lead.UtmSource ?? string.Empty,
            UtmMedium = lead.UtmMedium ?? string.Empty,
            UtmCampaign = lead.UtmCampaign ?? string.Empty,
            UtmTerm = lead.UtmTerm ?? string.Empty,
            UtmContent = lead.UtmContent ?? string.Empty,
        },
        Region = lead.Region ?? string.Empty,
        Tags = { lead.Tags },
        Status = lead.Status switch
        {
            LeadStatus.New => Messages.LeadStatus.New,
            LeadStatus.InProgress => Messages.LeadStatus.InProgress,
            LeadStatus.Converted => Messages.LeadStatus.Converted,
            _ => Messages.LeadStatus.Rejected,
        },
        RejectionReason = lead.RejectionReason ?? string.Empty,
        OwnerUserId = lead.OwnerUserId,
        TeamId = lead.TeamId ?? string.Empty,
        CreatedAt = Timestamp.FromDateTimeOffset(lead.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(lead.UpdatedAt),
        CompanyId = lead.CompanyId?.ToString() ?? string.Empty,
        ContactId = lead.ContactId?.ToString() ?? string.Empty,
        Version = lead.Version.ToString(CultureInfo.InvariantCulture),
    };

    public static Messages.LeadSource ToMessage(LeadSource source) => source switch
    {
        LeadSource.WebForm => Messages.LeadSource.WebForm,
        LeadSource.Api => Messages.LeadSource.Api,
        LeadSource.PhoneCall => Messages.LeadSource.PhoneCall,
        _ => Messages.LeadSource.Email,
    };

    /// <summary>Null for "any" (unspecified); a value outside the enum is a bad field.</summary>
    public static LeadSource? FromMessage(Messages.LeadSource source, string field) => source switch
    {
        Messages.LeadSource.Unspecified => null,
        Messages.LeadSource.WebForm => LeadSource.WebForm,
        Messages.LeadSource.Api => LeadSource.Api,
        Messages.LeadSource.PhoneCall => LeadSource.PhoneCall,
        Messages.LeadSource.Email => LeadSource.Email,
        _ => throw new BuildingBlocks.Errors.ValidationFailedException(field, "Source must be WEB_FORM, API, PHONE_CALL or EMAIL."),
    };

    public static LeadStatus? FromMessage(Messages.LeadStatus status, string field) => status switch
    {
        Messages.LeadStatus.Unspecified => null,
        Messages.LeadStatus.New => LeadStatus.New,
        Messages.LeadStatus.InProgress => LeadStatus.InProgress,
        Messages.LeadStatus.Converted => LeadStatus.Converted,
        Messages.LeadStatus.Rejected => LeadStatus.Rejected,
        _ => throw new BuildingBlocks.Errors.ValidationFailedException(field, "Status must be NEW, IN_PROGRESS, CONVERTED or REJECTED."),
    };

    public static Messages.WebForm ToMessage(this WebForm form) => new()
    {
        Id = form.Id.ToString(),
        Name = form.Name,
        PublicKey = form.PublicKey,
        AllowedOrigins = { form.AllowedOrigins },
        Region = form.Region ?? string.Empty,
        Tags = { form.Tags },
        Enabled = form.Enabled,
        CreatedAt = Timestamp.FromDateTimeOffset(form.CreatedAt),
    };

    public static Messages.AssignmentRule ToMessage(this AssignmentRule rule) => new()
    {
        Id = rule.Id.ToString(),
        Name = rule.Name,
        Source = rule.Source is { } source ? ToMessage(source) : Messages.LeadSource.Unspecified,
        Region = rule.Region ?? string.Empty,
        Tag = rule.Tag ?? string.Empty,
        ManagerUserIds = { rule.ManagerUserIds },
        TeamId = rule.TeamId ?? string.Empty,
    };

    public static Messages.TelephonyIntegration ToMessage(this TelephonyIntegration integration) => new()
    {
        Id = integration.Id.ToString(),
        Name = integration.Name,
        Key = integration.Key,
        Revoked = integration.RevokedAt is not null,
        CreatedAt = Timestamp.FromDateTimeOffset(integration.CreatedAt),
    };
}
