namespace CrmSuite.Bench.ClientsSeeder;

/// <summary>
/// One row of the companies table as the service writes it. search_vector is not here: it is a
/// generated column (HasGeneratedTsVectorColumn in CompanyConfiguration), so PostgreSQL computes it;
/// xmin is a system column.
/// </summary>
public sealed record SeedCompany(
    Guid Id,
    string Name,
    string? Inn,
    string? Email,
    string? Phone,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt,
    string OwnerUserId,
    string? TeamId);
