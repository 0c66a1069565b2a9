using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmSuite.PubSubEmulator.Subscriptions;

/// <summary>
/// Evaluates the <c>match</c> of a routing rule against the CloudEvent. Dapr uses CEL; the emulator
/// understands the subset routing rules are written in: comparisons of an <c>event.</c> attribute
/// path with a string, number or boolean literal (<c>==</c>, <c>!=</c>), combined with <c>&amp;&amp;</c>,
/// <c>||</c> and parentheses. Anything else is refused loudly rather than guessed.
/// </summary>
public static class RouteMatcher
{
    /// <summary>Picks the route like the sidecar: the first rule that matches, else the default, else none.</summary>
    public static string? SelectRoute(AppSubscription subscription, JsonObject cloudEvent)
    {
        foreach (var rule in subscription.Rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Match) || Matches(rule.Match, cloudEvent))
            {
                return rule.Path;
            }
        }
        return subscription.DefaultRoute;
    }

    /// <exception cref="UnsupportedMatchExpressionException">The expression is outside the supported subset.</exception>
    public static bool Matches(string expression, JsonObject cloudEvent)
    {
        var parser = new Parser(Tokenize(expression), expression, cloudEvent);
        var result = parser.ParseOr();
        parser.ExpectEnd();
        return result;
    }

    private enum TokenKind { Identifier, Dot, String, Number, True, False, Equal, NotEqual, And, Or, Open, Close }

    private readonly record struct Token(TokenKind Kind, string Text);

    private static List<Token> Tokenize(string expression)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '.') { tokens.Add(new(TokenKind.Dot, ".")); i++; continue; }
            if (c == '(') { tokens.Add(new(TokenKind.Open, "(")); i++; continue; }
            if (c == ')') { tokens.Add(new(TokenKind.Close, ")")); i++; continue; }
            if (Two("==")) { tokens.Add(new(TokenKind.Equal, "==")); i += 2; continue; }
            if (Two("!=")) { tokens.Add(new(TokenKind.NotEqual, "!=")); i += 2; continue; }
            if (Two("&&")) { tokens.Add(new(TokenKind.And, "&&")); i += 2; continue; }
            if (Two("||")) { tokens.Add(new(TokenKind.Or, "||")); i += 2; continue; }
            if (c is '"' or '\'')
            {
                var end = expression.IndexOf(c, i + 1);
                if (end < 0 || expression.IndexOf('\\', i + 1, end - i - 1) >= 0)
                {
                    throw new UnsupportedMatchExpressionException(expression, "string literals must be closed and without escapes");
                }
                tokens.Add(new(TokenKind.String, expression[(i + 1)..end]));
                i = end + 1;
                continue;
            }
            if (char.IsDigit(c) || (c == '-' && i + 1 < expression.Length && char.IsDigit(expression[i + 1])))
            {
                var start = i++;
                while (i < expression.Length && (char.IsDigit(expression[i]) || expression[i] == '.')) { i++; }
                tokens.Add(new(TokenKind.Number, expression[start..i]));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i++;
                while (i < expression.Length && (char.IsLetterOrDigit(expression[i]) || expression[i] == '_')) { i++; }
                var word = expression[start..i];
                tokens.Add(word switch
                {
                    "true" => new(TokenKind.True, word),
                    "false" => new(TokenKind.False, word),
                    _ => new(TokenKind.Identifier, word),
                });
                continue;
            }
            throw new UnsupportedMatchExpressionException(expression, $"unexpected '{c}'");

            bool Two(string op) => string.CompareOrdinal(expression, i, op, 0, 2) == 0;
        }
        return tokens;
    }

    private sealed class Parser(List<Token> tokens, string expression, JsonObject cloudEvent)
    {
        private int _position;

        public bool ParseOr()
        {
            var value = ParseAnd();
            while (Accept(TokenKind.Or))
            {
                var right = ParseAnd();
                value = value || right;
            }
            return value;
        }

        public void ExpectEnd()
        {
            if (_position != tokens.Count)
            {
                throw new UnsupportedMatchExpressionException(expression, $"unexpected '{tokens[_position].Text}'");
            }
        }

        private bool ParseAnd()
        {
            var value = ParsePrimary();
            while (Accept(TokenKind.And))
            {
                var right = ParsePrimary();
                value = value && right;
            }
            return value;
        }

        private bool ParsePrimary()
        {
            if (Accept(TokenKind.Open))
            {
                var inner = ParseOr();
                if (!Accept(TokenKind.Close))
                {
                    throw new UnsupportedMatchExpressionException(expression, "missing ')'");
                }
                return inner;
            }
            var left = ParseOperand();
            var equal = Accept(TokenKind.Equal);
            if (!equal && !Accept(TokenKind.NotEqual))
            {
                throw new UnsupportedMatchExpressionException(expression, "only == and != comparisons are supported");
            }
            var right = ParseOperand();
            if (left.IsPath == right.IsPath)
            {
                throw new UnsupportedMatchExpressionException(expression, "compare an event attribute with a literal");
            }
            var (path, literal) = left.IsPath ? (left, right) : (right, left);
            var same = Same(path.Value, literal.Value);
            return equal ? same : !same;
        }

        private Operand ParseOperand()
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.String:
                    return new Operand(false, JsonValue.Create(token.Text));
                case TokenKind.Number:
                    return new Operand(false, JsonValue.Create(decimal.Parse(token.Text, CultureInfo.InvariantCulture)));
                case TokenKind.True:
                case TokenKind.False:
                    return new Operand(false, JsonValue.Create(token.Kind == TokenKind.True));
                case TokenKind.Identifier when token.Text == "event":
                    JsonNode? node = cloudEvent;
                    while (Accept(TokenKind.Dot))
                    {
                        var member = Next();
                        if (member.Kind != TokenKind.Identifier)
                        {
                            throw new UnsupportedMatchExpressionException(expression, "expected an attribute name after '.'");
                        }
                        node = node is JsonObject obj && obj.TryGetPropertyValue(member.Text, out var child) ? child : null;
                    }
                    return new Operand(true, node);
                default:
                    throw new UnsupportedMatchExpressionException(expression, $"unexpected '{token.Text}'");
            }
        }

        private static bool Same(JsonNode? attribute, JsonNode? literal)
        {
            if (attribute is not JsonValue value || literal is not JsonValue expected)
            {
                return false;
            }
            return value.GetValueKind() switch
            {
                JsonValueKind.String => expected.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == expected.GetValue<string>(),
                JsonValueKind.Number => expected.GetValueKind() == JsonValueKind.Number && value.GetValue<decimal>() == expected.GetValue<decimal>(),
                JsonValueKind.True or JsonValueKind.False => expected.GetValueKind() == value.GetValueKind(),
                _ => false,
            };
        }

        private Token Next() =>
            _position < tokens.Count
                ? tokens[_position++]
                : throw new UnsupportedMatchExpressionException(expression, "unexpected end");

        private bool Accept(TokenKind kind)
        {
            if (_position < tokens.Count && tokens[_position].Kind == kind)
            {
                _position++;
                return true;
            }
            return false;
        }

        private readonly record struct Operand(bool IsPath, JsonNode? Value);
    }
}

public sealed class UnsupportedMatchExpressionException(string expression, string reason)
    : Exception($"the emulator cannot evaluate the routing rule '{expression}': {reason}");
