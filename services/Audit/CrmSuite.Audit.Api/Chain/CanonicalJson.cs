using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrmSuite.Audit.Api.Chain;

/// <summary>
/// One text for every JSON value that means the same thing, so a hash taken over the JSON an
/// event carried still matches the JSON PostgreSQL gives back from jsonb (which reorders keys,
/// drops whitespace, resolves escapes and rewrites numbers such as <c>1E2</c> as <c>100</c>).
/// <list type="bullet">
/// <item>No whitespace. Object members sorted by key (ordinal, UTF-16 code units); when a key
/// repeats, the last one wins (as in jsonb).</item>
/// <item>Strings: <c>"</c> and <c>\</c> escaped with a backslash, U+0000–U+001F as <c>\u00xx</c>
/// (lowercase hex), everything else literal. U+0000 (which jsonb cannot store) and unpaired
/// surrogates become U+FFFD.</item>
/// <item>Numbers by value: sign, then the significant digits D (no leading or trailing zeros) and
/// the exponent E of D×10^E, written as plain digits when 0 ≤ E and |D|+E ≤ 21
/// (<c>100</c>), with a decimal point when −|D| &lt; E &lt; 0 (<c>1.5</c>), as <c>0.000ddd</c>
/// when the point is at most 6 zeros left of D, otherwise as <c>DeE</c> (<c>15e-20</c>). Zero is <c>0</c>.</item>
/// <item><c>true</c>, <c>false</c>, <c>null</c> as themselves.</item>
/// </list>
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>The canonical text of <paramref name="json"/>; <see cref="FormatException"/> when it is not JSON.</summary>
    public static string Canonicalize(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            return Canonicalize(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new FormatException("Not valid JSON: " + ex.Message, ex);
        }
    }

    public static string Canonicalize(JsonElement element)
    {
        var text = new StringBuilder();
        try
        {
            Write(element, text);
        }
        catch (InvalidOperationException ex)
        {
            // System.Text.Json refuses strings with invalid escapes (e.g. a lone \ud800) only when read.
            throw new FormatException("JSON holds an invalid string: " + ex.Message, ex);
        }
        return text.ToString();
    }

    private static void Write(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    members[property.Name] = property.Value;
                }
                text.Append('{');
                var first = true;
                foreach (var (name, value) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        text.Append(',');
                    }
                    first = false;
                    WriteString(name, text);
                    text.Append(':');
                    Write(value, text);
                }
                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        text.Append(',');
                    }
                    firstItem = false;
                    Write(item, text);
                }
                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, text);
                break;
            case JsonValueKind.Number:
                WriteNumber(element.GetRawText(), text);
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    /// <summary>A JSON string literal in the canonical escaping (also used for the chain's row form).</summary>
    public static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\0':
                    text.Append('\uFFFD');
                    break;
                case < ' ':
                    text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        text.Append('\uFFFD');
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
    }

    /// <summary>Writes a JSON number token by value (see the class summary).</summary>
    internal static void WriteNumber(string raw, StringBuilder text)
    {
        var i = 0;
        var negative = raw[0] == '-';
        if (negative)
        {
            i++;
        }
        var digits = new StringBuilder(raw.Length);
        long exponent = 0;
        while (i < raw.Length && char.IsAsciiDigit(raw[i]))
        {
            digits.Append(raw[i++]);
        }
        if (i < raw.Length && raw[i] == '.')
        {
            i++;
            while (i < raw.Length && char.IsAsciiDigit(raw[i]))
            {
                digits.Append(raw[i++]);
                exponent--;
            }
        }
        if (i < raw.Length && raw[i] is 'e' or 'E')
        {
            if (!long.TryParse(raw.AsSpan(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var written)
                || written is > int.MaxValue or < int.MinValue)
            {
                throw new FormatException($"The number {raw} is out of range.");
            }
            exponent += written;
        }

        var significant = digits.ToString().TrimStart('0');
        if (significant.Length == 0)
        {
            text.Append('0');
            return;
        }
        var trimmed = significant.TrimEnd('0');
        exponent += significant.Length - trimmed.Length;
        significant = trimmed;

        if (negative)
        {
            text.Append('-');
        }
        var length = significant.Length;
        if (exponent >= 0 && length + exponent <= 21)
        {
            text.Append(significant).Append('0', (int)exponent);
        }
        else if (exponent < 0 && -exponent < length)
        {
            var point = length + (int)exponent;
            text.Append(significant, 0, point).Append('.').Append(significant, point, length - point);
        }
        else if (exponent < 0 && -exponent - length <= 6)
        {
            text.Append("0.").Append('0', (int)(-exponent - length)).Append(significant);
        }
        else
        {
            text.Append(significant).Append('e').Append(exponent.ToString(CultureInfo.InvariantCulture));
        }
    }
}
