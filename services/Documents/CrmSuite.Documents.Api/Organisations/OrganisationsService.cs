using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Documents.Api.Infrastructure;
using CrmSuite.Documents.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Contracts = CrmSuite.Documents.Contracts;

namespace CrmSuite.Documents.Api.Organisations;

/// <summary>Our organisations' requisites: everyone who works with documents reads them; documents.configure changes them.</summary>
public sealed class OrganisationsService(DocumentsDbContext db, TimeProvider clock) : Contracts.Organisations.OrganisationsBase
{
    private const string Entity = "Organisation";

    [Authorize(Policy = Permissions.DocumentsConfigure)]
    public override async Task<Contracts.Organisation> CreateOrganisation(SaveOrganisationRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var organisation = new Organisation { Id = Guid.CreateVersion7(now), CreatedAt = now, UpdatedAt = now };
        await OrganisationInput.ApplyAsync(request, organisation, db, context.CancellationToken);
        db.Organisations.Add(organisation);
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "documents.organisation.created", "organisation", organisation.Id.ToString(), after: organisation.ToMessage()));
        await db.SaveChangesAsync(context.CancellationToken);
        return organisation.ToMessage();
    }

    [Authorize(Policy = Permissions.DocumentsConfigure)]
    public override async Task<Contracts.Organisation> UpdateOrganisation(SaveOrganisationRequest request, ServerCallContext context)
    {
        var id = RequestIds.Id("id", request.Id);
        var version = RequestIds.Version(request.Version);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException(Entity, request.Id);
        Concurrency.CheckVersion(Entity, request.Id, organisation.Version, version);
        var before = organisation.ToMessage();
        await OrganisationInput.ApplyAsync(request, organisation, db, context.CancellationToken);
        var now = clock.GetUtcNow();
        organisation.UpdatedAt = now;
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "documents.organisation.updated", "organisation", organisation.Id.ToString(),
            before: before, after: organisation.ToMessage()));
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken);
        return organisation.ToMessage();
    }

    [Authorize(Policy = Permissions.DocumentsRead)]
    public override async Task<Contracts.Organisation> GetOrganisation(GetOrganisationRequest request, ServerCallContext context)
    {
        var id = RequestIds.Id("id", request.Id);
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException(Entity, request.Id);
        return organisation.ToMessage();
    }

    [Authorize(Policy = Permissions.DocumentsRead)]
    public override async Task<ListOrganisationsResponse> ListOrganisations(ListOrganisationsRequest request, ServerCallContext context)
    {
        // A handful per installation: no paging.
        var all = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id).ToListAsync(context.CancellationToken);
        var response = new ListOrganisationsResponse();
        response.Organisations.AddRange(all.Select(o => o.ToMessage()));
        return response;
    }
}

public static class OrganisationMapping
{
    public static Contracts.Organisation ToMessage(this Organisation o) => new()
    {
        Id = o.Id.ToString(),
        Name = o.Name,
        Inn = o.Inn,
        Kpp = o.Kpp,
        Ogrn = o.Ogrn,
        Address = o.Address,
        BankName = o.BankName,
        Bik = o.Bik,
        CorrespondentAccount = o.CorrespondentAccount,
        SettlementAccount = o.SettlementAccount,
        DirectorName = o.DirectorName,
        AccountantName = o.AccountantName,
        SignatureAttachmentId = o.SignatureAttachmentId?.ToString() ?? string.Empty,
        StampAttachmentId = o.StampAttachmentId?.ToString() ?? string.Empty,
        LogoAttachmentId = o.LogoAttachmentId?.ToString() ?? string.Empty,
        Version = o.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
