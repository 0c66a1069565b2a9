using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using Microsoft.AspNetCore.Components;
using Radzen;

namespace CrmSuite.Gateway.UI.DocumentRecords;

public sealed partial class DocumentDialog
{
    /// <summary>Fields the open panel shows next to its inputs (the rest go to the alert above it).</summary>
    private static readonly string[] PanelFields = ["to", "subject", "paid_on", "reason"];

    private readonly ErrorState errors = new();
    private Document? document;
    private DocumentDraft draft = new();
    private DocumentPanel panel;
    private string sendTo = "";
    private string? done;
    private bool loading = true;
    private bool busy;
    private bool showPdf;

    [Parameter, EditorRequired] public string DocumentId { get; set; } = "";

    protected override async Task OnInitializedAsync()
    {
        document = await DocumentRecordsApi.GetDocumentAsync(DocumentId, errors);
        loading = false;
    }

    private IReadOnlyCollection<string> ShownFields => panel == DocumentPanel.Edit
        ? [.. PanelFields, .. errors.Fields.Keys.Where(name => name.StartsWith("lines[", StringComparison.Ordinal))]
        : PanelFields;

    private bool Can(DocumentActions action) => document is not null && DocumentLabels.ActionsFor(document).HasFlag(action);

    private void Show(DocumentPanel shown)
    {
        errors.Clear();
        panel = shown;
    }

    private void StartEditing()
    {
        draft = DocumentDraft.From(document!);
        Show(DocumentPanel.Edit);
    }

    /// <summary>The address is the document's contact's e-mail (the deal's contact), which the person may change.</summary>
    private async Task StartSendingAsync()
    {
        Show(DocumentPanel.Send);
        if (sendTo.Length == 0 && document!.ContactId.Length > 0
            && await ClientsApi.ListContactsAsync(document.CompanyId, 200, new ErrorState()) is { } contacts)
        {
            sendTo = contacts.Contacts.FirstOrDefault(c => c.Id == document.ContactId)?.Email ?? "";
        }
    }

    private Task SaveDraftAsync() =>
        RunAsync(() => DocumentRecordsApi.UpdateDraftAsync(draft.ToUpdateRequest(document!), errors), _ => T[Texts.DocumentRecords.DraftSaved]);

    private Task IssueAsync() =>
        RunAsync(() => DocumentRecordsApi.IssueAsync(document!, errors), issued => T.Format(Texts.DocumentRecords.Issued, issued.Number));

    private Task SendAsync(SendForm form)
    {
        sendTo = form.To;
        return RunAsync(() => DocumentRecordsApi.SendAsync(document!, form.To.Trim(), form.Subject.Trim(), form.Message.Trim(), errors),
            sent => T.Format(Texts.DocumentRecords.Sent, sent.Emails.LastOrDefault()?.To ?? form.To));
    }

    private Task MarkPaidAsync(string paidOn) =>
        RunAsync(() => DocumentRecordsApi.MarkPaidAsync(document!, paidOn, errors), _ => T[Texts.DocumentRecords.MarkedPaid]);

    private Task MarkSignedAsync() =>
        RunAsync(() => DocumentRecordsApi.MarkSignedAsync(document!, errors), _ => T[Texts.DocumentRecords.MarkedSigned]);

    private Task AnnulAsync(string reason) =>
        RunAsync(() => DocumentRecordsApi.AnnulAsync(document!, reason.Trim(), errors), _ => T[Texts.DocumentRecords.Annulled]);

    /// <summary>
    /// Runs an action; on success shows the document as the service answered, closes the panel and says
    /// what happened in the dialog (where the person looks); else keeps the panel and its input under the error.
    /// </summary>
    private async Task RunAsync(Func<Task<Document?>> action, Func<Document, string> said)
    {
        busy = true;
        done = null;
        errors.Clear();
        var changed = await action();
        busy = false;
        if (changed is null)
        {
            return;
        }
        document = changed;
        panel = DocumentPanel.None;
        done = said(changed);
        Notifications.Notify(NotificationSeverity.Success, done);
    }
}

/// <summary>What the person typed to send a document.</summary>
public sealed record SendForm(string To, string Subject, string Message);
