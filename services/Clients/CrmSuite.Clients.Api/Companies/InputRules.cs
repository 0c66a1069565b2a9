using CrmSuite.BuildingBlocks.Errors;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>Server-side validation and normalisation of what a person or integration sends.</summary>
public static class InputRules
{
    public sealed record CompanyFields(string Name, string? Inn, string? Email, string? Phone);

    public sealed record ContactFields(string FullName, string? Position, string? Email, string? Phone);

    public static CompanyFields Company(string name, string inn, string email, string phone)
    {
        var errors = new FieldErrors();
        var cleanName = RequiredText(errors, "name", name, Companies.Company.MaxNameLength);
        string? cleanInn = null;
        if (!string.IsNullOrWhiteSpace(inn))
        {
            cleanInn = inn.Trim();
            if (Inn.Validate(cleanInn) is { } innError)
            {
                errors.Add("inn", innError);
            }
        }
        var cleanEmail = OptionalEmail(errors, "email", email);
        var cleanPhone = OptionalPhone(errors, "phone", phone);
        errors.ThrowIfAny();
        return new CompanyFields(cleanName, cleanInn, cleanEmail, cleanPhone);
    }

    public static ContactFields Contact(string fullName, string position, string email, string phone)
    {
        var errors = new FieldErrors();
        var cleanName = RequiredText(errors, "full_name", fullName, Companies.Contact.MaxFullNameLength);
        var cleanPosition = OptionalText(errors, "position", position, Companies.Contact.MaxPositionLength);
        var cleanEmail = OptionalEmail(errors, "email", email);
        var cleanPhone = OptionalPhone(errors, "phone", phone);
        errors.ThrowIfAny();
        return new ContactFields(cleanName, cleanPosition, cleanEmail, cleanPhone);
    }

    public static Guid Id(string field, string value)
    {
        if (!Guid.TryParse(value, out var id) || id == Guid.Empty)
        {
            throw new ValidationFailedException(field, "Must be a record id (a UUID).");
        }
        return id;
    }

    /// <summary>Null when the caller sent no version (no concurrency check wanted).</summary>
    public static uint? Version(string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        return uint.TryParse(value, out var version)
            ? version
            : throw new ValidationFailedException("version", "Version must be the value returned with the record.");
    }

    internal static string RequiredText(FieldErrors errors, string field, string value, int maxLength)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            errors.Add(field, "Required.");
        }
        else if (trimmed.Length > maxLength)
        {
            errors.Add(field, $"Must be at most {maxLength} characters.");
        }
        else if (trimmed.Any(char.IsControl))
        {
            errors.Add(field, "Must not contain control characters.");
        }
        return trimmed;
    }

    internal static string? OptionalText(FieldErrors errors, string field, string value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : RequiredText(errors, field, value, maxLength);

    internal static string? OptionalEmail(FieldErrors errors, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!ContactDetails.TryNormalizeEmail(value, out var email, out var error))
        {
            errors.Add(field, error!);
        }
        return email;
    }

    internal static string? OptionalPhone(FieldErrors errors, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!ContactDetails.TryNormalizePhone(value, out var phone, out var error))
        {
            errors.Add(field, error!);
        }
        return phone;
    }
}
