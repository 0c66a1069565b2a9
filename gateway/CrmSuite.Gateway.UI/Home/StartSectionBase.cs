using CrmSuite.Gateway.UI.Errors;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CrmSuite.Gateway.UI.Home;

/// <summary>
/// A start-page section's loading: its few rows fetched once when the page opens; a failed call
/// shows its reason in the section and leaves the other sections alone.
/// </summary>
public abstract class StartSectionBase<TItem> : ComponentBase
{
    /// <summary>How many rows a section shows; the full page is one click away.</summary>
    protected const int Shown = 5;

    protected ErrorState Errors { get; } = new();

    protected IReadOnlyList<TItem> Items { get; private set; } = [];

    protected bool Loading { get; private set; } = true;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The section's rows, or null with the reason put into <paramref name="errors"/> by the typed client layer.</summary>
    protected abstract Task<IReadOnlyList<TItem>?> LoadAsync(string userId, ErrorState errors);

    protected override async Task OnInitializedAsync()
    {
        var userId = AuthenticationState is null ? "" : (await AuthenticationState).User.FindFirst("sub")?.Value ?? "";
        Items = await LoadAsync(userId, Errors) ?? [];
        Loading = false;
    }
}
