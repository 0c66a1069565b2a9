using System.Globalization;
using NCalc;

namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>
/// An exclusive gateway's condition: an NCalc expression over the instance's variables, numbers as
/// decimals (150000.10 compares exactly), "true"/"false" as yes/no, anything else as text. NCalc has
/// no member access, so a condition cannot reach .NET. Evaluation never throws: a condition that
/// names an unknown variable or is not yes/no is an error the engine writes in the log.
/// </summary>
public static class ProcessConditions
{
    private const ExpressionOptions Options = ExpressionOptions.DecimalAsDefault | ExpressionOptions.IgnoreCaseAtBuiltInFunctions | ExpressionOptions.OverflowProtection;

    public sealed record Result(bool Value, string? Error);

    public static Result Evaluate(string condition, IReadOnlyDictionary<string, string> variables)
    {
        try
        {
            var expression = new Expression(condition, Options);
            foreach (var (name, text) in variables)
            {
                expression.Parameters[name] = Value(text);
            }
            return expression.Evaluate() is bool value ? new Result(value, null) : new Result(false, "the condition is not a yes/no comparison");
        }
        catch (Exception e) when (e is NCalc.Exceptions.NCalcException or ArgumentException or InvalidOperationException or FormatException or OverflowException or InvalidCastException)
        {
            return new Result(false, e.Message);
        }
    }

    private static object Value(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number
        : bool.TryParse(text, out var flag) ? flag
        : text;
}
