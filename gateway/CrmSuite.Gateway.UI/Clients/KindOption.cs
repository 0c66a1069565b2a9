using CrmSuite.Gateway.UI.Localization;

namespace CrmSuite.Gateway.UI.Clients;

/// <summary>A value the server knows (legal, mobile, accountant…) with its text in the user's language.</summary>
public sealed record KindOption(string Value, string Text)
{
    public static IEnumerable<KindOption> Of(UiText text, IReadOnlyList<(string Value, Text Text)> kinds) =>
        kinds.Select(k => new KindOption(k.Value, text[k.Text]));

    public static string Describe(UiText text, IReadOnlyList<(string Value, Text Text)> kinds, string value) =>
        kinds.FirstOrDefault(k => k.Value == value) is { Text: { } label } ? text[label] : value;
}
