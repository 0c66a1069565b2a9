namespace CrmSuite.Clients.Api.Duplicates;

/// <summary>
/// The SQL of the name key that similar names are compared on: lower case (ICU, so Cyrillic too),
/// legal forms (ООО, ОАО, ЗАО, ПАО, АО, ИП, LLC, Ltd, Inc, …) and punctuation (quotes «», dots)
/// removed. IMMUTABLE so that a GIN trigram index can be built over it; created (with pg_trgm and
/// the index ix_companies_name_key_trgm) by the migration DuplicatesImportsExports.
/// </summary>
public static class CompanyNameKey
{
    public const string Function = "company_name_key";

    /// <summary>Similarity (pg_trgm, 0..1) from which two names count as a duplicate.</summary>
    public const double Threshold = 0.5;
}
