using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Api.Paging;
using CrmSuite.Clients.Contracts;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using ContactEntity = CrmSuite.Clients.Api.Companies.Contact;
using CompanyEntity = CrmSuite.Clients.Api.Companies.Company;

namespace CrmSuite.Clients.Api.Grpc;

/// <summary>The clients service's gRPC API; REST is the same calls through JSON transcoding.</summary>
public sealed class CompaniesService(ClientsDbContext db, CompanyQueries queries, TimeProvider clock) : Contracts.Companies.CompaniesBase
{
    public override async Task<Contracts.Company> CreateCompany(CreateCompanyRequest request, ServerCallContext context)
    {
        var fields = InputRules.Company(request.Name, request.Inn, request.Email, request.Phone);
        var now = clock.GetUtcNow();
        var company = new CompanyEntity { Id = Guid.CreateVersion7(now), CreatedAt = now };
        Apply(company, fields, now);
        db.Companies.Add(company);
        await db.SaveChangesAsync(context.CancellationToken);
        return company.ToMessage(contactCount: 0);
    }

    public override Task<Contracts.Company> GetCompany(GetCompanyRequest request, ServerCallContext context) =>
        queries.GetAsync(InputRules.Id("id", request.Id), context.CancellationToken);

    public override async Task<Contracts.Company> UpdateCompany(UpdateCompanyRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var fields = InputRules.Company(request.Name, request.Inn, request.Email, request.Phone);
        var expectedVersion = InputRules.Version(request.Version);
        var company = await FindCompanyAsync(id, context.CancellationToken);
        if (company.ArchivedAt is not null)
        {
            throw new StateConflictException("id", "An archived company cannot be edited; restore it first.");
        }
        CheckVersion("Company", id, company.Version, expectedVersion);
        Apply(company, fields, clock.GetUtcNow());
        await SaveAsync("Company", id, context.CancellationToken);
        return await queries.GetAsync(id, context.CancellationToken);
    }

    public override Task<Contracts.Company> ArchiveCompany(ArchiveCompanyRequest request, ServerCallContext context) =>
        SetCompanyArchivedAsync(InputRules.Id("id", request.Id), archived: true, context.CancellationToken);

    public override Task<Contracts.Company> RestoreCompany(RestoreCompanyRequest request, ServerCallContext context) =>
        SetCompanyArchivedAsync(InputRules.Id("id", request.Id), archived: false, context.CancellationToken);

    public override Task<ListCompaniesResponse> ListCompanies(ListCompaniesRequest request, ServerCallContext context) =>
        queries.ListAsync(request, context.CancellationToken);

    public override Task<ListCompaniesResponse> SearchCompanies(SearchCompaniesRequest request, ServerCallContext context) =>
        queries.SearchAsync(request, context.CancellationToken);

    public override async Task<Contracts.Contact> CreateContact(CreateContactRequest request, ServerCallContext context)
    {
        var companyId = InputRules.Id("company_id", request.CompanyId);
        var fields = InputRules.Contact(request.FullName, request.Position, request.Email, request.Phone);
        var company = await FindCompanyAsync(companyId, context.CancellationToken);
        if (company.ArchivedAt is not null)
        {
            throw new StateConflictException("company_id", "Contacts cannot be added to an archived company; restore it first.");
        }
        var now = clock.GetUtcNow();
        var contact = new ContactEntity { Id = Guid.CreateVersion7(now), CompanyId = companyId, CreatedAt = now };
        Apply(contact, fields, now);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(context.CancellationToken);
        return contact.ToMessage();
    }

    public override async Task<Contracts.Contact> GetContact(GetContactRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Contact", request.Id);
        return contact.ToMessage();
    }

    public override async Task<Contracts.Contact> UpdateContact(UpdateContactRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var fields = InputRules.Contact(request.FullName, request.Position, request.Email, request.Phone);
        var expectedVersion = InputRules.Version(request.Version);
        var contact = await FindContactAsync(id, context.CancellationToken);
        if (contact.ArchivedAt is not null)
        {
            throw new StateConflictException("id", "An archived contact cannot be edited.");
        }
        CheckVersion("Contact", id, contact.Version, expectedVersion);
        Apply(contact, fields, clock.GetUtcNow());
        await SaveAsync("Contact", id, context.CancellationToken);
        return contact.ToMessage();
    }

    public override async Task<Contracts.Contact> ArchiveContact(ArchiveContactRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var contact = await FindContactAsync(id, context.CancellationToken);
        if (contact.ArchivedAt is null)
        {
            contact.ArchivedAt = contact.UpdatedAt = clock.GetUtcNow();
            await SaveAsync("Contact", id, context.CancellationToken);
        }
        return contact.ToMessage();
    }

    public override Task<ListContactsResponse> ListContacts(ListContactsRequest request, ServerCallContext context) =>
        queries.ListContactsAsync(request, context.CancellationToken);

    private async Task<Contracts.Company> SetCompanyArchivedAsync(Guid id, bool archived, CancellationToken cancellationToken)
    {
        var company = await FindCompanyAsync(id, cancellationToken);
        // Archiving twice (or restoring an active company) is harmless and changes nothing.
        if (company.ArchivedAt is null == archived)
        {
            var now = clock.GetUtcNow();
            company.ArchivedAt = archived ? now : null;
            company.UpdatedAt = now;
            await SaveAsync("Company", id, cancellationToken);
        }
        return await queries.GetAsync(id, cancellationToken);
    }

    private async Task<CompanyEntity> FindCompanyAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Companies.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new RecordNotFoundException("Company", id.ToString());

    private async Task<ContactEntity> FindContactAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new RecordNotFoundException("Contact", id.ToString());

    private static void CheckVersion(string entity, Guid id, uint actual, uint? expected)
    {
        if (expected is { } version && version != actual)
        {
            throw new ConcurrencyConflictException(entity, id.ToString());
        }
    }

    private async Task SaveAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(entity, id.ToString());
        }
    }

    private static void Apply(CompanyEntity company, InputRules.CompanyFields fields, DateTimeOffset now)
    {
        company.Name = fields.Name;
        company.Inn = fields.Inn;
        company.Email = fields.Email;
        company.Phone = fields.Phone;
        company.UpdatedAt = now;
    }

    private static void Apply(ContactEntity contact, InputRules.ContactFields fields, DateTimeOffset now)
    {
        contact.FullName = fields.FullName;
        contact.Position = fields.Position;
        contact.Email = fields.Email;
        contact.Phone = fields.Phone;
        contact.UpdatedAt = now;
    }
}
