using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Errors;
using DocumentsClient = CrmSuite.Documents.Contracts.Documents.DocumentsClient;
using OrganisationsClient = CrmSuite.Documents.Contracts.Organisations.OrganisationsClient;
using TemplatesClient = CrmSuite.Documents.Contracts.Templates.TemplatesClient;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Invoices, contracts, acts and offers (the documents service) as the staff UI uses them: the list,
/// a document's lifecycle (edit the draft, issue, send, paid / signed, annul) and making one from a
/// deal; the document templates and their preview. Each call answers its result, or <c>null</c> with the reason shown in
/// <paramref name="errors"/> (see <see cref="ServiceCall"/>); the list answers for a
/// <see cref="Common.LatestLoad"/>, which shows its errors and drops superseded answers.
/// </summary>
public sealed class DocumentRecordsApi(DocumentsClient documents, OrganisationsClient organisations, TemplatesClient templates)
{
    /// <summary>
    /// The issued PDF shown in the browser: the document's file is an attachment of its company, served by
    /// the gateway's <c>/files/{id}</c> route with the person's token (the service checks they see the
    /// company and audits the preview). Empty for a draft, which has no file yet.
    /// </summary>
    public static string PdfUrl(Document document) =>
        document.FileAttachmentId.Length == 0 ? "" : $"files/{Uri.EscapeDataString(document.FileAttachmentId)}?inline=true";

    public Task<ListDocumentsResponse> ListDocumentsAsync(ListDocumentsRequest request, CancellationToken cancellationToken) =>
        documents.ListDocumentsAsync(request, cancellationToken: cancellationToken).ResponseAsync;

    public Task<Document?> GetDocumentAsync(string id, ErrorState errors) =>
        ServiceCall.RunAsync(documents.GetDocumentAsync(new GetDocumentRequest { Id = id }), errors, default);

    /// <summary>A draft from the deal: its company, contact and lines (priced from the price list).</summary>
    public Task<Document?> CreateFromDealAsync(CreateDocumentFromDealRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(documents.CreateDocumentFromDealAsync(request), errors, default);

    public Task<Document?> UpdateDraftAsync(UpdateDocumentRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(documents.UpdateDocumentAsync(request), errors, default);

    /// <summary>Numbers the draft and keeps its PDF; the answer carries the number it got.</summary>
    public Task<Document?> IssueAsync(Document document, ErrorState errors) =>
        ServiceCall.RunAsync(documents.IssueDocumentAsync(new DocumentActionRequest { Id = document.Id, Version = document.Version }), errors, default);

    public Task<Document?> SendAsync(Document document, string to, string subject, string message, ErrorState errors) =>
        ServiceCall.RunAsync(documents.SendDocumentAsync(new SendDocumentRequest
        {
            Id = document.Id, To = to, Subject = subject, Message = message, Version = document.Version,
        }), errors, default);

    public Task<Document?> MarkPaidAsync(Document document, string paidOn, ErrorState errors) =>
        ServiceCall.RunAsync(documents.MarkDocumentPaidAsync(new MarkDocumentPaidRequest { Id = document.Id, PaidOn = paidOn, Version = document.Version }),
            errors, default);

    public Task<Document?> MarkSignedAsync(Document document, ErrorState errors) =>
        ServiceCall.RunAsync(documents.MarkDocumentSignedAsync(new DocumentActionRequest { Id = document.Id, Version = document.Version }), errors, default);

    public Task<Document?> AnnulAsync(Document document, string reason, ErrorState errors) =>
        ServiceCall.RunAsync(documents.AnnulDocumentAsync(new AnnulDocumentRequest { Id = document.Id, Reason = reason, Version = document.Version }),
            errors, default);

    /// <summary>Our organisations, the sellers a document is made by.</summary>
    public async Task<IReadOnlyList<Organisation>?> ListOrganisationsAsync(ErrorState errors) =>
        (await ServiceCall.RunAsync(organisations.ListOrganisationsAsync(new ListOrganisationsRequest()), errors, default))?.Organisations;

    /// <summary>The active templates (documents.read), of one document type when <paramref name="documentType"/> is given; bodies left out.</summary>
    public async Task<IReadOnlyList<Template>?> ListTemplatesAsync(ErrorState errors, string documentType = "") =>
        (await ServiceCall.RunAsync(templates.ListTemplatesAsync(new ListTemplatesRequest { DocumentType = documentType }), errors, default))?.Templates;

    public Task<Template?> GetTemplateAsync(string id, ErrorState errors) =>
        ServiceCall.RunAsync(templates.GetTemplateAsync(new GetTemplateRequest { Id = id }), errors, default);

    /// <summary>Saves an HTML template's source (documents.configure); bad syntax or an unknown name is refused on "template" naming the line.</summary>
    public Task<Template?> SaveTemplateAsync(Template template, ErrorState errors) =>
        ServiceCall.RunAsync(templates.UpdateTemplateAsync(new SaveTemplateRequest
        {
            Id = template.Id, Name = template.Name, DocumentType = template.DocumentType, Language = template.Language, Kind = template.Kind,
            Body = template.Body, Version = template.Version,
        }), errors, default);

    /// <summary>The PDF of a sample document printed with the unsaved source, or null with the template's error (its line) in <paramref name="errors"/>.</summary>
    public async Task<byte[]?> PreviewTemplateAsync(Template template, ErrorState errors, CancellationToken cancellationToken) =>
        (await ServiceCall.RunAsync(templates.PreviewTemplateAsync(new PreviewTemplateRequest
        {
            DocumentType = template.DocumentType, Language = template.Language, Kind = template.Kind, Body = template.Body,
        }, cancellationToken: cancellationToken), errors, cancellationToken))?.Content.ToByteArray();
}
