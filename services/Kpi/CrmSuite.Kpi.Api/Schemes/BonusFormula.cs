using System.Globalization;
using System.Text.RegularExpressions;
using NCalc;
using NCalc.Exceptions;

namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>
/// The bonus formula a director writes: an NCalc expression over decimals. The language is
/// numbers, the scheme's variables (<see cref="SchemeVariables"/>), + - * / %, comparisons,
/// and/or/not, <c>cond ? a : b</c> and the functions in <see cref="AllowedFunctions"/>. Nothing
/// reaches .NET: NCalc has no member access and no type lookup, the text is read for refused
/// characters first, every name must be a known variable and every function on the list, and no
/// custom function handler is registered. Problems come back as <see cref="FormulaError"/>s with
/// their position; evaluation never throws.
/// </summary>
public static partial class BonusFormula
{
    /// <summary>Longer formulas are refused on save (a formula is a line or two, not a program).</summary>
    public const int MaxLength = 2000;

    /// <summary>The functions a formula may call and how many arguments each takes (names are case-insensitive).</summary>
    public static IReadOnlyDictionary<string, int> AllowedFunctions { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["Abs"] = 1, ["Ceiling"] = 1, ["Floor"] = 1, ["Truncate"] = 1, ["Round"] = 2, ["Min"] = 2, ["Max"] = 2, ["if"] = 3,
    };

    internal static string AllowedFunctionList { get; } = string.Join(", ", AllowedFunctions.Keys);

    // Decimals throughout (0.1 + 0.2 is 0.3), Round(2.5, 0) is 3 as accounting rounds, and overflow is an error, not a wrap.
    private const ExpressionOptions Options = ExpressionOptions.DecimalAsDefault | ExpressionOptions.RoundAwayFromZero
        | ExpressionOptions.IgnoreCaseAtBuiltInFunctions | ExpressionOptions.OverflowProtection;

    private static readonly LogicalExpressionParserOptions ParserOptions = new() { FloatingPointNumberType = FloatingPointNumberType.Decimal };

    /// <summary>
    /// Checks a formula on save against the variables its scheme offers. Returns the problems
    /// found (empty when the formula is good): the first syntax problem, or every unknown
    /// variable and function, or a division by a constant zero, or a mix of yes/no and numbers.
    /// </summary>
    public static IReadOnlyList<FormulaError> Check(string? text, IReadOnlyCollection<string> variables)
    {
        var (formula, errors) = Compile(text, variables);
        if (formula is null)
            return errors;
        // Two trial runs with every variable at 1.5, then at 7.25, find what no period's figures can fix: yes/no
        // mixed into sums, a constant too large, a division by a constant zero. A problem of one run only
        // (x / (total_ach - 1.5)) depends on the figures and is left to the evaluation.
        var first = formula.Run(variables.ToDictionary(v => v, _ => 1.5m, StringComparer.Ordinal));
        var second = formula.Run(variables.ToDictionary(v => v, _ => 7.25m, StringComparer.Ordinal));
        return first.Error is { } error && second.Error?.Problem == error.Problem ? [error] : [];
    }

    /// <summary>
    /// The formula's value with these variables, rounded to kopecks (half away from zero), or the
    /// problem that stopped it: one of <see cref="Check"/>'s, or a division by zero with the
    /// position of the division, or a result too large.
    /// </summary>
    public static FormulaOutcome Evaluate(string? text, IReadOnlyDictionary<string, decimal> variables)
    {
        var (formula, errors) = Compile(text, variables.Keys.ToList());
        return formula is null ? new FormulaOutcome(null, errors[0]) : formula.Run(variables);
    }

    private static (CompiledFormula? Formula, IReadOnlyList<FormulaError> Errors) Compile(string? text, IReadOnlyCollection<string> variables)
    {
        text ??= "";
        if (string.IsNullOrWhiteSpace(text))
            return (null, [FormulaError.At(text, 0, FormulaProblem.Empty)]);
        if (text.Length > MaxLength)
            return (null, [FormulaError.At(text, MaxLength, FormulaProblem.TooLong, expected: MaxLength)]);

        var (tokens, refused) = FormulaTokens.Read(text);
        if (refused is not null)
            return (null, [refused]);
        // NCalc reads only Latin names; "оклад * 0.1" is an unknown variable, not "the formula ends too early".
        if (tokens.FirstOrDefault(t => t.Kind == FormulaTokenKind.Word && !t.Text.All(char.IsAscii)) is { Text: not null } foreign)
            return (null, [FormulaError.At(text, foreign.Position, foreign.IsCall ? FormulaProblem.UnknownFunction : FormulaProblem.UnknownVariable, foreign.Text)]);

        LogicalExpression tree;
        try
        {
            tree = LogicalExpressionParser.Parse(text, ParserOptions, CultureInfo.InvariantCulture);
        }
        catch (NCalcParserException e)
        {
            return (null, [ParserError(text, e.Message)]);
        }
        catch (InvalidOperationException)
        {
            // NCalc throws this for "1 + * 2" without a position.
            var at = FormulaTokens.OperatorSequencePosition(tokens);
            return (null, [FormulaError.At(text, at, FormulaProblem.Syntax, NameAt(text, at))]);
        }

        var walk = new FormulaWalk(text, tokens, variables);
        walk.Visit(tree);
        return walk.Errors.Count > 0 ? (null, walk.Errors) : (new CompiledFormula(text, tree, walk.Divisions), []);
    }

    // NCalc's messages end in "at position (line:column)", both counted from 1.
    private static FormulaError ParserError(string text, string message)
    {
        var match = ParserPosition().Match(message);
        var position = text.Length;
        if (match.Success)
        {
            var line = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var column = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var lineStart = 0;
            for (var l = 1; l < line && lineStart < text.Length; l++)
                lineStart = text.IndexOf('\n', lineStart) is var nl and >= 0 ? nl + 1 : text.Length;
            position = Math.Min(text.Length, lineStart + column - 1);
        }
        // Blanks after the last word do not count: "1 +   " ends too early at the end.
        while (position < text.Length && char.IsWhiteSpace(text[position]))
            position++;
        var problem = message.StartsWith("Parenthesis not closed", StringComparison.Ordinal) ? FormulaProblem.UnclosedParenthesis : FormulaProblem.Syntax;
        return FormulaError.At(text, position, problem, problem == FormulaProblem.Syntax ? NameAt(text, position) : null);
    }

    private static string? NameAt(string text, int position) => position < text.Length ? text[position].ToString() : null;

    [GeneratedRegex(@"\((\d+):(\d+)\)\s*$")]
    private static partial Regex ParserPosition();

    /// <summary>A parsed, checked formula with the position of each of its divisions.</summary>
    private sealed class CompiledFormula(string text, LogicalExpression tree, IReadOnlyDictionary<BinaryExpression, int> divisions)
    {
        public FormulaOutcome Run(IReadOnlyDictionary<string, decimal> variables)
        {
            var context = new ExpressionContext
            {
                EvaluateBinaryHandler = args =>
                {
                    // Name the division that failed: NCalc's DivideByZeroException says none.
                    if (divisions.TryGetValue(args.BinaryExpression, out var at) && IsZero(args.RightValue()))
                        throw new FormulaStopped(FormulaError.At(text, at, FormulaProblem.DivisionByZero));
                },
            };
            var expression = new Expression(tree, new ExpressionConfiguration(), context, CultureInfo.InvariantCulture, null!) { Options = Options };
            foreach (var (name, value) in variables)
                expression.Parameters[name] = value;
            try
            {
                return expression.Evaluate() switch
                {
                    bool => new FormulaOutcome(null, FormulaError.At(text, 0, FormulaProblem.NotANumber)),
                    var value and (decimal or int or long or double) =>
                        new FormulaOutcome(Math.Round(Convert.ToDecimal(value, CultureInfo.InvariantCulture), 2, MidpointRounding.AwayFromZero), null),
                    _ => new FormulaOutcome(null, FormulaError.At(text, 0, FormulaProblem.NotANumber)),
                };
            }
            catch (FormulaStopped stopped)
            {
                return new FormulaOutcome(null, stopped.Error);
            }
            catch (DivideByZeroException)
            {
                return new FormulaOutcome(null, FormulaError.At(text, divisions.Values.DefaultIfEmpty(0).Min(), FormulaProblem.DivisionByZero));
            }
            catch (OverflowException)
            {
                return new FormulaOutcome(null, FormulaError.At(text, 0, FormulaProblem.TooLarge));
            }
            catch (ArgumentOutOfRangeException)
            {
                // Round(x, 30): decimals round to 0–28 digits.
                return new FormulaOutcome(null, FormulaError.At(text, 0, FormulaProblem.BadArgument));
            }
            catch (Exception e) when (e is InvalidOperationException or InvalidCastException or FormatException or NCalcException or ArgumentException)
            {
                // Yes/no added to a number and the like; the checks on save keep everything else out.
                return new FormulaOutcome(null, FormulaError.At(text, 0, FormulaProblem.MixedValues));
            }
        }

        private static bool IsZero(object? value) => value is decimal or int or long or double && Convert.ToDecimal(value, CultureInfo.InvariantCulture) == 0m;
    }

    private sealed class FormulaStopped(FormulaError error) : Exception(error.Message)
    {
        public FormulaError Error { get; } = error;
    }
}
