using CrmSuite.Clients.Contracts;
using CustomSectionEntity = CrmSuite.Clients.Api.CustomFields.CustomSection;

namespace CrmSuite.Clients.Api.CustomFields;

internal static class CustomFieldMapping
{
    public static Contracts.CustomSection ToMessage(this CustomSectionEntity section)
    {
        var message = new Contracts.CustomSection
        {
            Id = section.Id.ToString(),
            NameRu = section.NameRu,
            NameEn = section.NameEn,
            Order = section.Order,
        };
        message.Fields.AddRange(section.Fields.OrderBy(f => f.Order).ThenBy(f => f.CreatedAt).Select(f => f.ToMessage()));
        return message;
    }

    public static Contracts.CustomField ToMessage(this CustomFieldDefinition field)
    {
        var message = new Contracts.CustomField
        {
            Id = field.Id.ToString(),
            SectionId = field.SectionId.ToString(),
            NameRu = field.NameRu,
            NameEn = field.NameEn,
            Type = (CustomFieldType)field.Kind,
            Required = field.Required,
            Searchable = field.Searchable,
            Filterable = field.Filterable,
            Order = field.Order,
            Currency = field.Currency,
        };
        message.Options.AddRange(field.Options);
        return message;
    }
}
