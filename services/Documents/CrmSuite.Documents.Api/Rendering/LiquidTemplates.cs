using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using CrmSuite.BuildingBlocks.Errors;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Options;

namespace CrmSuite.Documents.Api.Rendering;

/// <summary>
/// HTML + Liquid (Fluid) templates rendered with a <see cref="DocumentModel"/>. Fluid is not a
/// sandbox, so templates reach only the model's DTOs, member by member, named in snake_case
/// (<c>{{ seller.name }}</c>, <c>{% for line in lines %}</c>); output is HTML-encoded; steps and
/// output are bounded. Strict: an unknown variable, member or filter and bad syntax are a
/// <see cref="ValidationFailedException"/> on "template" naming the line ("Line 12: …").
/// Filters of ours: <c>money</c> (1 234,56 in Russian, 1,234.56 in English), <c>quantity</c> (1,5 / 1.5), <c>long_date</c>
/// (6 декабря 2026 г. / December 6, 2026), <c>short_date</c> (06.12.2026 / 12/06/2026).
/// </summary>
public sealed partial class LiquidTemplates
{
    public const string Field = "template";
    private const int CacheLimit = 256;

    private static readonly Type[] ModelTypes =
        [typeof(DocumentModel), typeof(PartyModel), typeof(ContactModel), typeof(DealModel), typeof(LineModel), typeof(TotalsModel), typeof(PaymentQrModel)];

    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>Encodes markup characters only: Cyrillic stays readable in the HTML.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly FluidParser _parser = new();
    private readonly TemplateOptions _options;
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);

    public LiquidTemplates(IOptions<RenderingOptions> options)
    {
        var limits = options.Value;
        _options = new TemplateOptionsBuilder()
            // Not WithStrictVariables: it also refuses a member that is merely empty (a buyer without a KPP).
            .WithUndefined((name, _) => throw new FluidException($"Undefined variable '{name}'"))
            .WithStrictFilters(true)
            .WithModelNamesComparer(StringComparer.Ordinal)
            .WithMaxSteps(limits.MaxSteps)
            .WithMaxOutputSize(limits.MaxOutputChars)
            .ConfigureMemberAccess(RegisterModelMembers)
            .AddFilter("money", Money)
            .AddFilter("quantity", Quantity)
            .AddFilter("long_date", (input, _, context) => Date(input, context, "long"))
            .AddFilter("short_date", (input, _, context) => Date(input, context, "short"))
            .Build();
    }

    /// <summary>The culture a document's language prints numbers and dates in.</summary>
    public static CultureInfo CultureFor(string language) =>
        language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Russian;

    /// <summary>Parses a template, or a 400 on "template" naming the line of the syntax error.</summary>
    public IFluidTemplate Parse(string source)
    {
        if (_parsed.TryGetValue(source, out var cached))
        {
            return cached;
        }
        IFluidTemplate template;
        try
        {
            template = _parser.Parse(source);
        }
        catch (ParseException exception)
        {
            var line = exception.Position?.Line ?? 1;
            throw new ValidationFailedException(Field, $"Line {line}: {FirstSentence(exception.Message)}");
        }
        if (_parsed.Count >= CacheLimit)
        {
            _parsed.Clear();
        }
        _parsed[source] = template;
        return template;
    }

    /// <summary>Renders the template's HTML with the model, or a 400 on "template" naming the line of an unknown name.</summary>
    public async Task<string> RenderAsync(string source, DocumentModel model, CancellationToken cancellationToken)
    {
        var template = Parse(source);
        var context = new TemplateContext(model, _options) { CultureInfo = CultureFor(model.Language), CancellationToken = cancellationToken };
        try
        {
            return await template.RenderAsync(context, Encoder);
        }
        catch (FluidException exception)
        {
            throw new ValidationFailedException(Field, Locate(source, exception.Message));
        }
        catch (InvalidOperationException exception) when (exception.Message.StartsWith("The maximum", StringComparison.Ordinal))
        {
            throw new ValidationFailedException(Field, "The template runs too long or writes too much: " + exception.Message);
        }
    }

    /// <summary>"Undefined variable 'nam'" becomes "Line 7: Undefined variable 'nam'" (the first line whose Liquid markup names it).</summary>
    internal static string Locate(string source, string message)
    {
        var match = UndefinedName().Match(message);
        if (!match.Success)
        {
            return message;
        }
        var name = Regex.Escape(match.Groups["name"].Value);
        var usage = match.Groups["kind"].Value == "filter"
            ? new Regex(@"\|\s*" + name + @"(?![\w-])", RegexOptions.CultureInvariant)
            : new Regex(@"(?<![\w-])" + name + @"(?![\w-])", RegexOptions.CultureInvariant);
        foreach (Match markup in Markup().Matches(source))
        {
            var use = usage.Match(markup.Value);
            if (use.Success)
            {
                var line = 1 + source.AsSpan(0, markup.Index + use.Index).Count('\n');
                return $"Line {line}: {message}";
            }
        }
        return message;
    }

    private static string FirstSentence(string message)
    {
        var text = message.Split('\n')[0].Trim();
        var at = text.LastIndexOf(" at (", StringComparison.Ordinal);
        return at > 0 ? text[..at] : text;
    }

    private static void RegisterModelMembers(MemberAccessStrategy strategy)
    {
        foreach (var type in ModelTypes)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                strategy.Register(type, SnakeCase(property.Name), new PropertyMember(property));
            }
        }
    }

    internal static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));

    private static ValueTask<FluidValue> Money(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input.IsNil()
            ? new ValueTask<FluidValue>(StringValue.Empty)
            : new ValueTask<FluidValue>(StringValue.Create(input.ToNumberValue(context).ToString("N2", context.CultureInfo)));

    private static ValueTask<FluidValue> Quantity(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input.IsNil()
            ? new ValueTask<FluidValue>(StringValue.Empty)
            : new ValueTask<FluidValue>(StringValue.Create(input.ToNumberValue(context).ToString("#,##0.###", context.CultureInfo)));

    private static ValueTask<FluidValue> Date(FluidValue input, TemplateContext context, string style)
    {
        DateTime? date = input.ToObjectValue(context) switch
        {
            DateOnly d => d.ToDateTime(TimeOnly.MinValue),
            DateTime d => d,
            DateTimeOffset d => d.DateTime,
            _ => null,
        };
        if (date is not { } value)
        {
            return new ValueTask<FluidValue>(StringValue.Empty);
        }
        var english = context.CultureInfo.TwoLetterISOLanguageName == "en";
        var format = (style, english) switch
        {
            ("long", false) => "d MMMM yyyy 'г.'",
            ("long", true) => "MMMM d, yyyy",
            (_, false) => "dd.MM.yyyy",
            _ => "MM/dd/yyyy",
        };
        return new ValueTask<FluidValue>(StringValue.Create(value.ToString(format, context.CultureInfo)));
    }

    [GeneratedRegex(@"Undefined (?<kind>variable|filter) '(?<name>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex UndefinedName();

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Markup();

    /// <summary>One property of a model DTO; dates become Liquid dates.</summary>
    private sealed class PropertyMember(PropertyInfo property) : MemberAccessor
    {
        public override ValueTask<FluidValue> GetAsync(object obj, string name, TemplateContext context)
        {
            var value = property.GetValue(obj);
            return new ValueTask<FluidValue>(value is DateOnly date ? PlainDateTimeValue.Create(date) : FluidValue.Create(value, context.Options));
        }
    }
}
