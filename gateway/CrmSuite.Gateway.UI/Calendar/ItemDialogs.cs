using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Scheduling.Contracts;
using Radzen;

namespace CrmSuite.Gateway.UI.Calendar;

/// <summary>Opens the item form and the item's details the same way from the calendar, the start page and a company card.</summary>
internal static class ItemDialogs
{
    private static readonly DialogOptions Options = new() { Width = "48rem", CloseDialogOnOverlayClick = false };

    /// <summary>The planned item, or null when the person cancelled. Times are the viewer's, in <paramref name="zone"/>.</summary>
    public static async Task<Item?> PlanItemAsync(this DialogService dialogs, UiText text, DateTime start, DateTime end, TimeZoneInfo zone,
        ItemKind kind = ItemKind.Meeting, string? companyId = null, string? companyName = null, string? dealId = null, string? leadId = null) =>
        await dialogs.OpenAsync<ItemForm>(text[Texts.Calendar.NewTitle], new Dictionary<string, object?>
        {
            [nameof(ItemForm.Start)] = start,
            [nameof(ItemForm.End)] = end,
            [nameof(ItemForm.ZoneId)] = zone.Id,
            [nameof(ItemForm.Kind)] = kind,
            [nameof(ItemForm.CompanyId)] = companyId,
            [nameof(ItemForm.CompanyName)] = companyName,
            [nameof(ItemForm.DealId)] = dealId,
            [nameof(ItemForm.LeadId)] = leadId,
        }, Options) as Item;

    /// <summary>The changed item; <paramref name="occurrenceStart"/> (the original start of a series' occurrence) edits that occurrence, asking the scope.</summary>
    public static async Task<Item?> EditItemAsync(this DialogService dialogs, UiText text, Item item, string? occurrenceStart = null) =>
        await dialogs.OpenAsync<ItemForm>(text.Format(Texts.Calendar.EditTitle, item.Title),
            new Dictionary<string, object?> { [nameof(ItemForm.Item)] = item, [nameof(ItemForm.OccurrenceStart)] = occurrenceStart }, Options) as Item;

    /// <summary>True when the person changed or completed the item; <paramref name="occurrenceStart"/> as for <see cref="EditItemAsync"/>.</summary>
    public static async Task<bool> ShowItemAsync(this DialogService dialogs, UiText text, string itemId, string? occurrenceStart = null) =>
        await dialogs.OpenAsync<ItemDetails>(text[Texts.Calendar.Title],
            new Dictionary<string, object?> { [nameof(ItemDetails.ItemId)] = itemId, [nameof(ItemDetails.OccurrenceStart)] = occurrenceStart },
            new DialogOptions { Width = "40rem", CloseDialogOnOverlayClick = true }) is true;

    /// <summary>The completed item (the next activity planned with it when the person chose so), or null when they cancelled.</summary>
    public static async Task<Item?> CompleteItemAsync(this DialogService dialogs, UiText text, Item item) =>
        await dialogs.OpenAsync<CompleteItemDialog>(text.Format(Texts.ActivityForms.CompleteTitle, item.Title),
            new Dictionary<string, object?> { [nameof(CompleteItemDialog.Item)] = item }, new DialogOptions { Width = "36rem", CloseDialogOnOverlayClick = false }) as Item;
}
