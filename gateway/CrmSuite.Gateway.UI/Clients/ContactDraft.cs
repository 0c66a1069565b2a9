using CrmSuite.Clients.Contracts;

namespace CrmSuite.Gateway.UI.Clients;

/// <summary>What the add-contact form edits; the server validates it.</summary>
public sealed class ContactDraft
{
    public static readonly IReadOnlyCollection<string> Fields = ["full_name", "position", "email", "phone"];

    public string FullName { get; set; } = "";

    public string Position { get; set; } = "";

    public string Email { get; set; } = "";

    public string Phone { get; set; } = "";

    public CreateContactRequest ToCreateRequest(string companyId) => new()
    {
        CompanyId = companyId,
        FullName = FullName.Trim(),
        Position = Position.Trim(),
        Email = Email.Trim(),
        Phone = Phone.Trim(),
    };
}
