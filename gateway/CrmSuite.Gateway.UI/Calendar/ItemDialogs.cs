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

    public static async Task<Item?> EditItemAsync(this DialogService dialogs, UiText text, Item item) =>
        await dialogs.OpenAsync<ItemForm>(text.Format(Texts.Calendar.EditTitle, item.Title),
            new Dictionary<string, object?> { [nameof(ItemForm.Item)] = item }, Options) as Item;

    /// <summary>True when the person changed or completed the item.</summary>
    public static async Task<bool> ShowItemAsync(this DialogService dialogs, UiText text, string itemId) =>
        await dialogs.OpenAsync<ItemDetails>(text[Texts.Calendar.Title], new Dictionary<string, object?> { [nameof(ItemDetails.ItemId)] = itemId },
            new DialogOptions { Width = "40rem", CloseDialogOnOverlayClick = true }) is true;
}
