namespace CrmSuite.Warehouse.Api.Pricing;

public sealed class PriceList
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string Currency { get; set; } = "RUB";
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
    public List<PriceListEntry> Entries { get; set; } = [];
}

/// <summary>One price of a product in a list: the base price (empty client group) or a group's price.</summary>
public sealed class PriceListEntry
{
    public const int MaxGroupLength = 64;

    public Guid PriceListId { get; set; }
    public Guid ProductId { get; set; }
    /// <summary>Empty for the base price.</summary>
    public string ClientGroup { get; set; } = string.Empty;
    public decimal Price { get; set; }
}
