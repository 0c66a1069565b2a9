namespace CrmSuite.Clients.Api.CustomFields;

/// <summary>A group of custom fields: one extra tab of the company card.</summary>
public sealed class CustomSection
{
    public const int MaxNameLength = 100;

    public Guid Id { get; set; }
    public string NameRu { get; set; } = string.Empty;
    public string NameEn { get; set; } = string.Empty;
    public int Order { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<CustomFieldDefinition> Fields { get; set; } = [];
}

/// <summary>A typed custom field of companies; its values live in companies.custom_values under its id.</summary>
public sealed class CustomFieldDefinition
{
    public const int MaxNameLength = 100;
    public const int MaxOptions = 100;
    public const int MaxOptionLength = 100;

    public Guid Id { get; set; }
    public Guid SectionId { get; set; }
    public string NameRu { get; set; } = string.Empty;
    public string NameEn { get; set; } = string.Empty;
    public CustomFieldKind Kind { get; set; }
    public bool Required { get; set; }
    public bool Searchable { get; set; }
    public bool Filterable { get; set; }
    public List<string> Options { get; set; } = [];
    public string Currency { get; set; } = "RUB";
    public int Order { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Stored as text, so the database reads without the code; the same names as the proto enum.</summary>
public enum CustomFieldKind
{
    Text = 1,
    Number = 2,
    Money = 3,
    Date = 4,
    YesNo = 5,
    Choice = 6,
    Contact = 7,
}
