using CrmSuite.Warehouse.Contracts;

namespace CrmSuite.Gateway.UI.Warehouse;

/// <summary>
/// What the movement form edits. Each type asks for its own fields (supplier for a receipt, deal for
/// a shipment, destination for a transfer, reason for a write-off); the service says which are missing.
/// </summary>
public sealed class MovementDraft
{
    public MovementType Type { get; set; } = MovementType.Receipt;

    public string? WarehouseId { get; set; }

    public string? DestinationWarehouseId { get; set; }

    public string Supplier { get; set; } = "";

    public string DealId { get; set; } = "";

    /// <summary>Shipments only, optional: the client the goods go to, so they show on the company card.</summary>
    public string CompanyId { get; set; } = "";

    public string Reason { get; set; } = "";

    public string Comment { get; set; } = "";

    public List<MovementDraftLine> Lines { get; } = [];

    /// <summary>Count adjustments give the counted quantity; every other type the quantity moved.</summary>
    public bool IsCount => Type == MovementType.CountAdjustment;

    public IReadOnlyCollection<string> Fields =>
    [
        "type", "warehouse_id", "destination_warehouse_id", "supplier", "deal_id", "company_id", "reason", "comment", "lines",
        .. Lines.SelectMany((_, i) => new[] { $"lines[{i}].product_id", $"lines[{i}].quantity", $"lines[{i}].unit_cost", $"lines[{i}].counted_quantity" }),
    ];

    /// <summary>
    /// One scan of a product: a new line with one of it, or one more on its line. Returns the line,
    /// so the form can show which one changed.
    /// </summary>
    public MovementDraftLine Scanned(Product product)
    {
        if (Lines.FirstOrDefault(line => line.ProductId == product.Id) is { } line)
        {
            if (IsCount)
            {
                line.CountedQuantity = Quantities.PlusOne(line.CountedQuantity);
            }
            else
            {
                line.Quantity = Quantities.PlusOne(line.Quantity);
            }

            return line;
        }

        var added = new MovementDraftLine(product.Id, product.Sku, product.Name, product.Barcode)
        {
            Quantity = IsCount ? "" : "1",
            CountedQuantity = IsCount ? "1" : "",
        };
        Lines.Add(added);
        return added;
    }

    /// <summary>The line of a code already scanned (SKU or barcode), so a repeat scan needs no lookup.</summary>
    public MovementDraftLine? LineFor(string code) =>
        Lines.FirstOrDefault(line =>
            string.Equals(line.Sku, code, StringComparison.OrdinalIgnoreCase)
            || (line.Barcode.Length > 0 && string.Equals(line.Barcode, code, StringComparison.Ordinal)));

    public CreateMovementRequest ToCreateRequest(bool post)
    {
        var request = new CreateMovementRequest
        {
            Type = Type,
            WarehouseId = WarehouseId ?? "",
            // Only the type that has the field sends it: the service refuses a stray one.
            DestinationWarehouseId = Type == MovementType.Transfer ? DestinationWarehouseId ?? "" : "",
            Supplier = Type == MovementType.Receipt ? Supplier.Trim() : "",
            DealId = Type == MovementType.Shipment ? DealId.Trim() : "",
            CompanyId = Type == MovementType.Shipment ? CompanyId.Trim() : "",
            Reason = Type == MovementType.WriteOff ? Reason.Trim() : "",
            Comment = Comment.Trim(),
            Post = post,
        };
        request.Lines.AddRange(Lines.Select(line => new MovementLine
        {
            ProductId = line.ProductId,
            Quantity = IsCount ? "" : Quantities.ToWire(line.Quantity),
            UnitCost = Type == MovementType.Receipt || IsCount ? Quantities.ToWire(line.UnitCost) : "",
            CountedQuantity = IsCount ? Quantities.ToWire(line.CountedQuantity) : "",
        }));
        return request;
    }
}

/// <summary>One product on the movement form; quantities as typed.</summary>
public sealed class MovementDraftLine(string productId, string sku, string name, string barcode)
{
    public string ProductId { get; } = productId;

    public string Sku { get; } = sku;

    public string Name { get; } = name;

    public string Barcode { get; } = barcode;

    public string Quantity { get; set; } = "1";

    public string UnitCost { get; set; } = "";

    public string CountedQuantity { get; set; } = "";
}
