namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>A word, number or operator of a formula and where it starts (0-based).</summary>
internal readonly record struct FormulaToken(FormulaTokenKind Kind, string Text, int Position, bool IsCall = false);

internal enum FormulaTokenKind
{
    Word,
    Number,
    Operator,
    Open,
    Close,
    Comma,
    Other,
}

/// <summary>
/// Reads a formula into tokens before NCalc parses it, for two reasons: NCalc's tree keeps no
/// positions, so the tokens say where a variable, function or division is; and what the formula
/// language leaves out (text, dates, bracketed names, bitwise operators, powers, member access)
/// is refused here with its position rather than reaching NCalc, which would accept some of it.
/// </summary>
internal static class FormulaTokens
{
    // Two-character operators NCalc reads; anything longer is two tokens.
    private static readonly string[] Pairs = ["<=", ">=", "==", "!=", "<>", "&&", "||", "??"];

    // NCalc reads these as bitwise operators or powers; a director writing 2^3 means 8, NCalc gives 1 (xor).
    private static readonly string[] Refused = ["**", "<<", ">>", "^", "~", "&", "|"];

    public static (List<FormulaToken> Tokens, FormulaError? Error) Read(string text)
    {
        var tokens = new List<FormulaToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                    end++;
                var next = end;
                while (next < text.Length && char.IsWhiteSpace(text[next]))
                    next++;
                tokens.Add(new FormulaToken(FormulaTokenKind.Word, text[i..end], i, IsCall: next < text.Length && text[next] == '('));
                i = end;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && !FollowsValue(tokens)))
            {
                var end = i;
                while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
                    end++;
                if (end < text.Length && (text[end] == 'e' || text[end] == 'E'))
                {
                    end++;
                    if (end < text.Length && (text[end] == '+' || text[end] == '-'))
                        end++;
                    while (end < text.Length && char.IsAsciiDigit(text[end]))
                        end++;
                }
                tokens.Add(new FormulaToken(FormulaTokenKind.Number, text[i..end], i));
                i = end;
            }
            else if (c == '.')
            {
                // x.GetType(), System.IO.File.Delete('a'), (x).y: a dot after a name or a value reaches for a member.
                if (FollowsValue(tokens) || (i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '_')))
                    return (tokens, FormulaError.At(text, i, FormulaProblem.MemberAccess, "."));
                tokens.Add(new FormulaToken(FormulaTokenKind.Other, ".", i));
                i++;
            }
            else if (c is '\'' or '"' or '#' or '[' or ']' or '{' or '}' or '`' or '$' or '@' or '\\')
            {
                return (tokens, FormulaError.At(text, i, FormulaProblem.NotAllowed, c.ToString()));
            }
            else if (Refused.FirstOrDefault(r => text.AsSpan(i).StartsWith(r, StringComparison.Ordinal)) is { } refused
                     && !Pairs.Any(p => text.AsSpan(i).StartsWith(p, StringComparison.Ordinal)))
            {
                return (tokens, FormulaError.At(text, i, FormulaProblem.NotAllowed, refused));
            }
            else if (c == '(' || c == ')' || c == ',')
            {
                tokens.Add(new FormulaToken(c == '(' ? FormulaTokenKind.Open : c == ')' ? FormulaTokenKind.Close : FormulaTokenKind.Comma, c.ToString(), i));
                i++;
            }
            else if ("+-*/%<>=!?:&|".Contains(c))
            {
                var pair = Pairs.FirstOrDefault(p => text.AsSpan(i).StartsWith(p, StringComparison.Ordinal));
                var op = pair ?? c.ToString();
                tokens.Add(new FormulaToken(FormulaTokenKind.Operator, op, i));
                i += op.Length;
            }
            else
            {
                tokens.Add(new FormulaToken(FormulaTokenKind.Other, c.ToString(), i));
                i++;
            }
        }
        return (tokens, null);
    }

    /// <summary>Where "1 + * 2" goes wrong: the second of two binary operators in a row (NCalc names no place for it).</summary>
    public static int OperatorSequencePosition(IReadOnlyList<FormulaToken> tokens)
    {
        for (var k = 1; k < tokens.Count; k++)
        {
            if (tokens[k - 1].Kind == FormulaTokenKind.Operator && tokens[k].Kind == FormulaTokenKind.Operator
                && tokens[k].Text is not ("-" or "+" or "!"))
                return tokens[k].Position;
        }
        return 0;
    }

    private static bool FollowsValue(List<FormulaToken> tokens) =>
        tokens.Count > 0 && tokens[^1].Kind is FormulaTokenKind.Word or FormulaTokenKind.Number or FormulaTokenKind.Close;
}
