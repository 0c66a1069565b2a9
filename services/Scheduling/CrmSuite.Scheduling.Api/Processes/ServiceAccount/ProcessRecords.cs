using Grpc.Core;
using ClientsContracts = CrmSuite.Clients.Contracts;
using DocumentsContracts = CrmSuite.Documents.Contracts;

namespace CrmSuite.Scheduling.Api.Processes.ServiceAccount;

/// <summary>
/// What the process engine does in other services, as the scheduling service's own account
/// (<see cref="SchedulingServiceAccount"/>): move a deal to a stage, create a document from a
/// template, read a record's name. Each throws <see cref="ServiceAccountUnavailableException"/>
/// without a token and <see cref="RpcException"/> with the far side's answer.
/// </summary>
public sealed class ProcessRecords(
    SchedulingServiceAccount account,
    ClientsContracts.Deals.DealsClient deals,
    ClientsContracts.Companies.CompaniesClient companies,
    ClientsContracts.Leads.LeadsClient leads,
    DocumentsContracts.Documents.DocumentsClient documents,
    DocumentsContracts.Templates.TemplatesClient templates,
    DocumentsContracts.Organisations.OrganisationsClient organisations)
{
    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(15);

    /// <summary>After a service refused the account's token: the next call gets a new one.</summary>
    public void TokenRefused() => account.Forget();

    /// <summary>Moves the deal to <paramref name="stageId"/> with its current version; the deal as it is after (unchanged when already there).</summary>
    public async Task<ClientsContracts.Deal> SetDealStageAsync(Guid dealId, string stageId, CancellationToken cancellationToken)
    {
        var headers = await account.HeadersAsync(cancellationToken);
        var deal = await deals.GetDealAsync(new ClientsContracts.GetDealRequest { Id = dealId.ToString() }, headers, Deadline, cancellationToken);
        if (deal.StageId == stageId)
        {
            // A retried step after a crash between the move and the commit: already done.
            return deal;
        }
        return await deals.MoveDealAsync(new ClientsContracts.MoveDealRequest { Id = deal.Id, StageId = stageId, Version = deal.Version },
            headers, Deadline, cancellationToken);
    }

    /// <summary>The documents service's template <paramref name="templateId"/>; null when there is none by that id (or it is no id at all).</summary>
    public async Task<DocumentsContracts.Template?> DocumentTemplateAsync(string templateId, CancellationToken cancellationToken)
    {
        var headers = await account.HeadersAsync(cancellationToken);
        try
        {
            return await templates.GetTemplateAsync(new DocumentsContracts.GetTemplateRequest { Id = templateId }, headers, Deadline, cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            return null;
        }
    }

    /// <summary>A draft of the template's type for the deal (its lines) or the company, by our first organisation.</summary>
    public async Task<DocumentsContracts.Document> CreateDocumentAsync(DocumentsContracts.Template template, Guid? dealId, Guid companyId, CancellationToken cancellationToken)
    {
        var headers = await account.HeadersAsync(cancellationToken);
        var ours = await organisations.ListOrganisationsAsync(new DocumentsContracts.ListOrganisationsRequest(), headers, Deadline, cancellationToken);
        var organisation = ours.Organisations.FirstOrDefault()
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "No organisation of ours is set up in the documents service"));
        return dealId is { } deal
            ? await documents.CreateDocumentFromDealAsync(new DocumentsContracts.CreateDocumentFromDealRequest
            {
                DealId = deal.ToString(), Type = template.DocumentType, OrganisationId = organisation.Id, TemplateId = template.Id,
            }, headers, Deadline, cancellationToken)
            : await documents.CreateDocumentAsync(new DocumentsContracts.CreateDocumentRequest
            {
                CompanyId = companyId.ToString(), Type = template.DocumentType, OrganisationId = organisation.Id, TemplateId = template.Id,
            }, headers, Deadline, cancellationToken);
    }

    /// <summary>The deal's title, the company's name or the lead's company and person: what people see as the instance's record.</summary>
    public async Task<string> NameAsync(Guid? companyId, Guid? dealId, Guid? leadId, CancellationToken cancellationToken)
    {
        var headers = await account.HeadersAsync(cancellationToken);
        if (dealId is { } deal)
        {
            return (await deals.GetDealAsync(new ClientsContracts.GetDealRequest { Id = deal.ToString() }, headers, Deadline, cancellationToken)).Title;
        }
        if (leadId is { } lead)
        {
            var found = await leads.GetLeadAsync(new ClientsContracts.GetLeadRequest { Id = lead.ToString() }, headers, Deadline, cancellationToken);
            return string.Join(", ", new[] { found.CompanyName, found.PersonName }.Where(n => n.Length > 0));
        }
        return companyId is { } company
            ? (await companies.GetCompanyAsync(new ClientsContracts.GetCompanyRequest { Id = company.ToString() }, headers, Deadline, cancellationToken)).Name
            : string.Empty;
    }
}
