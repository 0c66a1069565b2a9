using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Russian;

namespace CrmSuite.Clients.Api.Deals;

/// <summary>
/// Reads the lines of a SetDealLines request, naming each bad field as lines[i].field (all of them
/// in one 400), and works out each line's money on <paramref name="vatDate"/>'s rates.
/// </summary>
public static class DealLineRules
{
    public const decimal MaxQuantity = 1_000_000_000m;

    public static List<DealLine> Parse(FieldErrors errors, IReadOnlyList<Contracts.DealLine> lines, bool pricesIncludeVat, DateOnly vatDate)
    {
        if (lines.Count > DealLine.MaxLines)
        {
            errors.Add("lines", $"At most {DealLine.MaxLines} lines.");
            return [];
        }
        var result = new List<DealLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var field = $"lines[{i}].";
            var productId = RequestIds.Id(errors, field + "product_id", line.ProductId);
            var name = DealRules.Text(errors, field + "name", line.Name, DealLine.MaxNameLength, required: true);
            var sku = DealRules.Text(errors, field + "sku", line.Sku, DealLine.MaxSkuLength, required: false);
            var unit = DealRules.Text(errors, field + "unit", line.Unit, DealLine.MaxUnitLength, required: false);
            var quantity = Number(errors, field + "quantity", line.Quantity, 3, required: true);
            if (quantity is <= 0)
            {
                errors.Add(field + "quantity", "Must be more than 0.");
            }
            else if (quantity > MaxQuantity)
            {
                errors.Add(field + "quantity", $"Must be at most {MaxQuantity.ToString(CultureInfo.InvariantCulture)}.");
            }
            var price = Number(errors, field + "unit_price", line.UnitPrice, 2, required: true);
            if (price is < 0)
            {
                errors.Add(field + "unit_price", "Must not be negative.");
            }
            var discount = Number(errors, field + "discount_percent", line.DiscountPercent, 2, required: false) ?? 0m;
            if (discount is < 0 or > 100)
            {
                errors.Add(field + "discount_percent", "Must be a percentage between 0 and 100.");
            }
            var vat = VatKind(errors, field + "vat_kind", line.VatKind, vatDate);
            if (quantity is not > 0 || price is not >= 0 || discount is < 0 or > 100 || vat is null)
            {
                continue;
            }
            var after = LineMoney.PriceAfterDiscount(price.Value, discount);
            var (amount, vatAmount, total) = LineMoney.Of(quantity.Value, after, vat.Percent, pricesIncludeVat);
            result.Add(new DealLine
            {
                Position = i + 1,
                ProductId = productId,
                Name = name ?? string.Empty,
                Sku = sku,
                Unit = unit ?? string.Empty,
                Quantity = quantity.Value,
                UnitPrice = price.Value,
                DiscountPercent = discount,
                VatKind = vat.Kind,
                VatPercent = vat.Percent,
                PriceAfterDiscount = after,
                Amount = amount,
                VatAmount = vatAmount,
                Total = total,
            });
        }
        if (!errors.Any && result.Sum(l => l.Total) > DealRules.MaxAmount)
        {
            errors.Add("lines", $"The lines' total must be at most {DealRules.MaxAmount.ToString(CultureInfo.InvariantCulture)}.");
        }
        return result;
    }

    /// <summary>A kind's code (empty: standard) that has a rate on <paramref name="date"/>.</summary>
    private static VatRate? VatKind(FieldErrors errors, string field, string value, DateOnly date)
    {
        var code = value.Trim();
        var kind = BuildingBlocks.Russian.VatKind.Standard;
        if (code.Length > 0)
        {
            var known = VatRates.Kinds.Where(k => string.Equals(VatRates.Code(k), code, StringComparison.OrdinalIgnoreCase)).ToList();
            if (known.Count == 0)
            {
                errors.Add(field, "Must be one of " + string.Join(", ", VatRates.Kinds.Select(VatRates.Code)) + " (empty: standard).");
                return null;
            }
            kind = known[0];
        }
        var rate = VatRates.Find(kind, date);
        if (rate is null)
        {
            errors.Add(field, $"There is no VAT rate '{VatRates.Code(kind)}' on {date:dd.MM.yyyy}.");
        }
        return rate;
    }

    /// <summary>A decimal string ("2", "1500.50"; a comma is taken for the point) with at most <paramref name="decimals"/> places.</summary>
    private static decimal? Number(FieldErrors errors, string field, string value, int decimals, bool required)
    {
        var text = value.Trim().Replace(',', '.');
        if (text.Length == 0)
        {
            if (required)
            {
                errors.Add(field, "Required.");
            }
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || Math.Abs(number) > DealRules.MaxAmount)
        {
            errors.Add(field, $"Must be a number like 1500.50 (at most {decimals} decimals).");
            return null;
        }
        if (decimal.Round(number, decimals) != number)
        {
            errors.Add(field, $"May have at most {decimals} decimals.");
            return null;
        }
        return number;
    }
}
