using System.Globalization;

namespace CrmSuite.Gateway.UI.Localization;

/// <summary>
/// Picks the Russian or English form of a text by the current UI culture. The host's request
/// localization sets it from the <c>.AspNetCore.Culture</c> cookie, and a Blazor Server circuit
/// keeps the culture of the request that opened it, so reading it per call is enough.
/// </summary>
public sealed class UiText
{
    public bool IsRussian => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru";

    public string this[Text text] => IsRussian ? text.Ru : text.En;

    public string Format(Text text, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, this[text], args);
}
