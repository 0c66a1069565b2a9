namespace CrmSuite.BuildingBlocks.Russian;

/// <summary>One line's money, each part rounded to kopecks: the amount (quantity × price), its VAT and the line's total.</summary>
public readonly record struct LineAmounts(decimal Amount, decimal Vat, decimal Total);

/// <summary>
/// How a line of a deal or a document is rounded, in one place so a deal's total and the invoice
/// made from it agree to the kopeck. The amount is quantity × price rounded to kopecks; the VAT is
/// worked out from that rounded amount and rounded too (prices that include VAT: taken out,
/// amount × rate / (100 + rate); otherwise added on top, amount × rate / 100); totals are sums of
/// rounded lines. Rounding is half away from zero, as accountants round.
/// </summary>
public static class LineMoney
{
    /// <summary>Rounds to kopecks (cents), half away from zero.</summary>
    public static decimal Kopecks(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>The unit price after a discount of <paramref name="discountPercent"/> (0–100), rounded to kopecks: the price an invoice prints.</summary>
    public static decimal PriceAfterDiscount(decimal price, decimal discountPercent) =>
        discountPercent == 0m ? price : Kopecks(price * (100m - discountPercent) / 100m);

    /// <param name="quantity">The line's quantity.</param>
    /// <param name="price">The unit price (after any discount).</param>
    /// <param name="vatPercent">The rate in percent; null for «без НДС».</param>
    /// <param name="pricesIncludeVat">Whether the price already contains VAT or VAT comes on top.</param>
    public static LineAmounts Of(decimal quantity, decimal price, decimal? vatPercent, bool pricesIncludeVat)
    {
        var amount = Kopecks(quantity * price);
        var percent = vatPercent ?? 0m;
        var vat = pricesIncludeVat
            ? Kopecks(amount * percent / (100m + percent))
            : Kopecks(amount * percent / 100m);
        return new LineAmounts(amount, vat, pricesIncludeVat ? amount : amount + vat);
    }
}
