using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Validation;

namespace CrmSuite.Clients.Api.Leads;

/// <summary>What a lead says about itself, as any channel sends it, before validation.</summary>
public sealed record LeadDraft(
    string PersonName,
    string CompanyName,
    string Email,
    string Phone,
    string Inn,
    string Message,
    string Region,
    IReadOnlyList<string> Tags,
    string PageUrl,
    string UtmSource,
    string UtmMedium,
    string UtmCampaign,
    string UtmTerm,
    string UtmContent);

/// <summary>Validation and normalisation of a lead's fields; every bad field is named in one answer.</summary>
public static class LeadInput
{
    public static Lead Validate(LeadDraft draft)
    {
        var errors = new FieldErrors();
        var lead = new Lead
        {
            PersonName = InputRules.OptionalText(errors, "person_name", draft.PersonName, Lead.MaxNameLength) ?? string.Empty,
            CompanyName = InputRules.OptionalText(errors, "company_name", draft.CompanyName, Lead.MaxCompanyNameLength),
            Email = InputRules.OptionalEmail(errors, "email", draft.Email),
            Phone = InputRules.OptionalPhone(errors, "phone", draft.Phone),
            Message = OptionalMultiline(errors, "message", draft.Message, Lead.MaxMessageLength),
            Region = InputRules.OptionalText(errors, "region", draft.Region, Lead.MaxRegionLength),
            Tags = Tags(errors, "tags", draft.Tags),
            SourcePageUrl = OptionalUrl(errors, "page_url", draft.PageUrl),
            UtmSource = InputRules.OptionalText(errors, "utm_source", draft.UtmSource, Lead.MaxUtmLength),
            UtmMedium = InputRules.OptionalText(errors, "utm_medium", draft.UtmMedium, Lead.MaxUtmLength),
            UtmCampaign = InputRules.OptionalText(errors, "utm_campaign", draft.UtmCampaign, Lead.MaxUtmLength),
            UtmTerm = InputRules.OptionalText(errors, "utm_term", draft.UtmTerm, Lead.MaxUtmLength),
            UtmContent = InputRules.OptionalText(errors, "utm_content", draft.UtmContent, Lead.MaxUtmLength),
        };
        if (!string.IsNullOrWhiteSpace(draft.Inn))
        {
            lead.Inn = draft.Inn.Trim();
            if (Inn.Validate(lead.Inn) is { } innError)
            {
                errors.Add("inn", innError);
            }
        }
        if (string.IsNullOrWhiteSpace(draft.PersonName) && string.IsNullOrWhiteSpace(draft.CompanyName))
        {
            errors.Add("person_name", "Give the person's name or the company's name.");
        }
        if (string.IsNullOrWhiteSpace(draft.Email) && string.IsNullOrWhiteSpace(draft.Phone))
        {
            errors.Add("email", "Give an email or a phone number to reach them.");
        }
        errors.ThrowIfAny();
        return lead;
    }

    public static List<string> Tags(FieldErrors errors, string field, IEnumerable<string> tags)
    {
        var clean = new List<string>();
        foreach (var tag in tags)
        {
            var text = tag.Trim().ToLowerInvariant();
            if (text.Length == 0)
            {
                continue;
            }
            if (text.Length > Lead.MaxTagLength || text.Any(char.IsControl))
            {
                errors.Add(field, $"A tag is a word of at most {Lead.MaxTagLength} characters.");
                continue;
            }
            if (!clean.Contains(text))
            {
                clean.Add(text);
            }
        }
        if (clean.Count > Lead.MaxTags)
        {
            errors.Add(field, $"At most {Lead.MaxTags} tags.");
        }
        return clean;
    }

    /// <summary>A free-text message may have line breaks, but no other control characters.</summary>
    private static string? OptionalMultiline(FieldErrors errors, string field, string value, int maxLength)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            errors.Add(field, $"Must be at most {maxLength} characters.");
        }
        else if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(field, "Must not contain control characters.");
        }
        return trimmed;
    }

    private static string? OptionalUrl(FieldErrors errors, string field, string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }
        if (trimmed.Length > Lead.MaxUrlLength || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add(field, "Must be the http(s) address of the page.");
        }
        return trimmed;
    }
}
