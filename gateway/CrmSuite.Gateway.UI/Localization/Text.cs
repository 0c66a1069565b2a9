namespace CrmSuite.Gateway.UI.Localization;

/// <summary>One text the user sees, in both languages the UI speaks.</summary>
public sealed record Text(string Ru, string En);
