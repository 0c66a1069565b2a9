namespace CrmSuite.Clients.Contracts.Events;

/// <summary>
/// A company was created (topic <see cref="Topic"/>), in the same transaction as its row, whichever
/// way: on the card or through the API (<paramref name="Origin"/> <c>manual</c>), by an import
/// (<c>import</c>, <paramref name="ImportId"/> set) or by a lead's conversion (<c>lead</c>,
/// <paramref name="LeadId"/> and the lead's channel <paramref name="LeadSource"/> set; the
/// conversion also publishes <see cref="LeadConverted"/>). <paramref name="OwnerUserId"/> is empty
/// for a company nobody owns; <paramref name="TeamId"/> is the owner's team, null if none. The
/// scheduling service starts its "company created" processes from it.
/// </summary>
public sealed record CompanyCreated(Guid CompanyId, string Name, string OwnerUserId, string? TeamId, string Origin, Guid? LeadId, string? LeadSource,
    Guid? ImportId, DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.company-created";

    /// <summary>The values of <see cref="Origin"/>.</summary>
    public const string Manual = "manual", Import = "import", Lead = "lead";
}
