using System.Text;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>
/// What a person typed into the search box, read as: word prefixes of the name, a digit prefix
/// of the INN or phone, and a prefix of the email.
/// </summary>
public sealed record SearchTerms(string? NamePrefixQuery, string? Digits, string? PhonePrefix, string? TrunkPhonePrefix, string? EmailPrefix)
{
    private const int MinDigitsForNumberSearch = 3;

    public bool IsEmpty => NamePrefixQuery is null && Digits is null && EmailPrefix is null;

    public static SearchTerms Parse(string query)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in query)
        {
            if (char.IsLetterOrDigit(ch))
            {
                word.Append(char.ToLowerInvariant(ch));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        // to_tsquery('simple', 'word:* & other:*'): every typed word must start a word of the name.
        var nameQuery = words.Count == 0 ? null : string.Join(" & ", words.Select(w => w + ":*"));

        // "8 (495) 123-45", "+7 495", "7707083893": digits only when the text is number-like.
        var looksNumeric = query.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')');
        var digits = looksNumeric ? new string(query.Where(char.IsAsciiDigit).ToArray()) : string.Empty;
        string? digitPrefix = null, phonePrefix = null, trunkPrefix = null;
        if (digits.Length >= MinDigitsForNumberSearch)
        {
            digitPrefix = digits;
            phonePrefix = "+" + digits;
            // Russians dial 8 for the trunk prefix: 8 495 … is +7 495 ….
            trunkPrefix = digits[0] == '8' ? "+7" + digits[1..] : null;
        }
        var emailPrefix = query.Any(char.IsWhiteSpace) || !query.Any(char.IsLetterOrDigit) ? null : query.ToLowerInvariant();
        return new SearchTerms(nameQuery, digitPrefix, phonePrefix, trunkPrefix, emailPrefix);
    }
}
