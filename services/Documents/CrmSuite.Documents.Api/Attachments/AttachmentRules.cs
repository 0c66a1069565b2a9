using CrmSuite.BuildingBlocks.Errors;

namespace CrmSuite.Documents.Api.Attachments;

/// <summary>The records a file may attach to, and what a file name may be.</summary>
public static class AttachmentRules
{
    public const int MaxFileNameLength = 255;

    public const string Company = "company";
    public const string Contact = "contact";
    public const string Deal = "deal";
    public const string Lead = "lead";
    public const string Task = "task";
    public const string Product = "product";
    public const string Movement = "movement";
    /// <summary>One of our own organisations (its signature, stamp and logo images).</summary>
    public const string Organisation = "organisation";

    public static readonly IReadOnlyList<string> RecordTypes = [Company, Contact, Deal, Lead, Task, Product, Movement, Organisation];

    /// <summary>The record a request names, or the field errors saying what is wrong.</summary>
    public static (string Type, Guid Id) Record(FieldErrors errors, string type, string id, bool required = true)
    {
        var normalized = type.Trim().ToLowerInvariant();
        if (normalized.Length == 0)
        {
            if (required)
            {
                errors.Add("record_type", "Required: one of " + string.Join(", ", RecordTypes) + ".");
            }
        }
        else if (!RecordTypes.Contains(normalized))
        {
            errors.Add("record_type", "Must be one of " + string.Join(", ", RecordTypes) + ".");
        }
        var recordId = RequestIds.Id(errors, "record_id", id, required: required || normalized.Length > 0);
        return (normalized, recordId ?? Guid.Empty);
    }

    /// <summary>The name to keep: the last path segment, without control characters; null when none is left.</summary>
    public static string? FileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var last = name.Replace('\\', '/').Split('/').Last();
        var clean = new string([.. last.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length is 0 or > MaxFileNameLength || clean is "." or ".." ? null : clean;
    }
}
