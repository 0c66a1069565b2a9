using System.Globalization;

namespace CrmSuite.Documents.Api.Money;

/// <summary>
/// «Сумма прописью»: the whole units in words with a capital first letter, the hundredths as two
/// digits, each noun in the form its number asks for (1 рубль, 2–4 рубля, 5–20 рублей, then by the
/// last digit except 11–14; копейка/копейки/копеек likewise; thousands are feminine: одна тысяча,
/// две тысячи). English mirrors it: "One hundred and twenty-two thousand roubles 00 kopecks".
/// </summary>
public static class AmountInWords
{
    private sealed record Noun(string One, string Few, string Many, bool Feminine = false);

    private sealed record CurrencyWords(Noun RuMajor, Noun RuMinor, string EnMajorOne, string EnMajorMany, string EnMinorOne, string EnMinorMany);

    private static readonly Dictionary<string, CurrencyWords> Currencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RUB"] = new(new("рубль", "рубля", "рублей"), new("копейка", "копейки", "копеек", Feminine: true), "rouble", "roubles", "kopeck", "kopecks"),
        ["USD"] = new(new("доллар", "доллара", "долларов"), new("цент", "цента", "центов"), "dollar", "dollars", "cent", "cents"),
        ["EUR"] = new(new("евро", "евро", "евро"), new("цент", "цента", "центов"), "euro", "euros", "cent", "cents"),
        ["CNY"] = new(new("юань", "юаня", "юаней"), new("фэнь", "фэня", "фэней"), "yuan", "yuan", "fen", "fen"),
    };

    private static readonly string[] RuUnits = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];
    private static readonly string[] RuTeens = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"];
    private static readonly string[] RuTens = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"];
    private static readonly string[] RuHundreds = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"];
    private static readonly Noun[] RuScales =
    [
        new("тысяча", "тысячи", "тысяч", Feminine: true),
        new("миллион", "миллиона", "миллионов"),
        new("миллиард", "миллиарда", "миллиардов"),
        new("триллион", "триллиона", "триллионов"),
    ];

    private static readonly string[] EnUnits = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] EnTens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    private static readonly string[] EnScales = ["thousand", "million", "billion", "trillion"];

    /// <summary>The largest amount written out (below a thousand trillion).</summary>
    public const decimal Max = 999_999_999_999_999.99m;

    /// <summary>In the document's language: "ru" (default) or "en".</summary>
    public static string Write(decimal amount, string currency = "RUB", string language = "ru") =>
        language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English(amount, currency) : Russian(amount, currency);

    /// <summary>«Сто двадцать две тысячи рублей 00 копеек», «Один рубль 01 копейка».</summary>
    public static string Russian(decimal amount, string currency = "RUB")
    {
        var (whole, cents) = Split(amount);
        if (!Currencies.TryGetValue(currency, out var words))
        {
            return Capitalise(RussianNumber(whole, feminine: false)) + " " + currency.ToUpperInvariant() + " " + Cents(cents);
        }
        var major = words.RuMajor;
        var minor = words.RuMinor;
        return $"{Capitalise(RussianNumber(whole, major.Feminine))} {Form(whole, major)} {Cents(cents)} {Form(cents, minor)}";
    }

    /// <summary>"One hundred and twenty-two thousand roubles 00 kopecks", "One rouble 01 kopeck".</summary>
    public static string English(decimal amount, string currency = "RUB")
    {
        var (whole, cents) = Split(amount);
        var number = Capitalise(EnglishNumber(whole));
        if (!Currencies.TryGetValue(currency, out var words))
        {
            return number + " " + currency.ToUpperInvariant() + " " + Cents(cents);
        }
        var major = whole == 1 ? words.EnMajorOne : words.EnMajorMany;
        var minor = cents == 1 ? words.EnMinorOne : words.EnMinorMany;
        return $"{number} {major} {Cents(cents)} {minor}";
    }

    private static (long Whole, int Cents) Split(decimal amount)
    {
        if (amount < 0 || amount > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "An amount in words is from 0 to " + Max.ToString(CultureInfo.InvariantCulture) + ".");
        }
        var rounded = DocumentMoney.Kopecks(amount);
        var whole = decimal.Truncate(rounded);
        return ((long)whole, (int)((rounded - whole) * 100m));
    }

    private static string Cents(int cents) => cents.ToString("00", CultureInfo.InvariantCulture);

    private static string Form(long number, Noun noun)
    {
        var lastTwo = number % 100;
        var last = number % 10;
        return lastTwo is >= 11 and <= 14 ? noun.Many
            : last == 1 ? noun.One
            : last is >= 2 and <= 4 ? noun.Few
            : noun.Many;
    }

    private static string RussianNumber(long number, bool feminine)
    {
        var parts = new List<string>();
        foreach (var (group, scale, _) in GroupsFromTop(number))
        {
            var noun = scale == 0 ? null : RuScales[scale - 1];
            parts.Add(RussianHundreds(group, noun?.Feminine ?? feminine));
            if (noun is not null)
            {
                parts.Add(Form(group, noun));
            }
        }
        return parts.Count == 0 ? "ноль" : string.Join(' ', parts.Where(p => p.Length > 0));
    }

    private static string RussianHundreds(int group, bool feminine)
    {
        var words = new List<string> { RuHundreds[group / 100] };
        var rest = group % 100;
        if (rest is >= 10 and <= 19)
        {
            words.Add(RuTeens[rest - 10]);
        }
        else
        {
            words.Add(RuTens[rest / 10]);
            var unit = rest % 10;
            words.Add(feminine && unit is 1 or 2 ? (unit == 1 ? "одна" : "две") : RuUnits[unit]);
        }
        return string.Join(' ', words.Where(w => w.Length > 0));
    }

    private static string EnglishNumber(long number)
    {
        var parts = new List<string>();
        foreach (var (group, scale, count) in GroupsFromTop(number))
        {
            // British usage: "one thousand and five", "one hundred and one".
            var text = scale == 0 && group < 100 && count > 1 ? "and " + EnglishHundreds(group) : EnglishHundreds(group);
            parts.Add(scale == 0 ? text : text + " " + EnScales[scale - 1]);
        }
        return parts.Count == 0 ? "zero" : string.Join(' ', parts);
    }

    private static string EnglishHundreds(int group)
    {
        var hundreds = group / 100;
        var rest = group % 100;
        var tens = rest < 20 ? EnUnits[rest] : EnTens[rest / 10] + (rest % 10 == 0 ? string.Empty : "-" + EnUnits[rest % 10]);
        return (hundreds, rest) switch
        {
            (0, _) => tens,
            (_, 0) => EnUnits[hundreds] + " hundred",
            _ => EnUnits[hundreds] + " hundred and " + tens,
        };
    }

    /// <summary>The non-zero groups of three digits, highest first, with their scale (0 = units, 1 = thousands…) and how many groups the number has.</summary>
    private static IEnumerable<(int Group, int Scale, int Count)> GroupsFromTop(long number)
    {
        var groups = new List<int>();
        for (; number > 0; number /= 1000)
        {
            groups.Add((int)(number % 1000));
        }
        for (var scale = groups.Count - 1; scale >= 0; scale--)
        {
            if (groups[scale] != 0)
            {
                yield return (groups[scale], scale, groups.Count);
            }
        }
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
