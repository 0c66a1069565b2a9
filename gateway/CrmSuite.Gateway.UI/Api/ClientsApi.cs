using CrmSuite.Clients.Contracts;
using CustomFieldsClient = CrmSuite.Clients.Contracts.CustomFields.CustomFieldsClient;
using DuplicatesClient = CrmSuite.Clients.Contracts.Duplicates.DuplicatesClient;
using CrmSuite.Gateway.UI.Errors;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Companies, their contacts, custom values and duplicates as the staff UI uses them. Each call answers its result, or
/// <c>null</c> with the reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class ClientsApi(Companies.CompaniesClient companies, CustomFieldsClient customFields, DuplicatesClient duplicates)
{
    /// <summary>Companies matching <paramref name="query"/> (best first), or the first of the whole list when it is empty.</summary>
    public async Task<IReadOnlyList<Company>?> FindCompaniesAsync(string query, int pageSize, ErrorState errors,
        CancellationToken cancellationToken = default)
    {
        if (query.Length > 0)
        {
            var found = await ServiceCall.RunAsync(
                companies.SearchCompaniesAsync(new SearchCompaniesRequest { Query = query, PageSize = pageSize }, cancellationToken: cancellationToken),
                errors, cancellationToken);
            return found?.Companies;
        }
        var page = await ServiceCall.RunAsync(
            companies.ListCompaniesAsync(new ListCompaniesRequest { PageSize = pageSize }, cancellationToken: cancellationToken),
            errors, cancellationToken);
        return page?.Companies;
    }

    public Task<Company?> GetCompanyAsync(string id, ErrorState errors) =>
        ServiceCall.RunAsync(companies.GetCompanyAsync(new GetCompanyRequest { Id = id }), errors, default);

    public Task<Company?> AssignCompanyAsync(AssignCompanyRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(companies.AssignCompanyAsync(request), errors, default);

    public Task<ListCompanyChangesResponse?> ListCompanyChangesAsync(ListCompanyChangesRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(companies.ListCompanyChangesAsync(request), errors, default);

    public Task<ListContactsResponse?> ListContactsAsync(string companyId, int pageSize, ErrorState errors, string pageToken = "") =>
        ServiceCall.RunAsync(
            companies.ListContactsAsync(new ListContactsRequest { CompanyId = companyId, PageSize = pageSize, PageToken = pageToken }), errors, default);

    public Task<Contact?> CreateContactAsync(CreateContactRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(companies.CreateContactAsync(request), errors, default);

    public Task<Contact?> ArchiveContactAsync(Contact contact, ErrorState errors) =>
        ServiceCall.RunAsync(companies.ArchiveContactAsync(new ArchiveContactRequest { Id = contact.Id }), errors, default);

    public Task<CustomFieldSchema?> ListCustomFieldsAsync(ErrorState errors) =>
        ServiceCall.RunAsync(customFields.ListCustomFieldsAsync(new ListCustomFieldsRequest()), errors, default);

    public Task<CustomSection?> CreateCustomSectionAsync(CreateCustomSectionRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(customFields.CreateCustomSectionAsync(request), errors, default);

    public Task<CustomSection?> UpdateCustomSectionAsync(UpdateCustomSectionRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(customFields.UpdateCustomSectionAsync(request), errors, default);

    public Task<DeleteCustomSectionResponse?> DeleteCustomSectionAsync(CustomSection section, ErrorState errors) =>
        ServiceCall.RunAsync(customFields.DeleteCustomSectionAsync(new DeleteCustomSectionRequest { Id = section.Id }), errors, default);

    public Task<CustomField?> CreateCustomFieldAsync(CreateCustomFieldRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(customFields.CreateCustomFieldAsync(request), errors, default);

    public Task<CustomField?> UpdateCustomFieldAsync(UpdateCustomFieldRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(customFields.UpdateCustomFieldAsync(request), errors, default);

    public Task<DeleteCustomFieldResponse?> DeleteCustomFieldAsync(CustomField field, ErrorState errors) =>
        ServiceCall.RunAsync(customFields.DeleteCustomFieldAsync(new DeleteCustomFieldRequest { Id = field.Id }), errors, default);

    public Task<Company?> SetCustomValuesAsync(SetCompanyCustomValuesRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(customFields.SetCompanyCustomValuesAsync(request), errors, default);

    /// <summary>Companies that look like <paramref name="company"/> (same INN, e-mail, phone or a close name), itself excluded.</summary>
    public Task<FindDuplicatesResponse?> FindDuplicatesOfAsync(Company company, ErrorState errors) =>
        ServiceCall.RunAsync(duplicates.FindDuplicatesAsync(new FindDuplicatesRequest
        {
            Name = company.Name, Inn = company.Inn, Email = company.Email, Phone = company.Phone, ExcludeId = company.Id,
        }), errors, default);

    public Task<Company?> MergeCompaniesAsync(string survivorId, string mergedId, ErrorState errors) =>
        ServiceCall.RunAsync(duplicates.MergeCompaniesAsync(new MergeCompaniesRequest { SurvivorId = survivorId, MergedId = mergedId }), errors, default);
}
