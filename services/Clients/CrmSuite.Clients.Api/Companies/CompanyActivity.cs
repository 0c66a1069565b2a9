namespace CrmSuite.Clients.Api.Companies;

/// <summary>
/// When anything last happened with a company: its card edited, a contact added or changed, a
/// deal created or moved, a call recorded. Kept by database triggers on those tables (migration
/// CompanyActivity), so no code path can forget it, and in its own row rather than on the
/// company so that a deal moving does not change the company's version under a user editing
/// the card. The list sorts by it through index (last_activity_at, company_id).
/// </summary>
public sealed class CompanyActivity
{
    public Guid CompanyId { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
}
