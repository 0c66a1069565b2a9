using System.Globalization;

namespace CrmSuite.Documents.Api.Money;

/// <summary>
/// Amounts as Russian documents print them: «2 200,00» (groups of three by a space, a decimal comma).
/// Written by hand rather than by the ru-RU culture, whose group separator differs between ICU versions
/// (no-break space or narrow no-break space), so a printed or encoded amount is the same everywhere.
/// </summary>
public static class MoneyFormat
{
    /// <summary>«2 200,00»; pass '\u00A0' as the separator where a line must not break inside the number.</summary>
    public static string Russian(decimal amount, char groupSeparator = ' ') =>
        DocumentMoney.Kopecks(amount).ToString("#,0.00", CultureInfo.InvariantCulture).Replace(',', groupSeparator).Replace('.', ',');

    /// <summary>"2,200.00" as English documents print it.</summary>
    public static string English(decimal amount) =>
        DocumentMoney.Kopecks(amount).ToString("#,0.00", CultureInfo.InvariantCulture);
}
