using System.Text.Json;

namespace CrmSuite.Gateway.UI.Audit;

/// <summary>One field of an audited record: its value before and after, and whether it changed.</summary>
public sealed record AuditDiffRow(string Field, string? Before, string? After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);
}

/// <summary>
/// Compares the before/after JSON snapshots of an entry field by field. Nested objects are
/// flattened to dotted paths; arrays and scalars are compared by their JSON text.
/// </summary>
public static class AuditDiff
{
    public static IReadOnlyList<AuditDiffRow> Compare(string before, string after)
    {
        var old = Flatten(before);
        var @new = Flatten(after);
        return old.Keys.Union(@new.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(field => new AuditDiffRow(field, old.GetValueOrDefault(field), @new.GetValueOrDefault(field)))
            .ToList();
    }

    private static Dictionary<string, string> Flatten(string json)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return fields;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                Add(fields, "", document.RootElement);
            }
            else
            {
                fields["(value)"] = Show(document.RootElement);
            }
        }
        catch (JsonException)
        {
            fields["(value)"] = json;
        }

        return fields;
    }

    private static void Add(Dictionary<string, string> fields, string prefix, JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            if (property.Value.ValueKind == JsonValueKind.Object && property.Value.EnumerateObject().Any())
            {
                Add(fields, name, property.Value);
            }
            else
            {
                fields[name] = Show(property.Value);
            }
        }
    }

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };
}
