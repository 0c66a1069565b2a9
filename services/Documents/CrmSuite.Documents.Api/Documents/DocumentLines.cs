using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Documents.Contracts;

namespace CrmSuite.Documents.Api.Documents;

/// <summary>A line as typed (or taken from the deal and the price list): what a draft keeps and edits start from. VatRate: a kind's code, empty for the product's (or the standard) one.</summary>
public sealed record LineData(Guid? ProductId, string? Sku, string Name, string Unit, decimal Quantity, decimal? Price, string VatRate);

/// <summary>Reads the lines of a request, naming each bad field as lines[i].field.</summary>
public static class DocumentLines
{
    public const int MaxLines = 500;

    public static List<LineData> Parse(FieldErrors errors, IReadOnlyList<DocumentLineInput> lines, bool pricesFromProducts)
    {
        if (lines.Count > MaxLines)
        {
            errors.Add("lines", $"At most {MaxLines} lines.");
            return [];
        }
        var result = new List<LineData>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var field = $"lines[{i}].";
            var productId = RequestIds.Id(errors, field + "product_id", line.ProductId);
            var name = line.Name.Trim();
            if (name.Length == 0 && productId is null)
            {
                errors.Add(field + "name", "Required (or a product_id whose name is taken).");
            }
            else if (name.Length > 500)
            {
                errors.Add(field + "name", "At most 500 characters.");
            }
            var quantity = Decimal(errors, field + "quantity", line.Quantity, 3, required: true);
            if (quantity is <= 0)
            {
                errors.Add(field + "quantity", "Must be more than 0.");
            }
            var price = Decimal(errors, field + "price", line.Price, 2, required: !(pricesFromProducts && productId is not null));
            if (price is < 0)
            {
                errors.Add(field + "price", "Must not be negative.");
            }
            // A kind (standard, reduced, zero, usn5, usn7, none) or a percentage it ever had; the rate is the one valid on the document's date.
            var vat = VatKind.Standard;
            if (line.VatRate.Trim().Length > 0 && !VatRates.TryParse(line.VatRate, out vat))
            {
                errors.Add(field + "vat_rate", "Must be one of " + string.Join(", ", VatRates.Kinds.Select(VatRates.Code))
                    + ", or a percentage such as 22 or 10 (empty: the standard rate on the document's date).");
            }
            var unit = line.Unit.Trim();
            if (unit.Length > 20)
            {
                errors.Add(field + "unit", "At most 20 characters.");
            }
            result.Add(new LineData(productId, line.Sku.Trim() is { Length: > 0 } sku ? sku : null, name, unit, quantity ?? 0, price,
                line.VatRate.Trim().Length == 0 ? string.Empty : VatRates.Code(vat)));
        }
        return result;
    }

    /// <summary>A decimal string with at most <paramref name="decimals"/> places (a comma is taken for the point).</summary>
    public static decimal? Decimal(FieldErrors errors, string field, string value, int decimals, bool required)
    {
        var text = value.Trim().Replace(',', '.').Replace(" ", string.Empty, StringComparison.Ordinal);
        if (text.Length == 0)
        {
            if (required)
            {
                errors.Add(field, "Required.");
            }
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || number.Scale > decimals || Math.Abs(number) > 1_000_000_000_000m)
        {
            errors.Add(field, $"Must be a number with at most {decimals} decimals, e.g. \"1500.50\".");
            return null;
        }
        return number;
    }

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Quantity(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
