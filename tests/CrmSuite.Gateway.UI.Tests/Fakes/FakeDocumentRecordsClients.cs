using CrmSuite.Documents.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>
/// Invoices and other documents as the UI sees them: a small in-memory set the list answers from
/// (filtered by company, deal, type and state as the service does), lifecycle actions that move the
/// stored document as the service would, and every request recorded.
/// </summary>
internal sealed class FakeDocumentRecordsClient : CrmSuite.Documents.Contracts.Documents.DocumentsClient
{
    public List<Document> Stored { get; } = [];

    public List<ListDocumentsRequest> ListRequests { get; } = [];

    public List<CreateDocumentFromDealRequest> CreateFromDealRequests { get; } = [];

    public List<UpdateDocumentRequest> UpdateRequests { get; } = [];

    public List<SendDocumentRequest> SendRequests { get; } = [];

    public List<string> Actions { get; } = [];

    /// <summary>The number the next issued document gets.</summary>
    public string NextNumber { get; set; } = "СЧ-2026-000001";

    /// <summary>How a list is answered; by default the stored documents the request's filters keep, like the service.</summary>
    public Func<ListDocumentsRequest, AsyncUnaryCall<ListDocumentsResponse>>? OnList { get; set; }

    public override AsyncUnaryCall<ListDocumentsResponse> ListDocumentsAsync(ListDocumentsRequest request, CallOptions options)
    {
        ListRequests.Add(request);
        if (OnList is { } answer)
        {
            return answer(request);
        }
        var response = new ListDocumentsResponse();
        response.Documents.AddRange(Stored.Where(d =>
            (request.CompanyId.Length == 0 || d.CompanyId == request.CompanyId)
            && (request.DealId.Length == 0 || d.DealId == request.DealId)
            && (request.Type.Length == 0 || d.Type == request.Type)
            && (request.State.Length == 0 || d.State == request.State)
            && (request.DateFrom.Length == 0 || string.CompareOrdinal(d.Date, request.DateFrom) >= 0)
            && (request.DateTo.Length == 0 || string.CompareOrdinal(d.Date, request.DateTo) <= 0)
            && (request.Query.Length == 0 || (d.Number + " " + d.CompanyName).Contains(request.Query, StringComparison.OrdinalIgnoreCase))).Select(d => d.Clone()));
        return Calls.Ok(response);
    }

    public override AsyncUnaryCall<Document> GetDocumentAsync(GetDocumentRequest request, CallOptions options) =>
        Stored.FirstOrDefault(d => d.Id == request.Id) is { } document
            ? Calls.Ok(document.Clone())
            : Calls.Fail<Document>(Calls.Error(StatusCode.NotFound, "No such document."));

    public override AsyncUnaryCall<Document> CreateDocumentFromDealAsync(CreateDocumentFromDealRequest request, CallOptions options)
    {
        CreateFromDealRequests.Add(request);
        var document = new Document
        {
            Id = $"doc-{Stored.Count + 1}", Type = request.Type, State = "draft", DealId = request.DealId, CompanyId = "c-1", CompanyName = "Alfa LLC",
            OrganisationId = request.OrganisationId, OrganisationName = "Our Company LLC", Date = "2026-12-06", Currency = "RUB",
            Net = "1000.00", Vat = "220.00", Total = "1220.00", TemplateId = request.TemplateId, Version = "1",
            Lines = { new DocumentLine { Position = 1, Name = "Kettle", Quantity = "2", Unit = "pcs", Price = "500.00", Amount = "1000.00", VatLabel = "22 %", VatAmount = "220.00", Total = "1220.00" } },
        };
        Stored.Add(document);
        return Calls.Ok(document.Clone());
    }

    /// <summary>How an update is answered; by default the stored draft takes the new lines.</summary>
    public Func<UpdateDocumentRequest, AsyncUnaryCall<Document>>? OnUpdate { get; set; }

    public override AsyncUnaryCall<Document> UpdateDocumentAsync(UpdateDocumentRequest request, CallOptions options)
    {
        UpdateRequests.Add(request);
        if (OnUpdate is not null)
        {
            return OnUpdate(request);
        }
        return Change(request.Id, "update", d =>
        {
            d.Lines.Clear();
            d.Lines.AddRange(request.Lines.Select((l, i) => new DocumentLine
            {
                Position = i + 1, Name = l.Name, Quantity = l.Quantity, Unit = l.Unit, Price = l.Price, VatLabel = l.VatRate.Length == 0 ? "22 %" : l.VatRate + " %",
            }));
        });
    }

    public override AsyncUnaryCall<Document> IssueDocumentAsync(DocumentActionRequest request, CallOptions options) =>
        Change(request.Id, "issue", d =>
        {
            d.State = "issued";
            d.Number = NextNumber;
            d.FileAttachmentId = "file-" + d.Id;
        });

    public override AsyncUnaryCall<Document> SendDocumentAsync(SendDocumentRequest request, CallOptions options)
    {
        SendRequests.Add(request);
        return Change(request.Id, "send", d =>
        {
            d.State = d.State == "issued" ? "sent" : d.State;
            d.Emails.Add(new DocumentEmail { To = request.To, Subject = request.Subject, SentByName = "Anna Petrova" });
        });
    }

    public override AsyncUnaryCall<Document> MarkDocumentPaidAsync(MarkDocumentPaidRequest request, CallOptions options) =>
        Change(request.Id, "paid " + request.PaidOn, d => { d.State = "paid"; d.PaidOn = request.PaidOn; });

    public override AsyncUnaryCall<Document> MarkDocumentSignedAsync(DocumentActionRequest request, CallOptions options) =>
        Change(request.Id, "signed", d => d.State = "signed");

    public override AsyncUnaryCall<Document> AnnulDocumentAsync(AnnulDocumentRequest request, CallOptions options) =>
        Change(request.Id, "annul " + request.Reason, d => { d.State = "annulled"; d.AnnulReason = request.Reason; });

    private AsyncUnaryCall<Document> Change(string id, string action, Action<Document> change)
    {
        Actions.Add(action);
        var document = Stored.Single(d => d.Id == id);
        change(document);
        document.Version = (int.Parse(document.Version, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Calls.Ok(document.Clone());
    }
}

/// <summary>Our organisations, the sellers of documents.</summary>
internal sealed class FakeSellerOrganisationsClient : CrmSuite.Documents.Contracts.Organisations.OrganisationsClient
{
    public List<Organisation> Stored { get; } = [new Organisation { Id = "org-1", Name = "Our Company LLC", Version = "1" }];

    public override AsyncUnaryCall<ListOrganisationsResponse> ListOrganisationsAsync(ListOrganisationsRequest request, CallOptions options) =>
        Calls.Ok(new ListOrganisationsResponse { Organisations = { Stored.Select(o => o.Clone()) } });
}

/// <summary>
/// Document templates: a stored set, saves recorded, and a preview that prints the body it is sent
/// (its bytes are the PDF here) unless <see cref="OnPreview"/> answers otherwise (a template error).
/// </summary>
internal sealed class FakeTemplatesClient : CrmSuite.Documents.Contracts.Templates.TemplatesClient
{
    public List<Template> Stored { get; } = [];

    public List<PreviewTemplateRequest> PreviewRequests { get; } = [];

    public List<SaveTemplateRequest> SaveRequests { get; } = [];

    /// <summary>How a preview is answered; null (or no answer from it) prints the body.</summary>
    public Func<PreviewTemplateRequest, AsyncUnaryCall<PreviewTemplateResponse>?>? OnPreview { get; set; }

    public override AsyncUnaryCall<ListTemplatesResponse> ListTemplatesAsync(ListTemplatesRequest request, CallOptions options) =>
        Calls.Ok(new ListTemplatesResponse
        {
            Templates = { Stored.Where(t => request.DocumentType.Length == 0 || t.DocumentType == request.DocumentType).Select(t => { var c = t.Clone(); c.Body = ""; return c; }) },
        });

    public override AsyncUnaryCall<Template> GetTemplateAsync(GetTemplateRequest request, CallOptions options) =>
        Stored.FirstOrDefault(t => t.Id == request.Id) is { } template
            ? Calls.Ok(template.Clone())
            : Calls.Fail<Template>(Calls.Error(StatusCode.NotFound, "No such template."));

    public override AsyncUnaryCall<Template> UpdateTemplateAsync(SaveTemplateRequest request, CallOptions options)
    {
        SaveRequests.Add(request);
        var template = Stored.Single(t => t.Id == request.Id);
        template.Body = request.Body;
        template.Version = (int.Parse(template.Version, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Calls.Ok(template.Clone());
    }

    public override AsyncUnaryCall<PreviewTemplateResponse> PreviewTemplateAsync(PreviewTemplateRequest request, CallOptions options)
    {
        PreviewRequests.Add(request);
        return OnPreview?.Invoke(request) ?? Calls.Ok(new PreviewTemplateResponse
        {
            Content = Google.Protobuf.ByteString.CopyFromUtf8(request.Body), ContentType = "application/pdf", FileName = "preview.pdf",
        });
    }
}
