using CrmSuite.Clients.Contracts;

namespace CrmSuite.Gateway.UI.Clients;

/// <summary>What the company form edits; the server validates it.</summary>
public sealed class CompanyDraft
{
    public static readonly IReadOnlyCollection<string> Fields = ["name", "inn", "email", "phone"];

    public string Name { get; set; } = "";

    public string Inn { get; set; } = "";

    public string Email { get; set; } = "";

    public string Phone { get; set; } = "";

    public static CompanyDraft From(Company company) => new()
    {
        Name = company.Name,
        Inn = company.Inn,
        Email = company.Email,
        Phone = company.Phone,
    };

    public CreateCompanyRequest ToCreateRequest() => new()
    {
        Name = Name.Trim(),
        Inn = Inn.Trim(),
        Email = Email.Trim(),
        Phone = Phone.Trim(),
    };

    /// <summary>Carries the version read, so a concurrent change is refused instead of overwritten.</summary>
    public UpdateCompanyRequest ToUpdateRequest(Company company) => new()
    {
        Id = company.Id,
        Version = company.Version,
        Name = Name.Trim(),
        Inn = Inn.Trim(),
        Email = Email.Trim(),
        Phone = Phone.Trim(),
    };
}
