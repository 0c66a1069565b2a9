using CrmSuite.Clients.Contracts;

namespace CrmSuite.Gateway.UI.Clients;

/// <summary>What the company form edits; the server validates it.</summary>
public sealed class CompanyDraft
{
    public static readonly IReadOnlyCollection<string> Fields = ["name", "inn", "email", "phone"];

    private static readonly string[] DetailFields =
    [
        "details.kpp", "details.ogrn", "details.legal_form", "details.full_legal_name", "details.bank.bik", "details.bank.account",
        "details.bank.correspondent_account", "details.bank.bank_name", "details.addresses", "details.phones", "details.emails", "details.tags",
    ];

    public string Name { get; set; } = "";

    public string Inn { get; set; } = "";

    public string Kpp { get; set; } = "";

    public string Ogrn { get; set; } = "";

    public string LegalForm { get; set; } = "";

    public string FullLegalName { get; set; } = "";

    public string Bik { get; set; } = "";

    public string Account { get; set; } = "";

    public string CorrespondentAccount { get; set; } = "";

    public string BankName { get; set; } = "";

    public List<AddressDraft> Addresses { get; set; } = [];

    public List<ContactPointDraft> Phones { get; set; } = [new() { Kind = "work", Primary = true }];

    public List<ContactPointDraft> Emails { get; set; } = [new() { Kind = "work", Primary = true }];

    /// <summary>Comma-separated, as typed; the server normalises them.</summary>
    public string Tags { get; set; } = "";

    /// <summary>The email that will be primary: the one marked, else the first filled.</summary>
    public string Email => Primary(Emails);

    /// <summary>The phone that will be primary: the one marked, else the first filled.</summary>
    public string Phone => Primary(Phones);

    private static string Primary(List<ContactPointDraft> points) =>
        points.FirstOrDefault(p => p.Primary && p.Value.Trim().Length > 0)?.Value
        ?? points.FirstOrDefault(p => p.Value.Trim().Length > 0)?.Value ?? "";

    /// <summary>Every field the form shows an error under, list entries included (the rest go to the summary).</summary>
    public IReadOnlyCollection<string> ShownFields =>
    [
        .. Fields, .. DetailFields,
        .. Addresses.SelectMany((_, i) => new[] { $"details.addresses[{i}].kind", $"details.addresses[{i}].text", $"details.addresses[{i}].city", $"details.addresses[{i}].region", $"details.addresses[{i}].postcode" }),
        .. Phones.SelectMany((_, i) => new[] { $"details.phones[{i}].value", $"details.phones[{i}].kind" }),
        .. Emails.SelectMany((_, i) => new[] { $"details.emails[{i}].value", $"details.emails[{i}].kind" }),
    ];

    public static CompanyDraft From(Company company)
    {
        var details = company.Details ?? new CompanyDetails();
        var bank = details.Bank ?? new BankDetails();
        var draft = new CompanyDraft
        {
            Name = company.Name,
            Inn = company.Inn,
            Kpp = details.Kpp,
            Ogrn = details.Ogrn,
            LegalForm = details.LegalForm,
            FullLegalName = details.FullLegalName,
            Bik = bank.Bik,
            Account = bank.Account,
            CorrespondentAccount = bank.CorrespondentAccount,
            BankName = bank.BankName,
            Addresses = [.. details.Addresses.Select(AddressDraft.From)],
            Phones = [.. details.Phones.Select(ContactPointDraft.From)],
            Emails = [.. details.Emails.Select(ContactPointDraft.From)],
            Tags = string.Join(", ", details.Tags),
        };
        // A company written before the lists existed still has its single phone/email.
        if (draft.Phones.Count == 0)
        {
            draft.Phones.Add(new ContactPointDraft { Kind = "work", Value = company.Phone, Primary = true });
        }
        if (draft.Emails.Count == 0)
        {
            draft.Emails.Add(new ContactPointDraft { Kind = "work", Value = company.Email, Primary = true });
        }
        return draft;
    }

    public CreateCompanyRequest ToCreateRequest() => new()
    {
        Name = Name.Trim(),
        Inn = Inn.Trim(),
        Details = ToDetails(),
    };

    /// <summary>Carries the version read, so a concurrent change is refused instead of overwritten.</summary>
    public UpdateCompanyRequest ToUpdateRequest(Company company) => new()
    {
        Id = company.Id,
        Version = company.Version,
        Name = Name.Trim(),
        Inn = Inn.Trim(),
        Details = ToDetails(),
    };

    public CompanyDetails ToDetails()
    {
        var details = new CompanyDetails
        {
            Kpp = Kpp.Trim(),
            Ogrn = Ogrn.Trim(),
            LegalForm = LegalForm.Trim(),
            FullLegalName = FullLegalName.Trim(),
            Bank = new BankDetails { Bik = Bik.Trim(), Account = Account.Trim(), CorrespondentAccount = CorrespondentAccount.Trim(), BankName = BankName.Trim() },
        };
        details.Addresses.AddRange(Addresses.Select(a => a.ToMessage()));
        // Blank rows are what the form starts with; they are not entries.
        details.Phones.AddRange(ContactPointDraft.ToMessages(Phones));
        details.Emails.AddRange(ContactPointDraft.ToMessages(Emails));
        details.Tags.AddRange(Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return details;
    }
}

public sealed class AddressDraft
{
    public string Kind { get; set; } = "legal";

    public string Text { get; set; } = "";

    public string City { get; set; } = "";

    public string Region { get; set; } = "";

    public string Postcode { get; set; } = "";

    public static AddressDraft From(Address address) => new()
    {
        Kind = address.Kind,
        Text = address.Text,
        City = address.City,
        Region = address.Region,
        Postcode = address.Postcode,
    };

    public Address ToMessage() => new()
    {
        Kind = Kind,
        Text = Text.Trim(),
        City = City.Trim(),
        Region = Region.Trim(),
        Postcode = Postcode.Trim(),
    };
}

/// <summary>One phone or email row of a form.</summary>
public sealed class ContactPointDraft
{
    public string Kind { get; set; } = "work";

    public string Value { get; set; } = "";

    public bool Primary { get; set; }

    public static ContactPointDraft From(ContactPoint point) => new() { Kind = point.Kind, Value = point.Value, Primary = point.Primary };

    /// <summary>The filled rows; when the primary row was left blank, the server makes the first one primary.</summary>
    public static IEnumerable<ContactPoint> ToMessages(IEnumerable<ContactPointDraft> rows) =>
        rows.Where(r => !string.IsNullOrWhiteSpace(r.Value))
            .Select(r => new ContactPoint { Kind = r.Kind, Value = r.Value.Trim(), Primary = r.Primary });

    /// <summary>Marks one row primary and the others not.</summary>
    public static void MakePrimary(List<ContactPointDraft> rows, ContactPointDraft primary)
    {
        foreach (var row in rows)
        {
            row.Primary = ReferenceEquals(row, primary);
        }
    }
}
