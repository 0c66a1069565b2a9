using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmSuite.BuildingBlocks.Errors;

namespace CrmSuite.Clients.Api.CustomFields;

/// <summary>
/// Custom values between their text form (the API's: "1234.5", "2026-01-31", "true", an option,
/// a contact id) and their typed jsonb form in companies.custom_values (numbers and money as JSON
/// numbers, yes/no as JSON booleans, the rest as strings), so a containment filter compares values
/// of the right type.
/// </summary>
public static class CustomFieldValues
{
    public const int MaxTextLength = 2000;
    public const string FieldPrefix = "values.";

    /// <summary>Reads one value typed by a person; null and an error when it does not fit the field.</summary>
    public static JsonNode? Parse(CustomFieldDefinition field, string text, out string? error)
    {
        error = null;
        var value = text.Trim();
        switch (field.Kind)
        {
            case CustomFieldKind.Text:
                if (value.Length > MaxTextLength)
                {
                    error = $"Must be at most {MaxTextLength} characters.";
                    return null;
                }
                if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
                {
                    error = "Must not contain control characters.";
                    return null;
                }
                return JsonValue.Create(value);
            case CustomFieldKind.Number:
            case CustomFieldKind.Money:
                if (!decimal.TryParse(value.Replace(" ", "", StringComparison.Ordinal).Replace(',', '.'),
                    NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    error = "Must be a number, e.g. 1234.5.";
                    return null;
                }
                if (field.Kind == CustomFieldKind.Money && decimal.Round(number, 2) != number)
                {
                    error = "An amount of money has at most 2 digits after the point.";
                    return null;
                }
                return JsonValue.Create(number);
            case CustomFieldKind.Date:
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    error = "Must be a date as YYYY-MM-DD, e.g. 2026-01-31.";
                    return null;
                }
                return JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case CustomFieldKind.YesNo:
                if (!bool.TryParse(value, out var yes))
                {
                    error = "Must be true or false.";
                    return null;
                }
                return JsonValue.Create(yes);
            case CustomFieldKind.Choice:
                if (!field.Options.Contains(value, StringComparer.Ordinal))
                {
                    error = "Must be one of: " + string.Join(", ", field.Options) + ".";
                    return null;
                }
                return JsonValue.Create(value);
            case CustomFieldKind.Contact:
                if (!Guid.TryParse(value, out var contactId) || contactId == Guid.Empty)
                {
                    error = "Must be a contact of this company.";
                    return null;
                }
                return JsonValue.Create(contactId.ToString());
            default:
                error = "The field has an unknown type.";
                return null;
        }
    }

    /// <summary>The values as the API shows them, by field id.</summary>
    public static Dictionary<string, string> AsText(string json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonNode.Parse(string.IsNullOrEmpty(json) ? "{}" : json) is not JsonObject values)
        {
            return result;
        }
        foreach (var (key, node) in values)
        {
            if (node is JsonValue value)
            {
                result[key] = Format(value);
            }
        }
        return result;
    }

    public static string Format(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => value.GetValue<decimal>().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetValue<string>(),
    };

    /// <summary>The containment document for a list filter, e.g. {"&lt;id&gt;": 12.5}.</summary>
    public static string FilterDocument(CustomFieldDefinition field, JsonNode value) =>
        new JsonObject { [field.Id.ToString()] = value.DeepClone() }.ToJsonString();

    /// <summary>The words of the searchable text fields, which the company search matches.</summary>
    public static string? SearchText(JsonObject values, IEnumerable<CustomFieldDefinition> searchable)
    {
        var words = searchable
            .Select(f => values[f.Id.ToString()])
            .OfType<JsonValue>()
            .Where(v => v.GetValueKind() == JsonValueKind.String)
            .Select(v => v.GetValue<string>())
            .Where(v => v.Length > 0)
            .ToList();
        return words.Count == 0 ? null : string.Join(' ', words);
    }

    /// <summary>Field ids named in a request must be ids of defined fields.</summary>
    public static Guid FieldId(FieldErrors errors, string key)
    {
        if (!Guid.TryParse(key, out var id))
        {
            errors.Add(FieldPrefix + key, "Not a custom field id.");
        }
        return id;
    }
}
