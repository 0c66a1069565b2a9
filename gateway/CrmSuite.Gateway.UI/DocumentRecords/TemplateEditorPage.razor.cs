using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using Microsoft.AspNetCore.Components;
using Radzen;

namespace CrmSuite.Gateway.UI.DocumentRecords;

public sealed partial class TemplateEditorPage
{
    /// <summary>The fields a template's error is reported under: its source's syntax or a name it does not know.</summary>
    private static readonly string[] TemplateFields = ["template", "body"];

    private readonly ErrorState errors = new();
    private readonly ErrorState previewErrors = new();
    private readonly ErrorState saveErrors = new();
    private Debouncer? typing;
    private Template? template;
    private string body = "";
    private string? previewUrl;
    private bool previewing;
    private bool saving;

    [Parameter] public string Id { get; set; } = "";

    protected override async Task OnInitializedAsync()
    {
        typing = new Debouncer(Debouncer.Typing, Clock);
        template = await DocumentRecordsApi.GetTemplateAsync(Id, errors);
        body = template?.Body ?? "";
        if (template?.Kind == "html")
        {
            await PreviewAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Keeps what was typed (the textarea is never given a value the person did not type, so the caret
    /// and the focus stay where they are) and prints the preview once the typing pauses.
    /// </summary>
    private Task OnTyped(ChangeEventArgs args)
    {
        body = args.Value as string ?? "";
        return typing!.RunAsync(PreviewAsync);
    }

    private async Task PreviewAsync(CancellationToken cancellationToken)
    {
        previewing = true;
        previewErrors.Clear();
        var pdf = await DocumentRecordsApi.PreviewTemplateAsync(WithBody(template!, body), previewErrors, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        previewing = false;
        // On an error the last good preview stays beside the message, so the person still sees what the template printed.
        // A blob: address (the page's policy frames no data: address), made by the browser from the bytes.
        if (pdf is not null && await Browser.PdfUrlAsync(pdf, previewUrl) is { } url)
        {
            previewUrl = url;
        }
    }

    private async Task SaveAsync()
    {
        saving = true;
        saveErrors.Clear();
        if (await DocumentRecordsApi.SaveTemplateAsync(WithBody(template!, body), saveErrors) is { } saved)
        {
            template = saved;
            Notifications.Notify(NotificationSeverity.Success, T[Texts.DocumentRecords.TemplateSaved]);
        }
        saving = false;
    }

    private static Template WithBody(Template template, string body)
    {
        var edited = template.Clone();
        edited.Body = body;
        return edited;
    }

    public void Dispose()
    {
        typing?.Dispose();
        if (previewUrl is not null)
        {
            _ = Browser.RevokeUrlAsync(previewUrl);
        }
    }
}
