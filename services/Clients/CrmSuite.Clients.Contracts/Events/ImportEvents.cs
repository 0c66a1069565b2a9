namespace CrmSuite.Clients.Contracts.Events;

/// <summary>Integration event: an import finished; one per import, not per row.</summary>
public sealed record CompaniesImported(Guid ImportId, int Created, int Updated, int Merged, int Skipped, int Errors, DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.companies-imported";
}

/// <summary>Integration event: an import was undone (its created companies deleted, the changed ones restored).</summary>
public sealed record CompanyImportUndone(Guid ImportId, int Deleted, int Restored, DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.company-import-undone";
}
