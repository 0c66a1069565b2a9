using NCalc;
using ValueType = NCalc.ValueType;

namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>
/// Walks a parsed formula in reading order: every name must be a known variable, every call an
/// allowed function with its number of arguments, every operator one of the language's; integer
/// literals become decimals (NCalc divides two integers as doubles: 1/3 would be inexact); each
/// division is tied to the position of its '/' or '%' (the n-th division read is the n-th in the text).
/// </summary>
internal sealed class FormulaWalk
{
    private readonly string _text;
    private readonly IReadOnlyList<FormulaToken> _tokens;
    private readonly HashSet<string> _variables;
    private readonly Queue<int> _divisionSigns;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<BinaryExpression, int> _divisions = new(ReferenceEqualityComparer.Instance);

    public FormulaWalk(string text, IReadOnlyList<FormulaToken> tokens, IReadOnlyCollection<string> variables)
    {
        _text = text;
        _tokens = tokens;
        _variables = new HashSet<string>(variables, StringComparer.Ordinal);
        _divisionSigns = new Queue<int>(tokens.Where(t => t is { Kind: FormulaTokenKind.Operator, Text: "/" or "%" }).Select(t => t.Position));
    }

    public List<FormulaError> Errors { get; } = [];

    public IReadOnlyDictionary<BinaryExpression, int> Divisions => _divisions;

    public void Visit(LogicalExpression node)
    {
        switch (node)
        {
            case BinaryExpression binary:
                Visit(binary.LeftExpression);
                if (binary.Type is BinaryExpressionType.Div or BinaryExpressionType.Modulo && _divisionSigns.TryDequeue(out var at))
                    _divisions[binary] = at;
                if (!IsAllowed(binary.Type))
                    Report(FormulaProblem.NotAllowed, Symbol(binary.Type), PositionOfWord(Symbol(binary.Type), call: false));
                Visit(binary.RightExpression);
                break;
            case UnaryExpression unary:
                if (unary.Type is not (UnaryExpressionType.Negate or UnaryExpressionType.Not or UnaryExpressionType.Positive))
                    Report(FormulaProblem.NotAllowed, "!", PositionOfOperator("!"));
                Visit(unary.Expression);
                break;
            case TernaryExpression ternary:
                Visit(ternary.LeftExpression);
                Visit(ternary.MiddleExpression);
                Visit(ternary.RightExpression);
                break;
            case Function function:
                VisitFunction(function);
                break;
            case Identifier identifier:
                if (!_variables.Contains(identifier.Name))
                    Report(FormulaProblem.UnknownVariable, identifier.Name, PositionOfWord(identifier.Name, call: false));
                break;
            case ValueExpression value:
                VisitValue(value);
                break;
            case LogicalExpressionList list:
                foreach (var item in list)
                    Visit(item);
                break;
        }
    }

    private void VisitFunction(Function function)
    {
        var name = function.Identifier.Name;
        if (!BonusFormula.AllowedFunctions.TryGetValue(name, out var arguments))
            Report(FormulaProblem.UnknownFunction, name, PositionOfWord(name, call: true));
        else if (function.Parameters.Count != arguments)
            Report(FormulaProblem.WrongArgumentCount, name, PositionOfWord(name, call: true), arguments);
        foreach (var parameter in function.Parameters)
            Visit(parameter);
    }

    private void VisitValue(ValueExpression value)
    {
        switch (value.Value)
        {
            case int or long:
                value.Value = Convert.ToDecimal(value.Value, System.Globalization.CultureInfo.InvariantCulture);
                value.Type = ValueType.Float;
                break;
            case decimal or double or bool:
                break;
            default:
                // Text, dates and GUIDs are refused before parsing; anything else NCalc reads is not ours either.
                Report(FormulaProblem.NotAllowed, value.Value?.ToString() ?? "null", 0);
                break;
        }
    }

    private static bool IsAllowed(BinaryExpressionType type) => type is BinaryExpressionType.And or BinaryExpressionType.Or
        or BinaryExpressionType.NotEqual or BinaryExpressionType.LesserOrEqual or BinaryExpressionType.GreaterOrEqual
        or BinaryExpressionType.Lesser or BinaryExpressionType.Greater or BinaryExpressionType.Equal or BinaryExpressionType.Minus
        or BinaryExpressionType.Plus or BinaryExpressionType.Modulo or BinaryExpressionType.Div or BinaryExpressionType.Times;

    private static string Symbol(BinaryExpressionType type) => type switch
    {
        BinaryExpressionType.In or BinaryExpressionType.NotIn => "in",
        BinaryExpressionType.Like or BinaryExpressionType.NotLike => "like",
        BinaryExpressionType.Coalesce => "??",
        _ => type.ToString(),
    };

    private void Report(FormulaProblem problem, string name, int position, int? expected = null)
    {
        // One error per name: "x + x" with an unknown x is one problem.
        if (_reported.Add($"{problem}:{name}"))
            Errors.Add(FormulaError.At(_text, position, problem, name, expected));
    }

    private int PositionOfWord(string word, bool call) =>
        _tokens.FirstOrDefault(t => t.Kind == FormulaTokenKind.Word && t.IsCall == call && string.Equals(t.Text, word, call ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)) is { Text: not null } token
            ? token.Position
            : PositionOfOperator(word);

    private int PositionOfOperator(string symbol) =>
        _tokens.FirstOrDefault(t => t.Text == symbol) is { Text: not null } token ? token.Position : 0;
}
