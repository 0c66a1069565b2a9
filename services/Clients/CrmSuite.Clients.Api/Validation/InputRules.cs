using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Clients.Api.Companies;

namespace CrmSuite.Clients.Api.Validation;

/// <summary>Server-side validation and normalisation of what a person or integration sends.</summary>
public static class InputRules
{
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;
    public const int MaxListEntries = 10;
    public const int MaxShortText = 200;
    public const string DetailsPrefix = "details.";
    public static readonly IReadOnlyList<string> PhoneKinds = ["work", "mobile", "fax", "other"];
    public static readonly IReadOnlyList<string> EmailKinds = ["work", "billing", "other"];

    /// <summary><paramref name="Details"/> is null when the request did not send it (an update then keeps the stored values).</summary>
    public sealed record CompanyFields(string Name, string? Inn, string? Email, string? Phone, DetailsFields? Details = null);

    public sealed record DetailsFields(
        string? Kpp, string? Ogrn, string? LegalForm, string? FullLegalName,
        string? BankBik, string? BankAccount, string? BankCorrespondentAccount, string? BankName,
        List<CompanyAddress> Addresses, List<ContactPoint> Phones, List<ContactPoint> Emails, List<string> Tags);

    public sealed record ContactFields(string FullName, string? Position, string? Email, string? Phone,
        string? Role = null, List<ContactPoint>? Phones = null, List<ContactPoint>? Emails = null);

    public static CompanyFields Company(string name, string inn, string email, string phone) => Company(name, inn, email, phone, null);

    public static CompanyFields Company(string name, string inn, string email, string phone, Contracts.CompanyDetails? details)
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
        DetailsFields? cleanDetails = null;
        if (details is not null)
        {
            cleanDetails = Details(errors, details, cleanInn, cleanEmail, cleanPhone);
            cleanEmail = cleanDetails.Emails.FirstOrDefault(e => e.Primary)?.Value;
            cleanPhone = cleanDetails.Phones.FirstOrDefault(p => p.Primary)?.Value;
        }
        errors.ThrowIfAny();
        return new CompanyFields(cleanName, cleanInn, cleanEmail, cleanPhone, cleanDetails);
    }

    public static ContactFields Contact(string fullName, string position, string email, string phone) =>
        Contact(fullName, position, email, phone, string.Empty, [], []);

    public static ContactFields Contact(string fullName, string position, string email, string phone,
        string role, IReadOnlyList<Contracts.ContactPoint> phones, IReadOnlyList<Contracts.ContactPoint> emails)
    {
        var errors = new FieldErrors();
        var cleanName = RequiredText(errors, "full_name", fullName, Companies.Contact.MaxFullNameLength);
        var cleanPosition = OptionalText(errors, "position", position, Companies.Contact.MaxPositionLength);
        var cleanEmail = OptionalEmail(errors, "email", email);
        var cleanPhone = OptionalPhone(errors, "phone", phone);
        string? cleanRole = null;
        if (!string.IsNullOrWhiteSpace(role))
        {
            cleanRole = role.Trim();
            if (!ContactRoles.All.Contains(cleanRole))
            {
                errors.Add("role", "Role must be one of: " + string.Join(", ", ContactRoles.All) + ".");
            }
        }
        var phoneList = ContactPoints(errors, "phones", phones, cleanPhone, PhoneKinds, ContactDetails.TryNormalizePhone);
        var emailList = ContactPoints(errors, "emails", emails, cleanEmail, EmailKinds, ContactDetails.TryNormalizeEmail);
        errors.ThrowIfAny();
        return new ContactFields(cleanName, cleanPosition, emailList.FirstOrDefault(e => e.Primary)?.Value,
            phoneList.FirstOrDefault(p => p.Primary)?.Value, cleanRole, phoneList, emailList);
    }

    /// <summary>The existing entries with <paramref name="primary"/> as the primary one (none when it is null).</summary>
    public static List<ContactPoint> WithPrimary(IReadOnlyList<ContactPoint>? existing, string? primary)
    {
        existing ??= [];
        var others = existing.Where(p => !p.Primary && p.Value != primary)
            .Select(p => new ContactPoint { Kind = p.Kind, Value = p.Value, Primary = false });
        if (primary is null)
        {
            return others.ToList();
        }
        var kind = existing.FirstOrDefault(p => p.Primary)?.Kind ?? existing.FirstOrDefault(p => p.Value == primary)?.Kind ?? "work";
        return [new ContactPoint { Kind = kind, Value = primary, Primary = true }, .. others];
    }

    private delegate bool Normalizer(string input, out string normalized, out string? error);

    private static DetailsFields Details(FieldErrors errors, Contracts.CompanyDetails details, string? inn, string? legacyEmail, string? legacyPhone)
    {
        const string p = DetailsPrefix;
        var kpp = OptionalText(errors, p + "kpp", details.Kpp.ToUpperInvariant(), 9);
        if (kpp is not null && Requisites.ValidateKpp(kpp) is { } kppError)
        {
            errors.Add(p + "kpp", kppError);
        }
        else if (kpp is not null && inn?.Length == 12)
        {
            errors.Add(p + "kpp", "An individual entrepreneur (12-digit INN) has no KPP.");
        }
        var ogrn = OptionalText(errors, p + "ogrn", details.Ogrn, 15);
        if (ogrn is not null && Requisites.ValidateOgrn(ogrn) is { } ogrnError)
        {
            errors.Add(p + "ogrn", ogrnError);
        }
        else if (ogrn is not null && inn is not null && (inn.Length == 10) != (ogrn.Length == 13))
        {
            errors.Add(p + "ogrn", inn.Length == 10
                ? "An organisation (10-digit INN) has a 13-digit OGRN."
                : "An individual entrepreneur (12-digit INN) has a 15-digit OGRNIP.");
        }
        var legalForm = OptionalText(errors, p + "legal_form", details.LegalForm, 100);
        var fullName = OptionalText(errors, p + "full_legal_name", details.FullLegalName, 500);

        var bank = details.Bank ?? new Contracts.BankDetails();
        var bik = OptionalText(errors, p + "bank.bik", bank.Bik, 9);
        var account = OptionalText(errors, p + "bank.account", bank.Account, 20);
        var correspondent = OptionalText(errors, p + "bank.correspondent_account", bank.CorrespondentAccount, 20);
        var bankName = OptionalText(errors, p + "bank.bank_name", bank.BankName, 300);
        var bikValid = bik is not null && Requisites.ValidateBik(bik) is null;
        if (bik is not null && !bikValid)
        {
            errors.Add(p + "bank.bik", Requisites.ValidateBik(bik)!);
        }
        else if (bik is null && (account ?? correspondent) is not null)
        {
            errors.Add(p + "bank.bik", "Enter the bank's BIK: the accounts are checked against it.");
        }
        if (account is not null && (bikValid || account.Length != 20) && Requisites.ValidateSettlementAccount(account, bik ?? "000") is { } accountError)
        {
            errors.Add(p + "bank.account", accountError);
        }
        if (correspondent is not null && (bikValid || correspondent.Length != 20) && Requisites.ValidateCorrespondentAccount(correspondent, bik ?? "000000") is { } corrError)
        {
            errors.Add(p + "bank.correspondent_account", corrError);
        }

        var addresses = new List<CompanyAddress>();
        if (details.Addresses.Count > MaxListEntries)
        {
            errors.Add(p + "addresses", $"At most {MaxListEntries} addresses.");
        }
        for (var i = 0; i < details.Addresses.Count; i++)
        {
            var a = details.Addresses[i];
            var at = $"{p}addresses[{i}].";
            var kind = string.IsNullOrWhiteSpace(a.Kind) ? AddressKinds.Legal : a.Kind.Trim();
            if (!AddressKinds.All.Contains(kind))
            {
                errors.Add(at + "kind", "Kind must be one of: " + string.Join(", ", AddressKinds.All) + ".");
            }
            var postcode = OptionalText(errors, at + "postcode", a.Postcode, 12);
            if (postcode is not null && !postcode.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-'))
            {
                errors.Add(at + "postcode", "Postcode may contain only letters, digits, spaces and hyphens.");
            }
            addresses.Add(new CompanyAddress
            {
                Kind = kind,
                Text = RequiredText(errors, at + "text", a.Text, CompanyAddress.MaxTextLength),
                City = OptionalText(errors, at + "city", a.City, MaxShortText),
                Region = OptionalText(errors, at + "region", a.Region, MaxShortText),
                Postcode = postcode,
            });
        }

        var phones = ContactPoints(errors, p + "phones", details.Phones, legacyPhone, PhoneKinds, ContactDetails.TryNormalizePhone);
        var emails = ContactPoints(errors, p + "emails", details.Emails, legacyEmail, EmailKinds, ContactDetails.TryNormalizeEmail);
        var tags = Tags(errors, p + "tags", details.Tags);
        return new DetailsFields(kpp, ogrn, legalForm, fullName, bik, account, correspondent, bankName, addresses, phones, emails, tags);
    }

    /// <summary>
    /// A list of phones or emails: each normalised, no duplicates, exactly one primary (the first
    /// when none is marked). An empty list takes the single legacy value as its primary entry.
    /// </summary>
    private static List<ContactPoint> ContactPoints(FieldErrors errors, string field, IReadOnlyList<Contracts.ContactPoint> points,
        string? legacy, IReadOnlyList<string> kinds, Normalizer normalize)
    {
        if (points.Count == 0)
        {
            return legacy is null ? [] : [new ContactPoint { Kind = kinds[0], Value = legacy, Primary = true }];
        }
        if (points.Count > MaxListEntries)
        {
            errors.Add(field, $"At most {MaxListEntries} entries.");
        }
        var result = new List<ContactPoint>();
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var at = $"{field}[{i}].";
            var kind = string.IsNullOrWhiteSpace(point.Kind) ? kinds[0] : point.Kind.Trim();
            if (!kinds.Contains(kind))
            {
                errors.Add(at + "kind", "Kind must be one of: " + string.Join(", ", kinds) + ".");
            }
            if (string.IsNullOrWhiteSpace(point.Value))
            {
                errors.Add(at + "value", "Required.");
                continue;
            }
            if (!normalize(point.Value, out var value, out var error))
            {
                errors.Add(at + "value", error!);
                continue;
            }
            if (result.Any(r => r.Value == value))
            {
                errors.Add(at + "value", "Listed twice.");
                continue;
            }
            result.Add(new ContactPoint { Kind = kind, Value = value, Primary = point.Primary });
        }
        if (points.Count(x => x.Primary) > 1)
        {
            errors.Add(field, "Only one entry can be primary.");
        }
        if (result.Count > 0 && !result.Any(r => r.Primary))
        {
            result[0].Primary = true;
        }
        return result;
    }

    /// <summary>Tags are compared as people mean them: trimmed, lower case, single spaces.</summary>
    public static string? NormalizeTag(string tag)
    {
        var words = tag.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? null : string.Join(' ', words).ToLowerInvariant();
    }

    private static List<string> Tags(FieldErrors errors, string field, IReadOnlyList<string> tags)
    {
        var result = new List<string>();
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = NormalizeTag(tags[i]);
            if (tag is null)
            {
                continue;
            }
            if (tag.Length > MaxTagLength || !tag.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.'))
            {
                errors.Add($"{field}[{i}]", $"A tag is up to {MaxTagLength} letters, digits, spaces, '-', '_' or '.'.");
            }
            else if (!result.Contains(tag))
            {
                result.Add(tag);
            }
        }
        if (result.Count > MaxTags)
        {
            errors.Add(field, $"At most {MaxTags} tags.");
        }
        return result;
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
