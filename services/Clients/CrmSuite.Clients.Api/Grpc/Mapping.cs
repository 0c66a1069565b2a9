using System.Globalization;
using CrmSuite.Clients.Contracts;
using Google.Protobuf.WellKnownTypes;
using ContactEntity = CrmSuite.Clients.Api.Companies.Contact;
using CompanyEntity = CrmSuite.Clients.Api.Companies.Company;

namespace CrmSuite.Clients.Api.Grpc;

internal static class Mapping
{
    public static Company ToMessage(this CompanyEntity company, int contactCount) => new()
    {
        Id = company.Id.ToString(),
        Name = company.Name,
        Inn = company.Inn ?? string.Empty,
        Email = company.Email ?? string.Empty,
        Phone = company.Phone ?? string.Empty,
        Archived = company.ArchivedAt is not null,
        CreatedAt = Timestamp.FromDateTimeOffset(company.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(company.UpdatedAt),
        Version = company.Version.ToString(CultureInfo.InvariantCulture),
        ContactCount = contactCount,
        OwnerUserId = company.OwnerUserId,
        TeamId = company.TeamId ?? string.Empty,
        MergedIntoId = company.MergedIntoId?.ToString() ?? string.Empty,
    };

    public static Contact ToMessage(this ContactEntity contact) => new()
    {
        Id = contact.Id.ToString(),
        CompanyId = contact.CompanyId.ToString(),
        FullName = contact.FullName,
        Position = contact.Position ?? string.Empty,
        Email = contact.Email ?? string.Empty,
        Phone = contact.Phone ?? string.Empty,
        Archived = contact.ArchivedAt is not null,
        CreatedAt = Timestamp.FromDateTimeOffset(contact.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(contact.UpdatedAt),
        Version = contact.Version.ToString(CultureInfo.InvariantCulture),
    };
}
