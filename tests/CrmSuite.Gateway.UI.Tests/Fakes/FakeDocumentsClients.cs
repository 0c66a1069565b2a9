using CrmSuite.Documents.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The documents service's files as the UI sees them: a store per record, every request recorded.</summary>
internal sealed class FakeAttachmentsClient : Attachments.AttachmentsClient
{
    public List<Attachment> Stored { get; } = [];

    public List<ListAttachmentsRequest> Listed { get; } = [];

    public List<SearchAttachmentsRequest> Searched { get; } = [];

    public List<string> Deleted { get; } = [];

    /// <summary>What a search answers (default: the stored files whose name has the words).</summary>
    public Func<SearchAttachmentsRequest, AsyncUnaryCall<ListAttachmentsResponse>>? OnSearch { get; set; }

    public static Attachment File(string id, string name, string contentType, long size, string recordType = "company", string recordId = "c-1") => new()
    {
        Id = id, RecordType = recordType, RecordId = recordId, FileName = name, ContentType = contentType, SizeBytes = size,
        UploadedAt = "2026-03-01T09:30:00Z", UploadedById = "user-2", UploadedByName = "Boris Ivanov",
        DownloadUrl = $"/v1/files/{id}",
        PreviewUrl = contentType is "application/pdf" || contentType.StartsWith("image/", StringComparison.Ordinal) ? $"/v1/files/{id}?inline=true" : "",
    };

    public override AsyncUnaryCall<ListAttachmentsResponse> ListAttachmentsAsync(ListAttachmentsRequest request, CallOptions options)
    {
        Listed.Add(request);
        return Calls.Ok(new ListAttachmentsResponse
        {
            Attachments = { Stored.Where(a => a.RecordType == request.RecordType && a.RecordId == request.RecordId) },
        });
    }

    public override AsyncUnaryCall<ListAttachmentsResponse> SearchAttachmentsAsync(SearchAttachmentsRequest request, CallOptions options)
    {
        Searched.Add(request);
        return OnSearch?.Invoke(request) ?? Calls.Ok(new ListAttachmentsResponse
        {
            Attachments =
            {
                Stored.Where(a => (request.RecordType.Length == 0 || (a.RecordType == request.RecordType && a.RecordId == request.RecordId))
                    && a.FileName.Contains(request.Query, StringComparison.OrdinalIgnoreCase)),
            },
        });
    }

    public override AsyncUnaryCall<Attachment> DeleteAttachmentAsync(DeleteAttachmentRequest request, CallOptions options)
    {
        Deleted.Add(request.Id);
        var found = Stored.FirstOrDefault(a => a.Id == request.Id);
        if (found is null)
        {
            return Calls.Fail<Attachment>(Calls.Error(StatusCode.NotFound, "File was not found."));
        }
        Stored.Remove(found);
        return Calls.Ok(found);
    }
}

/// <summary>Our organisations as the UI sees them; a save answers <see cref="OnSave"/> (default: stored, with a new version).</summary>
internal sealed class FakeOrganisationsClient : Organisations.OrganisationsClient
{
    public List<Organisation> Stored { get; } = [];

    public List<SaveOrganisationRequest> Created { get; } = [];

    public List<SaveOrganisationRequest> Updated { get; } = [];

    public Func<SaveOrganisationRequest, AsyncUnaryCall<Organisation>>? OnSave { get; set; }

    public override AsyncUnaryCall<ListOrganisationsResponse> ListOrganisationsAsync(ListOrganisationsRequest request, CallOptions options) =>
        Calls.Ok(new ListOrganisationsResponse { Organisations = { Stored.Select(o => o.Clone()) } });

    public override AsyncUnaryCall<Organisation> CreateOrganisationAsync(SaveOrganisationRequest request, CallOptions options)
    {
        Created.Add(request.Clone());
        return OnSave?.Invoke(request) ?? Calls.Ok(Store(request, "org-" + (Stored.Count + 1)));
    }

    public override AsyncUnaryCall<Organisation> UpdateOrganisationAsync(SaveOrganisationRequest request, CallOptions options)
    {
        Updated.Add(request.Clone());
        return OnSave?.Invoke(request) ?? Calls.Ok(Store(request, request.Id));
    }

    private Organisation Store(SaveOrganisationRequest request, string id)
    {
        Stored.RemoveAll(o => o.Id == id);
        var saved = new Organisation
        {
            Id = id, Name = request.Name, Inn = request.Inn, Kpp = request.Kpp, Ogrn = request.Ogrn, Address = request.Address,
            BankName = request.BankName, Bik = request.Bik, CorrespondentAccount = request.CorrespondentAccount,
            SettlementAccount = request.SettlementAccount, DirectorName = request.DirectorName, AccountantName = request.AccountantName,
            SignatureAttachmentId = request.SignatureAttachmentId, StampAttachmentId = request.StampAttachmentId,
            LogoAttachmentId = request.LogoAttachmentId, Version = "v" + (Created.Count + Updated.Count + 1),
        };
        Stored.Add(saved);
        return saved.Clone();
    }
}
