using CrmSuite.Clients.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The custom fields API as the UI sees it: each test says how it answers and reads what it was asked.</summary>
internal sealed class FakeCustomFieldsClient : CrmSuite.Clients.Contracts.CustomFields.CustomFieldsClient
{
    public CustomFieldSchema Schema { get; set; } = new();

    public Func<SetCompanyCustomValuesRequest, AsyncUnaryCall<Company>> OnSetValues { get; set; } =
        request => Calls.Ok(new Company { Id = request.CompanyId, Name = "Saved", Version = "2", CustomValues = { request.Values } });

    public Func<CreateCustomFieldRequest, AsyncUnaryCall<CustomField>> OnCreateField { get; set; } =
        request => Calls.Ok(new CustomField { Id = "new-field", SectionId = request.SectionId, NameRu = request.NameRu, NameEn = request.NameEn, Type = request.Type });

    public List<SetCompanyCustomValuesRequest> SetValuesRequests { get; } = [];

    public List<CreateCustomFieldRequest> CreateFieldRequests { get; } = [];

    public override AsyncUnaryCall<CustomFieldSchema> ListCustomFieldsAsync(ListCustomFieldsRequest request, CallOptions options) =>
        Calls.Ok(Schema.Clone());

    public override AsyncUnaryCall<Company> SetCompanyCustomValuesAsync(SetCompanyCustomValuesRequest request, CallOptions options)
    {
        SetValuesRequests.Add(request);
        return OnSetValues(request);
    }

    public override AsyncUnaryCall<CustomField> CreateCustomFieldAsync(CreateCustomFieldRequest request, CallOptions options)
    {
        CreateFieldRequests.Add(request);
        return OnCreateField(request);
    }
}
