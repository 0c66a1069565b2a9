using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.Clients.Contracts;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using CrmSuite.Clients.Api.Validation;
using ContactEntity = CrmSuite.Clients.Api.Companies.Contact;
using CompanyEntity = CrmSuite.Clients.Api.Companies.Company;
using ContactPoint = CrmSuite.Clients.Api.Companies.ContactPoint;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>
/// The clients service's gRPC API; REST is the same calls through JSON transcoding. Every call
/// needs a permission, and sees only the companies the caller's visibility allows.
/// </summary>
public sealed class CompaniesService(ClientsDbContext db, CompanyQueries queries, CompanyHistory history, OutboxGroupWriter<ClientsDbContext> readAudit, TimeProvider clock) : Contracts.Companies.CompaniesBase
{
    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Company> CreateCompany(CreateCompanyRequest request, ServerCallContext context)
    {
        var fields = InputRules.Company(request.Name, request.Inn, request.Email, request.Phone, request.Details);
        var now = clock.GetUtcNow();
        var user = context.GetHttpContext().User;
        var company = new CompanyEntity
        {
            Id = Guid.CreateVersion7(now),
            CreatedAt = now,
            OwnerUserId = user.UserId() ?? string.Empty,
            TeamId = user.FindFirst(CrmClaims.Team)?.Value,
        };
        Apply(company, fields, now);
        db.Companies.Add(company);
        CompanyEvents.QueueCreated(db, company, Contracts.Events.CompanyCreated.Manual, now);
        history.Record(context.GetHttpContext(), "company.created", company.Id, before: null, after: CompanyHistory.Snapshot(company));
        await db.SaveChangesAsync(context.CancellationToken);
        return company.ToMessage(contactCount: 0);
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<Contracts.Company> GetCompany(GetCompanyRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var company = await queries.GetAsync(id, Caller(context), context.CancellationToken);
        // Opening a card is a sensitive read: who looked at which client is what catches a leak.
        await AuditReadAsync(context, "clients.company.viewed", "company", id.ToString(), details: null);
        return company;
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Company> UpdateCompany(UpdateCompanyRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var partial = request.UpdateMask is { Paths.Count: > 0 };
        if (partial)
        {
            CompanyUpdateMask.Validate(request.UpdateMask);
        }
        var fields = partial ? null : InputRules.Company(request.Name, request.Inn, request.Email, request.Phone, request.Details);
        var expectedVersion = InputRules.Version(request.Version);
        var company = await FindCompanyAsync(id, Caller(context), context.CancellationToken);
        if (company.ArchivedAt is not null)
        {
            throw new StateConflictException("id", "An archived company cannot be edited; restore it first.");
        }
        CheckVersion("Company", id, company.Version, expectedVersion);
        if (fields is null)
        {
            var merged = CompanyUpdateMask.Merge(request, company.ToMessage(contactCount: 0));
            fields = InputRules.Company(merged.Name, merged.Inn, merged.Email, merged.Phone, merged.Details);
        }
        var before = CompanyHistory.Snapshot(company);
        Apply(company, fields, clock.GetUtcNow());
        history.Record(context.GetHttpContext(), "company.updated", id, before, CompanyHistory.Snapshot(company));
        await SaveAsync("Company", id, context.CancellationToken);
        return await queries.GetAsync(id, Caller(context), context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override Task<Contracts.Company> ArchiveCompany(ArchiveCompanyRequest request, ServerCallContext context) =>
        SetCompanyArchivedAsync(InputRules.Id("id", request.Id), archived: true, context);

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override Task<Contracts.Company> RestoreCompany(RestoreCompanyRequest request, ServerCallContext context) =>
        SetCompanyArchivedAsync(InputRules.Id("id", request.Id), archived: false, context);

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Company> AssignCompany(AssignCompanyRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var visibility = Caller(context);
        // A manager may not hand records around; a team head only within the teams they head.
        var teamId = visibility.AssignmentTeam(request.OwnerUserId, request.TeamId, "companies");
        var company = await FindCompanyAsync(id, visibility, context.CancellationToken);
        var before = CompanyHistory.Snapshot(company);
        company.OwnerUserId = request.OwnerUserId;
        company.TeamId = teamId;
        company.UpdatedAt = clock.GetUtcNow();
        history.Record(context.GetHttpContext(), "company.assigned", id, before, CompanyHistory.Snapshot(company));
        await SaveAsync("Company", id, context.CancellationToken);
        return await queries.GetAsync(id, visibility, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Company> ShareCompany(ShareCompanyRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        if (string.IsNullOrWhiteSpace(request.UserId) || request.UserId.Length > 100)
        {
            throw new ValidationFailedException("user_id", "Choose the user to share with.");
        }
        var visibility = Caller(context);
        var company = await FindCompanyAsync(id, visibility, context.CancellationToken);
        if (!await db.CompanyShares.AnyAsync(s => s.CompanyId == id && s.UserId == request.UserId, context.CancellationToken))
        {
            db.CompanyShares.Add(new CompanyShare { CompanyId = company.Id, UserId = request.UserId });
            history.Record(context.GetHttpContext(), "company.shared", id, before: null,
                after: new Dictionary<string, string?> { ["shared_with"] = request.UserId }, details: new { sharedWith = request.UserId });
            await db.SaveChangesAsync(context.CancellationToken);
        }
        return await queries.GetAsync(id, visibility, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<ListCompaniesResponse> ListCompanies(ListCompaniesRequest request, ServerCallContext context)
    {
        var page = await queries.ListAsync(request, Caller(context), context.CancellationToken);
        await AuditReadAsync(context, "clients.company.listed", "company", string.Empty,
            new { rowCount = page.Companies.Count, sort = request.Sort.ToString(), request.Descending, request.IncludeArchived, firstPage = request.PageToken.Length == 0 });
        return page;
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<ListCompaniesResponse> SearchCompanies(SearchCompaniesRequest request, ServerCallContext context)
    {
        var page = await queries.SearchAsync(request, Caller(context), context.CancellationToken);
        await AuditReadAsync(context, "clients.company.searched", "company", string.Empty,
            new { query = request.Query, rowCount = page.Companies.Count, request.IncludeArchived });
        return page;
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Contact> CreateContact(CreateContactRequest request, ServerCallContext context)
    {
        var companyId = InputRules.Id("company_id", request.CompanyId);
        var fields = InputRules.Contact(request.FullName, request.Position, request.Email, request.Phone, request.Role, request.Phones, request.Emails);
        var company = await FindCompanyAsync(companyId, Caller(context), context.CancellationToken);
        if (company.ArchivedAt is not null)
        {
            throw new StateConflictException("company_id", "Contacts cannot be added to an archived company; restore it first.");
        }
        var now = clock.GetUtcNow();
        var contact = new ContactEntity { Id = Guid.CreateVersion7(now), CompanyId = companyId, CreatedAt = now };
        Apply(contact, fields, now);
        db.Contacts.Add(contact);
        history.Record(context.GetHttpContext(), "contact.created", companyId, before: null, after: CompanyHistory.Snapshot(contact), "contact", contact.Id, contact.FullName);
        await db.SaveChangesAsync(context.CancellationToken);
        return contact.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<Contracts.Contact> GetContact(GetContactRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var contact = await VisibleContacts(Caller(context)).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Contact", request.Id);
        return contact.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Contact> UpdateContact(UpdateContactRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var fields = InputRules.Contact(request.FullName, request.Position, request.Email, request.Phone, request.Role, request.Phones, request.Emails);
        var expectedVersion = InputRules.Version(request.Version);
        var contact = await FindContactAsync(id, Caller(context), context.CancellationToken);
        if (contact.ArchivedAt is not null)
        {
            throw new StateConflictException("id", "An archived contact cannot be edited.");
        }
        CheckVersion("Contact", id, contact.Version, expectedVersion);
        // A caller that sends only the single phone/email (older clients, integrations) changes the
        // primary entry and keeps the contact's other numbers and addresses.
        if (request.Phones.Count == 0)
        {
            fields = fields with { Phones = InputRules.WithPrimary(contact.Phones, fields.Phone) };
        }
        if (request.Emails.Count == 0)
        {
            fields = fields with { Emails = InputRules.WithPrimary(contact.Emails, fields.Email) };
        }
        var before = CompanyHistory.Snapshot(contact);
        Apply(contact, fields, clock.GetUtcNow());
        history.Record(context.GetHttpContext(), "contact.updated", contact.CompanyId, before, CompanyHistory.Snapshot(contact), "contact", id, contact.FullName);
        await SaveAsync("Contact", id, context.CancellationToken);
        return contact.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Contact> ArchiveContact(ArchiveContactRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var contact = await FindContactAsync(id, Caller(context), context.CancellationToken);
        if (contact.ArchivedAt is null)
        {
            var before = CompanyHistory.Snapshot(contact);
            contact.ArchivedAt = contact.UpdatedAt = clock.GetUtcNow();
            history.Record(context.GetHttpContext(), "contact.archived", contact.CompanyId, before, CompanyHistory.Snapshot(contact), "contact", id, contact.FullName);
            await SaveAsync("Contact", id, context.CancellationToken);
        }
        return contact.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override Task<ListContactsResponse> ListContacts(ListContactsRequest request, ServerCallContext context) =>
        queries.ListContactsAsync(request, Caller(context), context.CancellationToken);

    [Authorize(Policy = Permissions.ClientsRead)]
    public override Task<ListCompanyChangesResponse> ListCompanyChanges(ListCompanyChangesRequest request, ServerCallContext context) =>
        queries.ListChangesAsync(request, Caller(context), context.CancellationToken);

    private async Task<Contracts.Company> SetCompanyArchivedAsync(Guid id, bool archived, ServerCallContext context)
    {
        var visibility = Caller(context);
        var company = await FindCompanyAsync(id, visibility, context.CancellationToken);
        // Archiving twice (or restoring an active company) is harmless and changes nothing.
        if (company.ArchivedAt is null == archived)
        {
            var before = CompanyHistory.Snapshot(company);
            var now = clock.GetUtcNow();
            company.ArchivedAt = archived ? now : null;
            company.UpdatedAt = now;
            history.Record(context.GetHttpContext(), archived ? "company.archived" : "company.restored", id, before, CompanyHistory.Snapshot(company));
            await SaveAsync("Company", id, context.CancellationToken);
        }
        return await queries.GetAsync(id, visibility, context.CancellationToken);
    }

    private Task AuditReadAsync(ServerCallContext context, string action, string entityType, string entityId, object? details) =>
        readAudit.AuditReadAsync(context.GetHttpContext(), clock, action, entityType, entityId, details, context.CancellationToken);

    private static Visibility Caller(ServerCallContext context) => Visibility.Of(context.GetHttpContext().User);

    private async Task<CompanyEntity> FindCompanyAsync(Guid id, Visibility visibility, CancellationToken cancellationToken) =>
        await db.Companies.Where(visibility.Filter()).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new RecordNotFoundException("Company", id.ToString());

    private IQueryable<ContactEntity> VisibleContacts(Visibility visibility) =>
        db.Contacts.Where(contact => db.Companies.Where(visibility.Filter()).Any(company => company.Id == contact.CompanyId));

    private async Task<ContactEntity> FindContactAsync(Guid id, Visibility visibility, CancellationToken cancellationToken) =>
        await VisibleContacts(visibility).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new RecordNotFoundException("Contact", id.ToString());

    private static void CheckVersion(string entity, Guid id, uint actual, uint? expected) =>
        Concurrency.CheckVersion(entity, id.ToString(), actual, expected);

    private Task SaveAsync(string entity, Guid id, CancellationToken cancellationToken) =>
        db.SaveChangesOrConflictAsync(entity, id.ToString(), cancellationToken);

    private static void Apply(CompanyEntity company, InputRules.CompanyFields fields, DateTimeOffset now)
    {
        company.Name = fields.Name;
        company.Inn = fields.Inn;
        company.Email = fields.Email;
        company.Phone = fields.Phone;
        company.UpdatedAt = now;
        if (fields.Details is { } details)
        {
            company.Kpp = details.Kpp;
            company.Ogrn = details.Ogrn;
            company.LegalForm = details.LegalForm;
            company.FullLegalName = details.FullLegalName;
            company.BankBik = details.BankBik;
            company.BankAccount = details.BankAccount;
            company.BankCorrespondentAccount = details.BankCorrespondentAccount;
            company.BankName = details.BankName;
            company.Addresses = details.Addresses;
            company.Phones = details.Phones;
            company.Emails = details.Emails;
            company.Tags = details.Tags;
        }
        else if (company.Phones.Count == 0 && company.Emails.Count == 0)
        {
            // An older caller (no details) on a company without lists: keep the lists in step with the single values.
            company.Phones = fields.Phone is null ? [] : [new ContactPoint { Kind = "work", Value = fields.Phone, Primary = true }];
            company.Emails = fields.Email is null ? [] : [new ContactPoint { Kind = "work", Value = fields.Email, Primary = true }];
        }
        else
        {
            SetPrimary(company.Phones, fields.Phone);
            SetPrimary(company.Emails, fields.Email);
        }
    }

    /// <summary>An older caller changed the single phone/email: it becomes (or replaces) the primary entry.</summary>
    private static void SetPrimary(List<ContactPoint> points, string? value)
    {
        var primary = points.FirstOrDefault(p => p.Primary);
        if (value is null)
        {
            if (primary is not null)
            {
                points.Remove(primary);
            }
            return;
        }
        if (primary?.Value == value)
        {
            return;
        }
        points.RemoveAll(p => p.Value == value);
        if (primary is not null)
        {
            primary.Value = value;
        }
        else
        {
            points.Insert(0, new ContactPoint { Kind = "work", Value = value, Primary = true });
        }
    }

    private static void Apply(ContactEntity contact, InputRules.ContactFields fields, DateTimeOffset now)
    {
        contact.FullName = fields.FullName;
        contact.Position = fields.Position;
        contact.Email = fields.Email;
        contact.Phone = fields.Phone;
        contact.Role = fields.Role;
        contact.Phones = fields.Phones ?? [];
        contact.Emails = fields.Emails ?? [];
        contact.UpdatedAt = now;
    }
}
