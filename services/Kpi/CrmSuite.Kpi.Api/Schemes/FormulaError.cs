namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>What is wrong with a bonus formula.</summary>
public enum FormulaProblem
{
    Empty,
    TooLong,
    Syntax,
    UnclosedParenthesis,
    UnknownVariable,
    UnknownFunction,
    WrongArgumentCount,
    MemberAccess,
    NotAllowed,
    DivisionByZero,
    NotANumber,
    MixedValues,
    TooLarge,
    BadArgument,
}

/// <summary>
/// One problem of a bonus formula and where it is: <see cref="Position"/> is the 0-based index of
/// the character in the formula's text, <see cref="Line"/> and <see cref="Column"/> the same place
/// counted from 1 as an editor shows it. <see cref="Name"/> is the variable, function or
/// character concerned; <see cref="Expected"/> a function's number of arguments. The message is
/// built from these in Russian or English, so the UI shows the same problem in the person's language.
/// </summary>
public sealed record FormulaError(FormulaProblem Problem, int Position, int Line, int Column, string? Name = null, int? Expected = null)
{
    /// <summary>The problem in English, naming the place.</summary>
    public string Message => MessageIn("en");

    /// <summary>The problem in the person's language ("ru…" for Russian, English otherwise), naming the place.</summary>
    public string MessageIn(string language)
    {
        var (en, ru) = Texts();
        return language.StartsWith("ru", StringComparison.OrdinalIgnoreCase)
            ? $"{ru} (строка {Line}, позиция {Column})"
            : $"{en} (line {Line}, column {Column})";
    }

    private (string En, string Ru) Texts() => Problem switch
    {
        FormulaProblem.Empty => ("The formula is empty", "Формула пуста"),
        FormulaProblem.TooLong => ($"The formula is longer than {Expected} characters", $"Формула длиннее {Expected} символов"),
        FormulaProblem.Syntax when Name is null => ("The formula ends too early", "Формула обрывается"),
        FormulaProblem.Syntax when Name == "," => ("The formula cannot be read at ','; a decimal point is written '.'",
            "Формулу нельзя прочитать в месте «,»; дробная часть отделяется точкой"),
        FormulaProblem.Syntax => ($"The formula cannot be read at '{Name}'", $"Формулу нельзя прочитать в месте «{Name}»"),
        FormulaProblem.UnclosedParenthesis => ("A parenthesis is opened and not closed", "Открытая скобка не закрыта"),
        FormulaProblem.UnknownVariable => ($"Unknown variable '{Name}'", $"Неизвестная переменная «{Name}»"),
        FormulaProblem.UnknownFunction => ($"Unknown function '{Name}'; allowed: {BonusFormula.AllowedFunctionList}",
            $"Неизвестная функция «{Name}»; можно: {BonusFormula.AllowedFunctionList}"),
        FormulaProblem.WrongArgumentCount => ($"Function '{Name}' takes {Expected} argument(s)", $"Функция «{Name}» принимает аргументов: {Expected}"),
        FormulaProblem.MemberAccess => ("Member access ('.') is not allowed: a formula works with numbers only",
            "Обращение через точку запрещено: формула работает только с числами"),
        FormulaProblem.NotAllowed => ($"'{Name}' is not part of the formula language", $"«{Name}» не входит в язык формул"),
        FormulaProblem.DivisionByZero => ("Division by zero", "Деление на ноль"),
        FormulaProblem.NotANumber => ("The formula gives yes/no, not an amount", "Формула даёт да/нет, а не сумму"),
        FormulaProblem.MixedValues => ("Yes/no values and numbers are mixed in one calculation", "В одном вычислении смешаны да/нет и числа"),
        FormulaProblem.TooLarge => ("The result is too large", "Результат слишком велик"),
        FormulaProblem.BadArgument => ("A function got a value it cannot use (Round takes 0 to 28 digits)",
            "Функция получила недопустимое значение (Round округляет до 0–28 знаков)"),
        _ => (Problem.ToString(), Problem.ToString()),
    };

    /// <summary>The error at a 0-based index of the text, with its line and column.</summary>
    internal static FormulaError At(string text, int position, FormulaProblem problem, string? name = null, int? expected = null)
    {
        position = Math.Clamp(position, 0, text.Length);
        var lineStart = position == 0 ? 0 : text.LastIndexOf('\n', position - 1) + 1;
        var line = 1 + text.AsSpan(0, lineStart).Count('\n');
        return new FormulaError(problem, position, line, position - lineStart + 1, name, expected);
    }
}

/// <summary>A formula's value, or the problem that stopped it (never an exception).</summary>
public sealed record FormulaOutcome(decimal? Value, FormulaError? Error)
{
    public bool Succeeded => Error is null;
}
