using CrmSuite.Clients.Contracts;

namespace CrmSuite.Gateway.UI.Clients;

/// <summary>What the add-contact form edits; the server validates it.</summary>
public sealed class ContactDraft
{
    public static readonly IReadOnlyCollection<string> Fields = ["full_name", "position", "email", "phone", "role", "phones", "emails"];

    /// <summary>Every field the form shows an error under, list entries included.</summary>
    public IReadOnlyCollection<string> ShownFields =>
    [
        .. Fields,
        .. Phones.SelectMany((_, i) => new[] { $"phones[{i}].value", $"phones[{i}].kind" }),
        .. Emails.SelectMany((_, i) => new[] { $"emails[{i}].value", $"emails[{i}].kind" }),
    ];

    public string Role { get; set; } = "";

    public List<ContactPointDraft> Phones { get; set; } = [new() { Kind = "work", Primary = true }];

    public List<ContactPointDraft> Emails { get; set; } = [new() { Kind = "work", Primary = true }];

    public string FullName { get; set; } = "";

    public string Position { get; set; } = "";

    public CreateContactRequest ToCreateRequest(string companyId) => new()
    {
        CompanyId = companyId,
        FullName = FullName.Trim(),
        Position = Position.Trim(),
        Role = Role,
        Phones = { ContactPointDraft.ToMessages(Phones) },
        Emails = { ContactPointDraft.ToMessages(Emails) },
    };
}
