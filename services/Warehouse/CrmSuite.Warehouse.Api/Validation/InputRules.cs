using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;

namespace CrmSuite.Warehouse.Api.Validation;

/// <summary>Parsing of the request's ids and decimal strings, naming the field when it is bad.</summary>
internal static class InputRules
{
    public const decimal MaxQuantity = 1_000_000_000m;
    public const decimal MaxMoney = 1_000_000_000_000m;

    public static Guid Id(string field, string value) => RequestIds.Id(field, value);

    public static Guid? Id(FieldErrors errors, string field, string value, bool required) => RequestIds.Id(errors, field, value, required);

    public static uint? Version(string value) => RequestIds.Version(value);

    /// <summary>A decimal string with at most <paramref name="scale"/> decimals within [min, max].</summary>
    public static decimal? Decimal(FieldErrors errors, string field, string value, int scale, decimal min, decimal max, bool minExclusive, bool required, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, $"Required: the {what}.");
            }
            return null;
        }
        if (!decimal.TryParse(value.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            errors.Add(field, $"The {what} must be a number like 12.5 (a dot for decimals).");
            return null;
        }
        if (minExclusive ? number <= min : number < min)
        {
            errors.Add(field, minExclusive ? $"The {what} must be greater than {min.ToString(CultureInfo.InvariantCulture)}." : $"The {what} must be at least {min.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }
        if (number > max)
        {
            errors.Add(field, $"The {what} must be at most {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }
        if (decimal.Round(number, scale) != number)
        {
            errors.Add(field, $"The {what} may have at most {scale} decimals.");
            return null;
        }
        return number;
    }

    public static decimal? Quantity(FieldErrors errors, string field, string value) =>
        Decimal(errors, field, value, 3, 0m, MaxQuantity, minExclusive: true, required: true, "quantity");

    public static string? Text(FieldErrors errors, string field, string value, int maxLength, bool required, string what)
    {
        var text = value.Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                errors.Add(field, $"Required: the {what}.");
            }
            return null;
        }
        if (text.Length > maxLength)
        {
            errors.Add(field, $"The {what} must be at most {maxLength} characters.");
            return null;
        }
        if (text.Any(char.IsControl))
        {
            errors.Add(field, $"The {what} must not contain control characters.");
            return null;
        }
        return text;
    }

    public static DateOnly? Date(FieldErrors errors, string field, string value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, "Required: a date (yyyy-MM-dd).");
            }
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
