using System.Globalization;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Infrastructure;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>
/// One row of a company card's timeline: who changed what, when, with the values before and
/// after. Written by <see cref="CompanyHistory"/> in the same SaveChanges as the change itself,
/// so the card never shows a change that did not commit (nor misses one that did). The audit
/// service gets the same change as an event; the card does not query it.
/// </summary>
public sealed class CompanyChange
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public DateTimeOffset At { get; set; }
    public string UserId { get; set; } = string.Empty;
    public string UserName { get; set; } = string.Empty;
    public string Action { get; set; } = string.Empty;
    /// <summary>For a contact's change: the contact's name.</summary>
    public string? Subject { get; set; }
    public List<FieldValueChange> Changes { get; set; } = [];
    /// <summary>For a document's row (document.issued, .sent, .paid, .signed, .annulled): which document, to name and link it.</summary>
    public TimelineDocument? Document { get; set; }
}

/// <summary>The document a timeline row is about, as the documents service's event told it.</summary>
public sealed class TimelineDocument
{
    public Guid Id { get; set; }
    /// <summary>invoice, contract, act, offer, invoice_en, quote_en: the UI names it in the reader's language.</summary>
    public string Type { get; set; } = string.Empty;
    public string Number { get; set; } = string.Empty;
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    /// <summary>Sent: the address it went to; annulled: why.</summary>
    public string? Detail { get; set; }
}

public sealed class FieldValueChange
{
    public string Field { get; set; } = string.Empty;
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>
/// Records a change of a company (or of one of its contacts) twice, both queued on the same
/// DbContext so they commit with the change: an audit event through the outbox, and a timeline row.
/// </summary>
public sealed class CompanyHistory(ClientsDbContext db, TimeProvider clock)
{
    public void Record(HttpContext http, string action, Guid companyId, IReadOnlyDictionary<string, string?>? before,
        IReadOnlyDictionary<string, string?>? after, string entityType = "company", Guid? entityId = null, string? subject = null, object? details = null)
    {
        var now = clock.GetUtcNow();
        db.Audit(AuditEvent.From(http, now, "clients." + action, entityType, (entityId ?? companyId).ToString(), before, after, details));
        AddTimelineRow(http, now, action, companyId, before, after, subject);
    }

    /// <summary>A timeline row alone, for a change whose audit event the caller writes itself (a merge: one event, two cards).</summary>
    public void AddTimelineRow(HttpContext http, DateTimeOffset at, string action, Guid companyId,
        IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?>? after, string? subject = null)
    {
        db.CompanyChanges.Add(new CompanyChange
        {
            Id = Guid.CreateVersion7(at),
            CompanyId = companyId,
            At = at,
            UserId = http.User.UserId() ?? "anonymous",
            UserName = http.User.FindFirst(CrmClaims.Name)?.Value ?? string.Empty,
            Action = action,
            Subject = subject,
            Changes = Diff(before, after),
        });
    }

    /// <summary>The values that differ, in the snapshot's key order (a creation lists every value set).</summary>
    public static List<FieldValueChange> Diff(IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?>? after)
    {
        var keys = (before?.Keys ?? []).Concat(after?.Keys ?? []).Distinct();
        var changes = new List<FieldValueChange>();
        foreach (var key in keys)
        {
            var old = before?.GetValueOrDefault(key);
            var now = after?.GetValueOrDefault(key);
            if (!string.Equals(Empty(old), Empty(now), StringComparison.Ordinal))
            {
                changes.Add(new FieldValueChange { Field = key, Before = Empty(old), After = Empty(now) });
            }
        }
        return changes;
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>A company's values as the timeline and the audit log show them (custom fields as custom:&lt;id&gt;).</summary>
    public static SortedDictionary<string, string?> Snapshot(Company company)
    {
        var values = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["name"] = company.Name,
            ["inn"] = company.Inn,
            ["email"] = company.Email,
            ["phone"] = company.Phone,
            ["owner_user_id"] = company.OwnerUserId,
            ["team_id"] = company.TeamId,
            ["archived"] = company.ArchivedAt is null ? "false" : "true",
            ["kpp"] = company.Kpp,
            ["ogrn"] = company.Ogrn,
            ["legal_form"] = company.LegalForm,
            ["full_legal_name"] = company.FullLegalName,
            ["bank.bik"] = company.BankBik,
            ["bank.account"] = company.BankAccount,
            ["bank.correspondent_account"] = company.BankCorrespondentAccount,
            ["bank.bank_name"] = company.BankName,
            ["addresses"] = Lines(company.Addresses.Select(a => $"{a.Kind}: {string.Join(", ", new[] { a.Postcode, a.Region, a.City, a.Text }.Where(x => !string.IsNullOrEmpty(x)))}")),
            ["phones"] = Lines(company.Phones.Select(Point)),
            ["emails"] = Lines(company.Emails.Select(Point)),
            ["tags"] = string.Join(", ", company.Tags),
        };
        foreach (var (fieldId, value) in CustomFields.CustomFieldValues.AsText(company.CustomValues))
        {
            values["custom:" + fieldId] = value;
        }
        return values;
    }

    public static SortedDictionary<string, string?> Snapshot(Contact contact) => new(StringComparer.Ordinal)
    {
        ["full_name"] = contact.FullName,
        ["position"] = contact.Position,
        ["role"] = contact.Role,
        ["email"] = contact.Email,
        ["phone"] = contact.Phone,
        ["phones"] = Lines(contact.Phones.Select(Point)),
        ["emails"] = Lines(contact.Emails.Select(Point)),
        ["archived"] = contact.ArchivedAt is null ? "false" : "true",
    };

    private static string Point(ContactPoint point) =>
        string.Create(CultureInfo.InvariantCulture, $"{point.Kind}: {point.Value}{(point.Primary ? " *" : "")}");

    private static string Lines(IEnumerable<string> lines) => string.Join("\n", lines);
}
