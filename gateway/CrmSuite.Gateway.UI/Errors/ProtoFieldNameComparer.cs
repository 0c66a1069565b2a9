namespace CrmSuite.Gateway.UI.Errors;

/// <summary>
/// Matches a field violation to a form field whether the server names it the proto way
/// (<c>full_name</c>) or the JSON way (<c>fullName</c>).
/// </summary>
internal sealed class ProtoFieldNameComparer : IEqualityComparer<string>
{
    public static readonly ProtoFieldNameComparer Instance = new();

    public bool Equals(string? x, string? y) =>
        x is null || y is null ? ReferenceEquals(x, y) : string.Equals(Normalize(x), Normalize(y), StringComparison.Ordinal);

    public int GetHashCode(string obj) => StringComparer.Ordinal.GetHashCode(Normalize(obj));

    private static string Normalize(string field) => field.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
