using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;

namespace CrmSuite.Scheduling.Api.Validation;

/// <summary>Parsing of the request's ids, texts, local times and zones, naming the field when it is bad.</summary>
internal static class InputRules
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    /// <summary>The calendar's years: far enough for history and planning, and no arithmetic near DateTime's limits.</summary>
    public const int FirstYear = 1970;
    public const int LastYear = 2200;

    public static Guid Id(string field, string value) => RequestIds.Id(field, value);

    public static Guid? Id(FieldErrors errors, string field, string value) => RequestIds.Id(errors, field, value);

    public static uint? Version(string value) => RequestIds.Version(value);

    public static string? Text(FieldErrors errors, string field, string value, int maxLength, bool required, string what, bool multiline = false)
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
        if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            errors.Add(field, $"The {what} must not contain control characters.");
            return null;
        }
        return text;
    }

    /// <summary>A person's id as identity issues it (the token's subject).</summary>
    public static string? UserId(FieldErrors errors, string field, string value)
    {
        var id = value.Trim();
        if (id.Length == 0)
        {
            return null;
        }
        if (id.Length > 100 || id.Any(char.IsControl) || id.Any(char.IsWhiteSpace))
        {
            errors.Add(field, "Must be a person's id.");
            return null;
        }
        return id;
    }

    public static string[] UserIds(FieldErrors errors, string field, IReadOnlyList<string> values, int max)
    {
        if (values.Count > max)
        {
            errors.Add(field, $"At most {max} people.");
            return [];
        }
        var ids = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            if (UserId(errors, $"{field}[{i}]", values[i]) is { } id && !ids.Contains(id))
            {
                ids.Add(id);
            }
            else if (values[i].Trim().Length == 0)
            {
                errors.Add($"{field}[{i}]", "Must be a person's id.");
            }
        }
        return [.. ids];
    }

    /// <summary>A local wall-clock time ("2026-03-02T09:00"), or with <paramref name="dateOnly"/> a date ("2026-03-02").</summary>
    public static DateTime? Local(FieldErrors errors, string field, string value, bool dateOnly, bool required, string what)
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
        if (dateOnly)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return InRange(errors, field, date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified));
            }
            errors.Add(field, $"The {what} of an all-day item must be a date like 2026-03-02.");
            return null;
        }
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return InRange(errors, field, DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
        }
        errors.Add(field, $"The {what} must be a local date and time like 2026-03-02T09:00 (no offset: the time zone is time_zone).");
        return null;
    }

    /// <summary>A window bound (UTC) of a list, within the calendar's years.</summary>
    public static DateTimeOffset? Instant(FieldErrors errors, string field, Google.Protobuf.WellKnownTypes.Timestamp? value)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Seconds < new DateTimeOffset(FirstYear, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()
            || value.Seconds >= new DateTimeOffset(LastYear + 1, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()
            || value.Nanos is < 0 or > 999_999_999)
        {
            errors.Add(field, $"Must be a time between {FirstYear} and {LastYear}.");
            return null;
        }
        return value.ToDateTimeOffset();
    }

    private static DateTime? InRange(FieldErrors errors, string field, DateTime value)
    {
        if (value.Year is < FirstYear or > LastYear)
        {
            errors.Add(field, $"Must be between {FirstYear} and {LastYear}.");
            return null;
        }
        return value;
    }

    /// <summary>An IANA time zone id known to the time-zone database the recurrence is computed with.</summary>
    public static string? Zone(FieldErrors errors, string field, string value)
    {
        var id = value.Trim();
        if (id.Length == 0)
        {
            errors.Add(field, "Required: an IANA time zone, e.g. Europe/Berlin.");
            return null;
        }
        if (NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is null)
        {
            errors.Add(field, $"Unknown time zone '{(id.Length > 64 ? id[..64] : id)}': use an IANA id, e.g. Europe/Berlin.");
            return null;
        }
        return id;
    }

    public static string? Link(FieldErrors errors, string field, string value)
    {
        var text = Text(errors, field, value, 2000, required: false, "link");
        if (text is null)
        {
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            errors.Add(field, "Must be an http(s) link, e.g. https://meet.example.com/abc.");
            return null;
        }
        return text;
    }

    public static string Local(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
