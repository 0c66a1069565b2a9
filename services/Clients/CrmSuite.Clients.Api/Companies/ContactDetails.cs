using System.Net.Mail;
using PhoneNumbers;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>Normalisation of the ways to reach a client: phone numbers to E.164, emails to lower case.</summary>
public static class ContactDetails
{
    public const int MaxEmailLength = 254;
    private const string DefaultRegion = "RU";
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Parses a phone number as a person types it ("8 (495) 123-45-67", "+44 20 7946 0958") and
    /// returns it in E.164. Numbers without a country code are read as Russian.
    /// </summary>
    public static bool TryNormalizePhone(string input, out string e164, out string? error)
    {
        e164 = string.Empty;
        error = null;
        try
        {
            var number = Phones.Parse(input, DefaultRegion);
            if (!Phones.IsValidNumber(number))
            {
                error = "Phone number is not valid; include the country code, e.g. +7 495 123-45-67.";
                return false;
            }
            e164 = Phones.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            error = "Phone number could not be read; use digits, e.g. +7 495 123-45-67.";
            return false;
        }
    }

    public static bool TryNormalizeEmail(string input, out string normalized, out string? error)
    {
        normalized = string.Empty;
        error = null;
        var trimmed = input.Trim();
        if (trimmed.Length > MaxEmailLength)
        {
            error = $"Email must be at most {MaxEmailLength} characters.";
            return false;
        }
        // MailAddress accepts display names ("Ann <a@b.c>"); a stored address must be the bare address.
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed
            || !address.Host.Contains('.') || address.Host.EndsWith('.') || trimmed.Any(char.IsWhiteSpace))
        {
            error = "Email is not a valid address, e.g. name@example.com.";
            return false;
        }
        normalized = trimmed.ToLowerInvariant();
        return true;
    }
}
