using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Contracts;
using CrmSuite.Clients.Api.Validation;

namespace CrmSuite.Clients.Api.Deals;

/// <summary>Server-side validation of deals and pipeline configuration, naming each bad field.</summary>
public static class DealRules
{
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>Active ISO 4217 currency codes (2024 list, without funds and precious metals).</summary>
    private static readonly HashSet<string> Currencies = new(
        ("AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD " +
         "CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF " +
         "GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP " +
         "LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB " +
         "PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL " +
         "THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG")
        .Split(' '), StringComparer.Ordinal);

    public sealed record DealFields(string Title, Guid? ContactId, decimal Amount, string Currency, int? Probability, DateOnly? ExpectedCloseDate, string? OwnerUserId);

    public static DealFields Deal(FieldErrors errors, string title, string contactId, string amount, string currency, int? probability, string expectedCloseDate, string ownerUserId)
    {
        var cleanTitle = Text(errors, "title", title, Deals.Deal.MaxTitleLength, required: true);
        var contact = OptionalId(errors, "contact_id", contactId);
        var cleanAmount = Amount(errors, amount);
        var cleanCurrency = Currency(errors, currency);
        if (probability is { } p)
        {
            Probability(errors, "probability", p);
        }
        var date = Date(errors, "expected_close_date", expectedCloseDate);
        string? owner = null;
        if (!string.IsNullOrWhiteSpace(ownerUserId))
        {
            owner = ownerUserId.Trim();
            if (owner.Length > 100)
            {
                errors.Add("owner_user_id", "Must be a user id.");
            }
        }
        return new DealFields(cleanTitle ?? string.Empty, contact, cleanAmount, cleanCurrency, probability, date, owner);
    }

    public static string? Text(FieldErrors errors, string field, string value, int maxLength, bool required)
    {
        var text = value.Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                errors.Add(field, "Required.");
            }
            return null;
        }
        if (text.Length > maxLength)
        {
            errors.Add(field, $"Must be at most {maxLength} characters.");
            return null;
        }
        if (text.Any(char.IsControl))
        {
            errors.Add(field, "Must not contain control characters.");
            return null;
        }
        return text;
    }

    public static Guid? OptionalId(FieldErrors errors, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (Guid.TryParse(value, out var id) && id != Guid.Empty)
        {
            return id;
        }
        errors.Add(field, "Must be a record id (a UUID).");
        return null;
    }

    /// <summary>An id the request must carry; a 400 naming the field otherwise.</summary>
    public static Guid Id(string field, string value) => InputRules.Id(field, value);

    public static void Probability(FieldErrors errors, string field, int value)
    {
        if (value is < 0 or > 100)
        {
            errors.Add(field, "Must be a percentage between 0 and 100.");
        }
    }

    public static StageKind Kind(FieldErrors errors, Contracts.StageKind kind)
    {
        switch (kind)
        {
            case Contracts.StageKind.Unspecified:
            case Contracts.StageKind.Open:
                return StageKind.Open;
            case Contracts.StageKind.Won:
                return StageKind.Won;
            case Contracts.StageKind.Lost:
                return StageKind.Lost;
            default:
                errors.Add("kind", "Must be OPEN, WON or LOST.");
                return StageKind.Open;
        }
    }

    private static decimal Amount(FieldErrors errors, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 0m;
        }
        if (!decimal.TryParse(value.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            errors.Add("amount", "Must be a number like 1500.50 (a dot for decimals).");
            return 0m;
        }
        if (amount < 0)
        {
            errors.Add("amount", "Must not be negative.");
        }
        else if (amount > MaxAmount)
        {
            errors.Add("amount", $"Must be at most {MaxAmount.ToString(CultureInfo.InvariantCulture)}.");
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            errors.Add("amount", "May have at most 2 decimals.");
        }
        return amount;
    }

    private static string Currency(FieldErrors errors, string value)
    {
        var code = value.Trim().ToUpperInvariant();
        if (code.Length == 0)
        {
            errors.Add("currency", "Required: an ISO 4217 code such as RUB, USD or EUR.");
        }
        else if (!Currencies.Contains(code))
        {
            errors.Add("currency", $"'{value.Trim()}' is not an ISO 4217 currency code (such as RUB, USD or EUR).");
        }
        return code;
    }

    private static DateOnly? Date(FieldErrors errors, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(field, "Must be a date like 2026-01-31.");
        return null;
    }
}

/// <summary>How deal values are written in answers.</summary>
internal static class DealFormat
{
    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
