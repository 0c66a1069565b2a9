using System.Globalization;

namespace CrmSuite.BuildingBlocks.Errors;

/// <summary>
/// The id and version strings every service's requests carry, parsed one way everywhere and refused naming the field.
/// </summary>
public static class RequestIds
{
    public const string NotAnId = "Must be an id (UUID).";

    /// <summary>A required id: a bad one is refused at once.</summary>
    public static Guid Id(string field, string value) =>
        Guid.TryParse(value, out var id) ? id : throw new ValidationFailedException(field, NotAnId);

    /// <summary>An id among the request's other fields: empty is null (or "Required."), bad is collected in <paramref name="errors"/>.</summary>
    public static Guid? Id(FieldErrors errors, string field, string value, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, "Required.");
            }
            return null;
        }
        if (Guid.TryParse(value, out var id))
        {
            return id;
        }
        errors.Add(field, NotAnId);
        return null;
    }

    /// <summary>The version the caller last read (optimistic concurrency); empty means "don't check".</summary>
    public static uint? Version(string value) =>
        string.IsNullOrEmpty(value) ? null
        : uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
        : throw new ValidationFailedException("version", "Must be the version from the last read.");
}
