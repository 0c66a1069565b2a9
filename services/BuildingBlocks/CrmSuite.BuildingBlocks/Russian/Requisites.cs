namespace CrmSuite.BuildingBlocks.Russian;

/// <summary>
/// Russian legal requisites beyond the INN (see <see cref="Inn"/>): КПП, ОГРН/ОГРНИП and bank
/// details. Each check returns null when valid, otherwise a message a person can act on.
/// </summary>
public static class Requisites
{
    private static readonly int[] AccountWeights = [7, 1, 3];

    /// <summary>
    /// КПП: 9 characters NNNNPPXXX — tax office code (4 digits), reason code (2 characters: digits
    /// or capital Latin letters A–Z, as the Federal Tax Service allows), sequence number (3 digits).
    /// </summary>
    public static string? ValidateKpp(string kpp)
    {
        if (kpp.Length != 9)
        {
            return "KPP must be 9 characters.";
        }
        var valid = kpp.Take(4).All(char.IsAsciiDigit)
            && kpp.Skip(4).Take(2).All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))
            && kpp.Skip(6).All(char.IsAsciiDigit);
        return valid ? null : "KPP must be 4 digits, 2 digits or capital Latin letters, then 3 digits.";
    }

    /// <summary>
    /// ОГРН (13 digits, an organisation): the last digit is the first 12 read as a number mod 11,
    /// then mod 10. ОГРНИП (15 digits, an individual entrepreneur): the first 14 mod 13, then mod 10.
    /// </summary>
    public static string? ValidateOgrn(string ogrn)
    {
        if (ogrn.Length is not (13 or 15) || !ogrn.All(char.IsAsciiDigit))
        {
            return "OGRN must be 13 digits (organisation) or OGRNIP 15 digits (individual entrepreneur).";
        }
        var body = ulong.Parse(ogrn[..^1], System.Globalization.CultureInfo.InvariantCulture);
        var check = (int)(body % (ogrn.Length == 13 ? 11UL : 13UL) % 10);
        return check == ogrn[^1] - '0' ? null : "OGRN check digit does not match; check for a typo.";
    }

    public static string? ValidateBik(string bik) =>
        bik.Length == 9 && bik.All(char.IsAsciiDigit) ? null : "BIK must be 9 digits.";

    /// <summary>
    /// Расчётный счёт in a bank: 20 digits whose control key (Bank of Russia rules, 1997) works out
    /// over the BIK's last 3 digits followed by the account: weights 7,1,3 repeated, sum ≡ 0 (mod 10).
    /// </summary>
    public static string? ValidateSettlementAccount(string account, string bik)
    {
        if (account.Length != 20 || !account.All(char.IsAsciiDigit))
        {
            return "Settlement account must be 20 digits.";
        }
        return KeyMatches(bik[^3..] + account) ? null : "Settlement account does not match the BIK; check both for a typo.";
    }

    /// <summary>
    /// Корреспондентский счёт: 20 digits starting 301, key over "0" + the BIK's 5th–6th digits + the
    /// account, and ending with the BIK's last three digits.
    /// </summary>
    public static string? ValidateCorrespondentAccount(string account, string bik)
    {
        if (account.Length != 20 || !account.All(char.IsAsciiDigit))
        {
            return "Correspondent account must be 20 digits.";
        }
        if (!account.StartsWith("301", StringComparison.Ordinal))
        {
            return "Correspondent account of a bank starts with 301.";
        }
        // A bank's correspondent account ends with its BIK's last three digits (the key alone only sees the region digits).
        return KeyMatches("0" + bik.Substring(4, 2) + account) && account.EndsWith(bik[^3..], StringComparison.Ordinal)
            ? null
            : "Correspondent account does not match the BIK; check both for a typo.";
    }

    private static bool KeyMatches(string digits23)
    {
        var sum = 0;
        for (var i = 0; i < digits23.Length; i++)
        {
            sum += (digits23[i] - '0') * AccountWeights[i % 3] % 10;
        }
        return sum % 10 == 0;
    }
}
