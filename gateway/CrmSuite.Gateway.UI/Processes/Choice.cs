namespace CrmSuite.Gateway.UI.Processes;

/// <summary>One option of a picker in the properties panel: what is stored, and what a person reads.</summary>
public sealed record Choice(string Value, string Text);

/// <summary>What the properties panel offers to pick from, loaded once by the editor page.</summary>
public sealed record PanelChoices(
    IReadOnlyList<Choice> People,
    IReadOnlyList<Choice> Teams,
    IReadOnlyList<Choice> TaskTypes,
    IReadOnlyList<Choice> Stages,
    IReadOnlyList<Choice>? DocumentTemplates)
{
    public static readonly PanelChoices None = new([], [], [], [], null);
}
