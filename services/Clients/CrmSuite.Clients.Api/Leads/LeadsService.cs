using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Contracts;
using CrmSuite.Clients.Contracts.Events;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using CrmSuite.Clients.Api.Validation;

namespace CrmSuite.Clients.Api.Leads;

/// <summary>
/// Leads over gRPC (and REST through transcoding): capture by API, the list, the card's actions
/// (start, reject, assign, convert) and, in the other part of this class, the configuration.
/// </summary>
public sealed partial class LeadsService(
    ClientsDbContext db, LeadQueries queries, LeadCapture capture, LeadConversion conversion, OutboxGroupWriter<ClientsDbContext> readAudit, TimeProvider clock) : Contracts.Leads.LeadsBase
{
    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Lead> CreateLead(CreateLeadRequest request, ServerCallContext context)
    {
        var details = request.SourceDetails ?? new LeadSourceDetails();
        var lead = LeadInput.Validate(new LeadDraft(request.PersonName, request.CompanyName, request.Email, request.Phone, request.Inn,
            request.Message, request.Region, request.Tags, details.PageUrl, details.UtmSource, details.UtmMedium,
            details.UtmCampaign, details.UtmTerm, details.UtmContent));
        lead.Source = LeadSource.Api;
        var http = context.GetHttpContext();
        var user = http.User;
        // Without a matching rule, a manager entering a lead is responsible for it (else they could
        // not see what they entered); leads from callers who see everything (integrations,
        // directors) go to the unassigned pool, which those who see all leads share out.
        var visibility = Visibility.Of(user);
        (string, string?)? fallback = visibility.SeesAll ? null : (visibility.UserId, user.FindFirst(CrmClaims.Team)?.Value);
        var saved = await capture.CaptureAsync(lead, AuditEvent.From(http, clock.GetUtcNow(), "", "", ""), fallback, context.CancellationToken);
        return saved.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<Contracts.Lead> GetLead(GetLeadRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var lead = await queries.GetAsync(id, Caller(context), context.CancellationToken);
        await AuditReadAsync(context, "clients.lead.viewed", id.ToString(), details: null);
        return lead.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<ListLeadsResponse> ListLeads(ListLeadsRequest request, ServerCallContext context)
    {
        var page = await queries.ListAsync(request, Caller(context), context.CancellationToken);
        await AuditReadAsync(context, "clients.lead.listed", string.Empty, new
        {
            rowCount = page.Leads.Count,
            status = request.Status.ToString(),
            source = request.Source.ToString(),
            owner = request.OwnerUserId,
            query = request.Query,
            firstPage = request.PageToken.Length == 0,
        });
        return page;
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Lead> StartLead(StartLeadRequest request, ServerCallContext context)
    {
        var lead = await FindAsync(request.Id, request.Version, context);
        if (lead.Status != LeadStatus.New)
        {
            throw new StateConflictException("id", "Only a new lead can be taken into work.");
        }
        return await ChangeAsync(lead, "clients.lead.started", context, l => l.Status = LeadStatus.InProgress);
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Lead> RejectLead(RejectLeadRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var reason = InputRules.RequiredText(errors, "reason", request.Reason, Lead.MaxReasonLength);
        errors.ThrowIfAny();
        var lead = await FindAsync(request.Id, request.Version, context);
        if (lead.Status is LeadStatus.Converted or LeadStatus.Rejected)
        {
            throw new StateConflictException("id", lead.Status == LeadStatus.Converted ? "A converted lead cannot be rejected." : "This lead is already rejected.");
        }
        return await ChangeAsync(lead, "clients.lead.rejected", context, l =>
        {
            l.Status = LeadStatus.Rejected;
            l.RejectionReason = reason;
        });
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Lead> AssignLead(AssignLeadRequest request, ServerCallContext context)
    {
        var visibility = Caller(context);
        var lead = await FindAsync(request.Id, version: string.Empty, context);
        var teamId = visibility.AssignmentTeam(request.OwnerUserId, request.TeamId, "leads");
        if (lead.OwnerUserId != request.OwnerUserId)
        {
            // For the KPI; commits with the change below (outbox). Only the team changing is no reassignment.
            var now = clock.GetUtcNow();
            db.Enqueue(LeadAssigned.Topic, new LeadAssigned(lead.Id, request.OwnerUserId, teamId,
                lead.OwnerUserId.Length == 0 ? null : lead.OwnerUserId, visibility.UserId, now), now);
        }
        return await ChangeAsync(lead, "clients.lead.assigned", context, l =>
        {
            l.OwnerUserId = request.OwnerUserId;
            l.TeamId = teamId;
        });
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<FindLeadDuplicatesResponse> FindLeadDuplicates(FindLeadDuplicatesRequest request, ServerCallContext context)
    {
        var visibility = Caller(context);
        var lead = await queries.GetAsync(InputRules.Id("id", request.Id), visibility, context.CancellationToken);
        var (visible, hidden) = await conversion.FindDuplicatesAsync(lead, visibility, context.CancellationToken);
        var response = new FindLeadDuplicatesResponse { HiddenMatches = hidden };
        response.Candidates.AddRange(visible.Select(c => new LeadDuplicateCandidate
        {
            CompanyId = c.Company.Id.ToString(),
            CompanyName = c.Company.Name,
            Inn = c.Company.Inn ?? string.Empty,
            Email = c.Company.Email ?? string.Empty,
            Phone = c.Company.Phone ?? string.Empty,
            MatchedOn = { c.MatchedOn },
        }));
        return response;
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<ConvertLeadResponse> ConvertLead(ConvertLeadRequest request, ServerCallContext context)
    {
        var lead = await FindAsync(request.Id, version: string.Empty, context);
        return await conversion.ConvertAsync(lead, request, Caller(context), context.GetHttpContext(), context.CancellationToken);
    }

    private static Visibility Caller(ServerCallContext context) => Visibility.Of(context.GetHttpContext().User);

    /// <summary>The lead, tracked, if the caller sees it; the version checked when one was sent.</summary>
    private async Task<Lead> FindAsync(string rawId, string version, ServerCallContext context)
    {
        var id = InputRules.Id("id", rawId);
        var expected = InputRules.Version(version);
        var lead = await db.Leads.Where(Caller(context).LeadFilter()).FirstOrDefaultAsync(l => l.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Lead", rawId);
        Concurrency.CheckVersion("Lead", rawId, lead.Version, expected);
        return lead;
    }

    /// <summary>Applies a change to the lead and commits it with its audit event.</summary>
    private async Task<Contracts.Lead> ChangeAsync(Lead lead, string action, ServerCallContext context, Action<Lead> change)
    {
        var before = LeadSnapshot.Of(lead);
        change(lead);
        var now = clock.GetUtcNow();
        lead.UpdatedAt = now;
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, action, "lead", lead.Id.ToString(), before, LeadSnapshot.Of(lead)));
        await db.SaveChangesOrConflictAsync("Lead", lead.Id.ToString(), context.CancellationToken);
        return lead.ToMessage();
    }

    private void Audit(ServerCallContext context, string action, string entityType, string entityId, object? before, object? after, object? details = null) =>
        db.Audit(AuditEvent.From(context.GetHttpContext(), clock.GetUtcNow(), action, entityType, entityId, before, after, details));

    private Task AuditReadAsync(ServerCallContext context, string action, string entityId, object? details) =>
        readAudit.AuditReadAsync(context.GetHttpContext(), clock, action, "lead", entityId, details, context.CancellationToken);
}
