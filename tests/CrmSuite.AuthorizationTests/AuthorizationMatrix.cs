using System.Text.Json;

namespace CrmSuite.AuthorizationTests;

/// <summary>The expected table, authorization-matrix.json: endpoint key → what it requires.</summary>
public static class AuthorizationMatrix
{
    private static readonly Lazy<IReadOnlyDictionary<string, AccessRule>> Table = new(Load);

    public const string FileName = "authorization-matrix.json";

    public static IReadOnlyDictionary<string, AccessRule> Entries => Table.Value;

    public static IEnumerable<KeyValuePair<string, AccessRule>> For(string service) =>
        Entries.Where(e => e.Key.StartsWith(service + ": ", StringComparison.Ordinal));

    /// <summary>The JSON line an endpoint would need, for failure messages.</summary>
    public static string EntryFor(ServiceEndpoint endpoint) =>
        $"\"{endpoint.Key}\": {{ \"requires\": \"{endpoint.Effective.Requires}\"" +
        (endpoint.Effective.Schemes.Length == 0 ? string.Empty : $", \"schemes\": [{string.Join(", ", endpoint.Effective.Schemes.Split(',').Select(s => $"\"{s}\""))}]") +
        " },";

    private static IReadOnlyDictionary<string, AccessRule> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var entries = new Dictionary<string, AccessRule>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var requires = property.Value.TryGetProperty("requires", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()!
                : throw new InvalidDataException($"{FileName}: '{property.Name}' has no \"requires\".");
            var schemes = property.Value.TryGetProperty("schemes", out var s)
                ? string.Join(',', s.EnumerateArray().Select(x => x.GetString()!).Order(StringComparer.Ordinal))
                : string.Empty;
            if (!entries.TryAdd(property.Name, new AccessRule(requires, schemes)))
            {
                throw new InvalidDataException($"{FileName}: '{property.Name}' appears twice.");
            }
        }
        return entries;
    }
}
