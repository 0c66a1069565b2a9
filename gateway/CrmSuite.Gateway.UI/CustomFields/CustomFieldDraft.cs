using CrmSuite.Clients.Contracts;

namespace CrmSuite.Gateway.UI.CustomFields;

/// <summary>What the settings page's field form edits; the server validates it.</summary>
public sealed class CustomFieldDraft
{
    public static readonly IReadOnlyCollection<string> Fields =
        ["name_ru", "name_en", "type", "required", "searchable", "filterable", "options", "order", "currency"];

    public string? Id { get; set; }

    public string SectionId { get; set; } = "";

    public string NameRu { get; set; } = "";

    public string NameEn { get; set; } = "";

    public CustomFieldType Type { get; set; } = CustomFieldType.Text;

    public bool Required { get; set; }

    public bool Searchable { get; set; }

    public bool Filterable { get; set; }

    /// <summary>One option per line.</summary>
    public string Options { get; set; } = "";

    public int Order { get; set; }

    public string Currency { get; set; } = "";

    public static CustomFieldDraft From(CustomField field) => new()
    {
        Id = field.Id,
        SectionId = field.SectionId,
        NameRu = field.NameRu,
        NameEn = field.NameEn,
        Type = field.Type,
        Required = field.Required,
        Searchable = field.Searchable,
        Filterable = field.Filterable,
        Options = string.Join("\n", field.Options),
        Order = field.Order,
        Currency = field.Currency,
    };

    private IEnumerable<string> OptionList => Options.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public CreateCustomFieldRequest ToCreateRequest() => new()
    {
        SectionId = SectionId, NameRu = NameRu.Trim(), NameEn = NameEn.Trim(), Type = Type, Required = Required,
        Searchable = Searchable, Filterable = Filterable, Options = { OptionList }, Order = Order,
        Currency = Type == CustomFieldType.Money ? Currency.Trim() : "",
    };

    public UpdateCustomFieldRequest ToUpdateRequest() => new()
    {
        Id = Id, NameRu = NameRu.Trim(), NameEn = NameEn.Trim(), Type = Type, Required = Required,
        Searchable = Searchable, Filterable = Filterable, Options = { OptionList }, Order = Order,
        Currency = Type == CustomFieldType.Money ? Currency.Trim() : "",
    };
}
