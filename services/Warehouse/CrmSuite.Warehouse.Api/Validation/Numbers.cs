using System.Globalization;

namespace CrmSuite.Warehouse.Api.Validation;

/// <summary>How decimals are written in answers and messages: the same precision the input rules accept.</summary>
internal static class Numbers
{
    public static string Qty(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
    public static string Cost(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
