using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Localization;
using Radzen;

namespace CrmSuite.Gateway.UI.DocumentRecords;

/// <summary>Opens a document, and the "create invoice" dialog, the same way from the list, the cards and the deal.</summary>
internal static class DocumentDialogs
{
    public static Task OpenDocumentAsync(this DialogService dialogs, UiText text, string documentId, string title) =>
        dialogs.OpenAsync<DocumentDialog>(title, new Dictionary<string, object?> { [nameof(DocumentDialog.DocumentId)] = documentId },
            new DialogOptions { Width = "64rem", CloseDialogOnOverlayClick = false, Resizable = true });

    /// <summary>The invoice drafted from the deal, or null when the person cancelled.</summary>
    public static async Task<Document?> CreateInvoiceAsync(this DialogService dialogs, UiText text, string dealId, string dealTitle) =>
        await dialogs.OpenAsync<CreateInvoiceDialog>(text.Format(Texts.DocumentRecords.CreateInvoiceTitle, dealTitle),
            new Dictionary<string, object?> { [nameof(CreateInvoiceDialog.DealId)] = dealId },
            new DialogOptions { Width = "36rem", CloseDialogOnOverlayClick = false }) as Document;
}
