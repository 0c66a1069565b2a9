namespace CrmSuite.BuildingBlocks.Russian;

/// <summary>
/// Russian taxpayer identification number (ИНН): 10 digits for an organisation, 12 for an
/// individual. The check digits follow the Federal Tax Service's published weights.
/// </summary>
public static class Inn
{
    private static readonly int[] Weights10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Weights11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Weights12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

    /// <summary>Returns null when valid, otherwise a message a person can act on.</summary>
    public static string? Validate(string inn)
    {
        if (inn.Length is not (10 or 12) || !inn.All(char.IsAsciiDigit))
        {
            return "INN must be 10 digits (organisation) or 12 digits (individual).";
        }
        if (inn.All(c => c == '0'))
        {
            return "INN cannot be all zeros.";
        }
        var valid = inn.Length == 10
            ? CheckDigit(inn, Weights10) == inn[9] - '0'
            : CheckDigit(inn, Weights11) == inn[10] - '0' && CheckDigit(inn, Weights12) == inn[11] - '0';
        return valid ? null : "INN check digits do not match; check for a typo.";
    }

    /// <summary>Completes a 9- or 10-digit stem with its check digit(s). Used by the demo and bench data.</summary>
    public static string Complete(string stem) => stem.Length switch
    {
        9 => stem + CheckDigit(stem, Weights10),
        10 => Complete11(stem),
        _ => throw new ArgumentException("An INN stem has 9 (organisation) or 10 (individual) digits.", nameof(stem)),
    };

    private static string Complete11(string stem)
    {
        var eleven = stem + CheckDigit(stem, Weights11);
        return eleven + CheckDigit(eleven, Weights12);
    }

    private static int CheckDigit(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }
        return sum % 11 % 10;
    }
}
