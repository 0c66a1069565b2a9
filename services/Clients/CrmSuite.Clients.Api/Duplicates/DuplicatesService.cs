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
using CompanyEntity = CrmSuite.Clients.Api.Companies.Company;

namespace CrmSuite.Clients.Api.Duplicates;

/// <summary>Finding duplicates of a company and merging two companies into one.</summary>
public sealed class DuplicatesService(ClientsDbContext db, DuplicateMatcher matcher, CompanyQueries queries, CompanyHistory history, TimeProvider clock) : Contracts.Duplicates.DuplicatesBase
{
    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<FindDuplicatesResponse> FindDuplicates(FindDuplicatesRequest request, ServerCallContext context)
    {
        var exclude = string.IsNullOrEmpty(request.ExcludeId) ? (Guid?)null : InputRules.Id("exclude_id", request.ExcludeId);
        if (request.Name.Length > CompanyEntity.MaxNameLength)
        {
            throw new ValidationFailedException("name", $"Must be at most {CompanyEntity.MaxNameLength} characters.");
        }
        var probe = DuplicateProbe.FromInput(request.Name, request.Inn, request.Email, request.Phone);
        var matches = await matcher.FindAsync(probe, Visibility.Of(context.GetHttpContext().User), exclude, context.CancellationToken);
        var response = new FindDuplicatesResponse();
        response.Candidates.AddRange(matches.Select(m => m.ToMessage()));
        return response;
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Company> MergeCompanies(MergeCompaniesRequest request, ServerCallContext context)
    {
        var survivorId = InputRules.Id("survivor_id", request.SurvivorId);
        var mergedId = InputRules.Id("merged_id", request.MergedId);
        if (survivorId == mergedId)
        {
            throw new ValidationFailedException("merged_id", "A company cannot be merged into itself; choose another company.");
        }
        var visibility = Visibility.Of(context.GetHttpContext().User);
        var cancellationToken = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Both rows locked in id order: two merges of the same pair cannot interleave or deadlock.
        var pair = await db.Companies.FromSql($"SELECT *, xmin FROM companies WHERE id IN ({survivorId}, {mergedId}) ORDER BY id FOR UPDATE")
            .Where(visibility.Filter()).ToListAsync(cancellationToken);
        var survivor = pair.SingleOrDefault(c => c.Id == survivorId) ?? throw new RecordNotFoundException("Company", request.SurvivorId);
        var merged = pair.SingleOrDefault(c => c.Id == mergedId) ?? throw new RecordNotFoundException("Company", request.MergedId);
        if (survivor.ArchivedAt is not null)
        {
            throw new StateConflictException("survivor_id", "The company that stays is archived; restore it first.");
        }
        if (merged.MergedIntoId is not null || merged.ArchivedAt is not null)
        {
            throw new StateConflictException("merged_id", "That company is archived or already merged.");
        }

        var now = clock.GetUtcNow();
        var survivorBefore = CompanyHistory.Snapshot(survivor);
        var mergedBefore = CompanyHistory.Snapshot(merged);
        survivor.Inn ??= merged.Inn;
        survivor.Email ??= merged.Email;
        survivor.Phone ??= merged.Phone;
        CompanyMergeRules.CarryOver(survivor, merged);
        survivor.UpdatedAt = now;
        merged.ArchivedAt = now;
        merged.UpdatedAt = now;
        merged.MergedIntoId = survivor.Id;
        var moved = await CompanyReferences.RepointAsync(db, mergedId, survivorId, cancellationToken);

        var http = context.GetHttpContext();
        var survivorAfter = CompanyHistory.Snapshot(survivor);
        var mergedAfter = CompanyHistory.Snapshot(merged);
        db.Audit(AuditEvent.From(http, now, "clients.company.merged", "company", survivorId.ToString(),
            before: new { survivor = survivorBefore, merged = mergedBefore },
            after: new { survivor = survivorAfter, merged = mergedAfter },
            details: new { survivorId, mergedId, moved }));
        // Both cards say what happened: the survivor what it took over and from whom, the merged card where it went.
        history.AddTimelineRow(http, now, "company.merged", survivorId, survivorBefore, survivorAfter, subject: merged.Name);
        history.AddTimelineRow(http, now, CompanyQueries.MergedIntoAction, mergedId, mergedBefore, mergedAfter, subject: survivor.Name);
        db.Enqueue(CompanyMerged.Topic, new CompanyMerged(survivorId, mergedId, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await queries.GetAsync(survivorId, visibility, cancellationToken);
    }
}

internal static class DuplicateMapping
{
    public static IEnumerable<DuplicateReason> ToMessages(this DuplicateReasons reasons)
    {
        if (reasons.HasFlag(DuplicateReasons.Inn)) yield return DuplicateReason.Inn;
        if (reasons.HasFlag(DuplicateReasons.Email)) yield return DuplicateReason.Email;
        if (reasons.HasFlag(DuplicateReasons.Phone)) yield return DuplicateReason.Phone;
        if (reasons.HasFlag(DuplicateReasons.Name)) yield return DuplicateReason.Name;
    }

    public static DuplicateCandidate ToMessage(this DuplicateMatch match)
    {
        var candidate = new DuplicateCandidate { Company = match.Company.ToMessage(contactCount: 0), NameSimilarity = match.NameSimilarity };
        candidate.Reasons.AddRange(match.Reasons.ToMessages());
        return candidate;
    }
}
