using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Errors;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Leads, web forms, assignment rules and telephony as the staff UI uses them. Each call answers
/// its result, or <c>null</c> with the reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class LeadsApi(CrmSuite.Clients.Contracts.Leads.LeadsClient leads)
{
    /// <summary>A page of leads; a list's <see cref="Common.LatestLoad"/> turns its errors and drops superseded answers.</summary>
    public Task<ListLeadsResponse> ListLeadsAsync(ListLeadsRequest request, CancellationToken cancellationToken) =>
        leads.ListLeadsAsync(request, cancellationToken: cancellationToken).ResponseAsync;

    /// <summary>A page of leads for a short list (the start page's), its refusal shown in <paramref name="errors"/>.</summary>
    public Task<ListLeadsResponse?> FindLeadsAsync(ListLeadsRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(leads.ListLeadsAsync(request), errors, default);

    public Task<Lead?> GetLeadAsync(string id, ErrorState errors, CancellationToken cancellationToken = default) =>
        ServiceCall.RunAsync(leads.GetLeadAsync(new GetLeadRequest { Id = id }, cancellationToken: cancellationToken), errors, cancellationToken);

    public Task<Lead?> CreateLeadAsync(CreateLeadRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(leads.CreateLeadAsync(request), errors, default);

    public Task<Lead?> StartLeadAsync(Lead lead, ErrorState errors) =>
        ServiceCall.RunAsync(leads.StartLeadAsync(new StartLeadRequest { Id = lead.Id, Version = lead.Version }), errors, default);

    public Task<Lead?> RejectLeadAsync(Lead lead, string reason, ErrorState errors) =>
        ServiceCall.RunAsync(leads.RejectLeadAsync(new RejectLeadRequest { Id = lead.Id, Reason = reason, Version = lead.Version }), errors, default);

    public Task<FindLeadDuplicatesResponse?> FindDuplicatesAsync(Lead lead, ErrorState errors) =>
        ServiceCall.RunAsync(leads.FindLeadDuplicatesAsync(new FindLeadDuplicatesRequest { Id = lead.Id }), errors, default);

    public Task<ConvertLeadResponse?> ConvertLeadAsync(ConvertLeadRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(leads.ConvertLeadAsync(request), errors, default);

    public Task<ListWebFormsResponse?> ListWebFormsAsync(ErrorState errors) =>
        ServiceCall.RunAsync(leads.ListWebFormsAsync(new ListWebFormsRequest()), errors, default);

    public Task<WebForm?> CreateWebFormAsync(CreateWebFormRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(leads.CreateWebFormAsync(request), errors, default);

    public Task<AssignmentRules?> ListAssignmentRulesAsync(ErrorState errors) =>
        ServiceCall.RunAsync(leads.ListAssignmentRulesAsync(new ListAssignmentRulesRequest()), errors, default);

    public Task<AssignmentRules?> SaveAssignmentRulesAsync(SaveAssignmentRulesRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(leads.SaveAssignmentRulesAsync(request), errors, default);

    public Task<ListTelephonyIntegrationsResponse?> ListTelephonyIntegrationsAsync(ErrorState errors) =>
        ServiceCall.RunAsync(leads.ListTelephonyIntegrationsAsync(new ListTelephonyIntegrationsRequest()), errors, default);

    public Task<CreatedTelephonyIntegration?> CreateTelephonyIntegrationAsync(string name, ErrorState errors) =>
        ServiceCall.RunAsync(leads.CreateTelephonyIntegrationAsync(new CreateTelephonyIntegrationRequest { Name = name }), errors, default);

    public Task<TelephonyIntegration?> RevokeTelephonyIntegrationAsync(TelephonyIntegration integration, ErrorState errors) =>
        ServiceCall.RunAsync(leads.RevokeTelephonyIntegrationAsync(new RevokeTelephonyIntegrationRequest { Id = integration.Id }), errors, default);
}
