using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Localization;
using Radzen;

namespace CrmSuite.Gateway.UI.Deals;

/// <summary>Opens the deal form the same way from the board, the list and the company card.</summary>
internal static class DealDialogs
{
    private static readonly DialogOptions Options = new() { Width = "48rem", CloseDialogOnOverlayClick = false };

    /// <summary>The created deal, or null when the person cancelled.</summary>
    public static async Task<Deal?> CreateDealAsync(this DialogService dialogs, UiText text, string pipelineId, string? companyId = null, string? companyName = null) =>
        await dialogs.OpenAsync<DealDialog>(text[Texts.Deals.New], new Dictionary<string, object?>
        {
            [nameof(DealDialog.PipelineId)] = pipelineId,
            [nameof(DealDialog.CompanyId)] = companyId,
            [nameof(DealDialog.CompanyName)] = companyName,
        }, Options) as Deal;

    /// <summary>The saved deal, or null when the person closed the form without saving.</summary>
    public static async Task<Deal?> EditDealAsync(this DialogService dialogs, UiText text, Deal deal) =>
        await dialogs.OpenAsync<DealDialog>(text.Format(Texts.Deals.EditTitle, deal.Title),
            new Dictionary<string, object?> { [nameof(DealDialog.Deal)] = deal }, Options) as Deal;

    /// <summary>The reason typed, or null when the person cancelled the move.</summary>
    public static async Task<string?> AskLostReasonAsync(this DialogService dialogs, UiText text, Deal deal) =>
        await dialogs.OpenAsync<LostReasonDialog>(text[Texts.Deals.LostReason], new Dictionary<string, object?> { [nameof(LostReasonDialog.Deal)] = deal },
            new DialogOptions { Width = "32rem", CloseDialogOnOverlayClick = false }) as string;

    public static Text KindText(StageKind kind) => kind switch
    {
        StageKind.Won => Texts.Deals.KindWon,
        StageKind.Lost => Texts.Deals.KindLost,
        _ => Texts.Deals.KindOpen,
    };
}
