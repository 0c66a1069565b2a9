using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Contracts;
using CrmSuite.Clients.Contracts.Events;
using Microsoft.EntityFrameworkCore;
using CrmSuite.Clients.Api.Validation;
using CompanyEntity = CrmSuite.Clients.Api.Companies.Company;
using ContactEntity = CrmSuite.Clients.Api.Companies.Contact;

namespace CrmSuite.Clients.Api.Leads;

/// <summary>
/// Turns a lead into a client: a company (new, or an existing one the caller chose among the
/// duplicates) and a contact, the lead marked converted and pointing at them, with their audit
/// events and <see cref="LeadConverted"/>, in one SaveChanges.
/// </summary>
public sealed class LeadConversion(ClientsDbContext db, TimeProvider clock)
{
    private const int MaxCandidates = 20;

    public sealed record Candidate(CompanyEntity Company, IReadOnlyList<string> MatchedOn);

    /// <summary>Active companies with the lead's INN, email or phone (the company's own or a contact's).</summary>
    public async Task<(IReadOnlyList<Candidate> Visible, int Hidden)> FindDuplicatesAsync(Lead lead, Visibility visibility, CancellationToken cancellationToken)
    {
        var inn = lead.Inn;
        var email = lead.Email;
        var phone = lead.Phone;
        if (inn is null && email is null && phone is null)
        {
            return ([], 0);
        }
        var matches = await db.Companies.AsNoTracking()
            .Where(c => c.ArchivedAt == null && (
                (inn != null && c.Inn == inn)
                || (email != null && c.Email == email)
                || (phone != null && c.Phone == phone)
                || c.Contacts.Any(k => k.ArchivedAt == null && ((email != null && k.Email == email) || (phone != null && k.Phone == phone)))))
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Take(MaxCandidates)
            .Select(c => new
            {
                Company = c,
                ContactEmail = email != null && c.Contacts.Any(k => k.ArchivedAt == null && k.Email == email),
                ContactPhone = phone != null && c.Contacts.Any(k => k.ArchivedAt == null && k.Phone == phone),
            })
            .ToListAsync(cancellationToken);
        var ids = matches.Select(m => m.Company.Id).ToList();
        var visibleIds = await db.Companies.Where(visibility.Filter()).Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        var visible = matches.Where(m => visibleIds.Contains(m.Company.Id)).Select(m =>
        {
            var on = new List<string>();
            if (inn is not null && m.Company.Inn == inn)
            {
                on.Add("inn");
            }
            if ((email is not null && m.Company.Email == email) || m.ContactEmail)
            {
                on.Add("email");
            }
            if ((phone is not null && m.Company.Phone == phone) || m.ContactPhone)
            {
                on.Add("phone");
            }
            return new Candidate(m.Company, on);
        }).ToList();
        return (visible, matches.Count - visible.Count);
    }

    /// <param name="lead">The lead, tracked, already checked to be visible to the caller.</param>
    public async Task<ConvertLeadResponse> ConvertAsync(Lead lead, ConvertLeadRequest request, Visibility visibility, HttpContext http, CancellationToken cancellationToken)
    {
        if (lead.Status == LeadStatus.Converted)
        {
            throw new StateConflictException("id", "This lead is already converted.");
        }
        if (lead.Status == LeadStatus.Rejected)
        {
            throw new StateConflictException("id", "A rejected lead cannot be converted.");
        }
        Concurrency.CheckVersion("Lead", lead.Id.ToString(), lead.Version, InputRules.Version(request.Version));
        var now = clock.GetUtcNow();
        var user = http.User;
        var (company, created) = string.IsNullOrEmpty(request.ExistingCompanyId)
            ? (await NewCompanyAsync(lead, request, visibility, user, now, cancellationToken), true)
            : (await ExistingCompanyAsync(request.ExistingCompanyId, visibility, cancellationToken), false);

        var contact = new ContactEntity
        {
            Id = Guid.CreateVersion7(now),
            CompanyId = company.Id,
            FullName = ContactName(lead),
            Email = lead.Email,
            Phone = lead.Phone,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Contacts.Add(contact);

        var before = LeadSnapshot.Of(lead);
        lead.Status = LeadStatus.Converted;
        lead.CompanyId = company.Id;
        lead.ContactId = contact.Id;
        lead.ConvertedAt = lead.UpdatedAt = now;

        var deal = request.OpenDeal ? await OpenDealAsync(lead, request, company, contact, user, now, cancellationToken) : null;

        void Audit(string action, string type, Guid id, object? beforeValues, object afterValues) =>
            db.Audit(AuditEvent.From(http, now, action, type, id.ToString(), beforeValues, afterValues, new { fromLead = lead.Id }));
        if (created)
        {
            Audit("clients.company.created", "company", company.Id, null, new { company.Name, company.Inn, company.Email, company.Phone, company.OwnerUserId, company.TeamId });
        }
        Audit("clients.contact.created", "contact", contact.Id, null, new { contact.CompanyId, contact.FullName, contact.Email, contact.Phone });
        if (deal is not null)
        {
            Audit("clients.deal.created", "deal", deal.Id, null, new { deal.Title, deal.CompanyId, deal.ContactId, deal.PipelineId, deal.StageId, deal.Amount, deal.Currency, deal.OwnerUserId });
        }
        Audit("clients.lead.converted", "lead", lead.Id, before, LeadSnapshot.Of(lead));
        db.Enqueue(LeadConverted.Topic, new LeadConverted(lead.Id, company.Id, contact.Id, created,
            company.OwnerUserId, lead.Source.ToString(), now), now);
        // Somebody converted, rejected or reassigned it meanwhile: nothing of this conversion is kept.
        await db.SaveChangesOrConflictAsync("Lead", lead.Id.ToString(), cancellationToken);
        return new ConvertLeadResponse
        {
            Lead = lead.ToMessage(),
            CompanyId = company.Id.ToString(),
            ContactId = contact.Id.ToString(),
            CompanyCreated = created,
            DealId = deal?.Id.ToString() ?? string.Empty,
        };
    }

    /// <summary>The lead's deal, in the first open stage, owned like the company, in this same transaction.</summary>
    private async Task<Deals.Deal> OpenDealAsync(Lead lead, ConvertLeadRequest request, CompanyEntity company, ContactEntity contact,
        System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pipelineId = request.PipelineId.Length == 0 ? (Guid?)null
            : Guid.TryParse(request.PipelineId, out var pid) ? pid : throw new ValidationFailedException("pipeline_id", "Must be a pipeline id.");
        var title = request.DealTitle.Trim() is { Length: > 0 } given ? given : $"{company.Name}: {lead.Message ?? lead.Source.ToString()}";
        if (title.Length > Deals.Deal.MaxTitleLength)
        {
            title = title[..Deals.Deal.MaxTitleLength];
        }
        var pipeline = await Deals.DealBook.ActivePipelineAsync(db, pipelineId, cancellationToken);
        var stage = pipeline.CurrentStages.First(s => s.Kind == Deals.StageKind.Open);
        var deal = new Deals.Deal
        {
            Id = Guid.CreateVersion7(now),
            Title = title,
            CompanyId = company.Id,
            ContactId = contact.Id,
            PipelineId = pipeline.Id,
            StageId = stage.Id,
            Currency = "RUB",
            Probability = stage.Probability,
            OwnerUserId = company.OwnerUserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Deals.Add(deal);
        Deals.DealBook.RecordStage(db, deal, from: null, stage, user, now);
        Deals.DealBook.QueueCreated(db, deal, company.TeamId, lead.Id, now);
        return deal;
    }

    private async Task<CompanyEntity> NewCompanyAsync(Lead lead, ConvertLeadRequest request, Visibility visibility,
        System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = request.CompanyName.Trim() is { Length: > 0 } given ? given : lead.CompanyName ?? ContactName(lead);
        if (name.Length > CompanyEntity.MaxNameLength || name.Any(char.IsControl))
        {
            throw new ValidationFailedException("company_name", $"Must be at most {CompanyEntity.MaxNameLength} characters, without control characters.");
        }
        if (!request.CreateDespiteDuplicates)
        {
            var (visible, hidden) = await FindDuplicatesAsync(lead, visibility, cancellationToken);
            if (visible.Count + hidden > 0)
            {
                throw new StateConflictException("existing_company_id",
                    $"{visible.Count + hidden} compan{(visible.Count + hidden == 1 ? "y has" : "ies have")} the same INN, email or phone; attach the lead to one of them, or ask to create a new company anyway.");
            }
        }
        var ownerIsLeadOwner = lead.OwnerUserId.Length > 0;
        var company = new CompanyEntity
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            Inn = lead.Inn,
            Email = lead.Email,
            Phone = lead.Phone,
            CreatedAt = now,
            UpdatedAt = now,
            OwnerUserId = ownerIsLeadOwner ? lead.OwnerUserId : user.UserId() ?? string.Empty,
            TeamId = ownerIsLeadOwner ? lead.TeamId : user.FindFirst(CrmClaims.Team)?.Value,
        };
        db.Companies.Add(company);
        CompanyEvents.QueueCreated(db, company, CompanyCreated.Lead, now, lead.Id, lead.Source.ToString());
        return company;
    }

    private async Task<CompanyEntity> ExistingCompanyAsync(string id, Visibility visibility, CancellationToken cancellationToken)
    {
        var companyId = InputRules.Id("existing_company_id", id);
        var company = await db.Companies.Where(visibility.Filter()).FirstOrDefaultAsync(c => c.Id == companyId, cancellationToken)
            ?? throw new RecordNotFoundException("Company", id);
        if (company.ArchivedAt is not null)
        {
            throw new StateConflictException("existing_company_id", "The company is archived; restore it first or create a new one.");
        }
        return company;
    }

    /// <summary>The contact is the person; a lead from a bare phone call has only a number to name it by.</summary>
    private static string ContactName(Lead lead)
    {
        var name = lead.PersonName.Length > 0 ? lead.PersonName : lead.CompanyName ?? lead.Phone ?? lead.Email ?? "?";
        return name.Length > ContactEntity.MaxFullNameLength ? name[..ContactEntity.MaxFullNameLength] : name;
    }
}
