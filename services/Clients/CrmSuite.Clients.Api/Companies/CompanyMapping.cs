using System.Globalization;
using CrmSuite.Clients.Api.CustomFields;
using CrmSuite.Clients.Contracts;
using Google.Protobuf.WellKnownTypes;
using ContactEntity = CrmSuite.Clients.Api.Companies.Contact;
using CompanyEntity = CrmSuite.Clients.Api.Companies.Company;
using ContactPointEntity = CrmSuite.Clients.Api.Companies.ContactPoint;

namespace CrmSuite.Clients.Api.Companies;

internal static class CompanyMapping
{
    public static Contracts.Company ToMessage(this CompanyEntity company, int contactCount)
    {
        var message = new Contracts.Company
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
            Details = new CompanyDetails
            {
                Kpp = company.Kpp ?? string.Empty,
                Ogrn = company.Ogrn ?? string.Empty,
                LegalForm = company.LegalForm ?? string.Empty,
                FullLegalName = company.FullLegalName ?? string.Empty,
                Bank = new BankDetails
                {
                    Bik = company.BankBik ?? string.Empty,
                    Account = company.BankAccount ?? string.Empty,
                    CorrespondentAccount = company.BankCorrespondentAccount ?? string.Empty,
                    BankName = company.BankName ?? string.Empty,
                },
            },
        };
        message.Details.Addresses.AddRange(company.Addresses.Select(a => new Address
        {
            Kind = a.Kind,
            Text = a.Text,
            City = a.City ?? string.Empty,
            Region = a.Region ?? string.Empty,
            Postcode = a.Postcode ?? string.Empty,
        }));
        message.Details.Phones.AddRange(Points(company.Phones, company.Phone));
        message.Details.Emails.AddRange(Points(company.Emails, company.Email));
        message.Details.Tags.AddRange(company.Tags);
        message.CustomValues.Add(CustomFieldValues.AsText(company.CustomValues));
        return message;
    }

    public static Contracts.Contact ToMessage(this ContactEntity contact)
    {
        var message = new Contracts.Contact
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
            Role = contact.Role ?? string.Empty,
        };
        message.Phones.AddRange(Points(contact.Phones, contact.Phone));
        message.Emails.AddRange(Points(contact.Emails, contact.Email));
        return message;
    }

    /// <summary>
    /// The list; for a record written only with the single value (demo data, another module
    /// writing the entity directly) that value as the primary entry, so the card never hides it.
    /// </summary>
    private static IEnumerable<Contracts.ContactPoint> Points(List<ContactPointEntity>? points, string? single) =>
        points is { Count: > 0 } ? points.Select(ToMessage)
        : single is null ? []
        : [new Contracts.ContactPoint { Kind = "work", Value = single, Primary = true }];

    public static Contracts.ContactPoint ToMessage(this ContactPointEntity point) =>
        new() { Kind = point.Kind, Value = point.Value, Primary = point.Primary };

    public static Contracts.CompanyChange ToMessage(this Companies.CompanyChange change)
    {
        var message = new Contracts.CompanyChange
        {
            Id = change.Id.ToString(),
            At = Timestamp.FromDateTimeOffset(change.At),
            UserId = change.UserId,
            UserName = change.UserName,
            Action = change.Action,
            Subject = change.Subject ?? string.Empty,
        };
        message.Changes.AddRange(change.Changes.Select(c => new FieldChange { Field = c.Field, Before = c.Before ?? string.Empty, After = c.After ?? string.Empty }));
        if (change.Document is { } document)
        {
            message.DocumentId = document.Id.ToString();
            message.DocumentType = document.Type;
            message.DocumentNumber = document.Number;
            message.DocumentAmount = document.Amount?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
            message.DocumentCurrency = document.Currency ?? string.Empty;
            message.DocumentDetail = document.Detail ?? string.Empty;
        }
        return message;
    }
}
