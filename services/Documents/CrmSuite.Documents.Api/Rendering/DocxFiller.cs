using System.Collections;
using System.Globalization;
using System.IO.Packaging;
using System.Reflection;
using System.Text.RegularExpressions;
using CrmSuite.BuildingBlocks.Errors;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CrmSuite.Documents.Api.Rendering;

/// <summary>
/// Fills a Word template with a document's model: <c>{{buyer.name}}</c>, <c>{{totals.in_words}}</c>
/// and the like (the names the HTML templates use), also where Word split a placeholder across
/// several runs (spell checking, a change of formatting); the text takes the formatting of the run
/// where the placeholder starts. A table row holding <c>{{line.…}}</c> placeholders is repeated
/// once per line. Amounts print as money of the document's language (1 234,56 / 1,234.56), dates
/// as 06.12.2026 / 12/06/2026. An unknown placeholder is a 400 on "template" naming the paragraph.
/// </summary>
public sealed partial class DocxFiller
{
    public const string Field = "template";
    private const string LoopVariable = "line";

    private static readonly Dictionary<Type, Dictionary<string, PropertyInfo>> Members = new[]
        { typeof(DocumentModel), typeof(PartyModel), typeof(ContactModel), typeof(DealModel), typeof(LineModel), typeof(TotalsModel), typeof(PaymentQrModel) }
        .ToDictionary(t => t, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => LiquidTemplates.SnakeCase(p.Name), StringComparer.Ordinal));

    /// <summary>Properties printed as counts or rates rather than money.</summary>
    private static readonly HashSet<string> PlainNumbers = [nameof(LineModel.Quantity), nameof(LineModel.VatRate), nameof(LineModel.Position)];

    public byte[] Fill(byte[] template, DocumentModel model)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        stream.Position = 0;
        try
        {
            using (var document = WordprocessingDocument.Open(stream, isEditable: true))
            {
                var main = document.MainDocumentPart?.Document?.Body
                    ?? throw new ValidationFailedException("docx", "Not a Word document: it has no body.");
                var roots = new List<OpenXmlElement> { main };
                roots.AddRange(document.MainDocumentPart!.HeaderParts.Select(h => (OpenXmlElement?)h.Header).OfType<OpenXmlElement>());
                roots.AddRange(document.MainDocumentPart!.FooterParts.Select(f => (OpenXmlElement?)f.Footer).OfType<OpenXmlElement>());
                var culture = LiquidTemplates.CultureFor(model.Language);
                Check(roots);
                foreach (var root in roots)
                {
                    Fill(root, model, culture);
                }
            }
            return stream.ToArray();
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException)
        {
            throw new ValidationFailedException("docx", "Not a Word document (.docx): " + e.Message);
        }
    }

    /// <summary>Every placeholder must name something of the model before anything is filled; the first that does not is reported with its paragraph.</summary>
    private static void Check(List<OpenXmlElement> roots)
    {
        var number = 0;
        foreach (var paragraph in roots.SelectMany(r => r.Descendants<Paragraph>()))
        {
            number++;
            var inLoop = paragraph.Ancestors<TableRow>().FirstOrDefault() is { } row && IsLoopRow(row);
            foreach (Match match in Placeholder().Matches(Text(paragraph)))
            {
                var path = match.Groups["path"].Value.Split('.');
                var type = path[0] == LoopVariable && inLoop ? typeof(LineModel) : typeof(DocumentModel);
                var rest = path[0] == LoopVariable && inLoop ? path.Skip(1) : path;
                if (!Resolves(type, rest))
                {
                    var hint = path[0] == LoopVariable ? " ({{line.…}} works inside a table row, repeated per line)" : string.Empty;
                    throw new ValidationFailedException(Field, $"Paragraph {number}: Unknown placeholder '{match.Value}'{hint}.");
                }
            }
        }
    }

    private static bool Resolves(Type type, IEnumerable<string> path)
    {
        Type? current = type;
        foreach (var name in path)
        {
            if (current is null || !Members.TryGetValue(current, out var members) || !members.TryGetValue(name, out var property))
            {
                return false;
            }
            current = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        // A list (lines) prints only through a row loop.
        return current is not null && (current == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(current));
    }

    private static void Fill(OpenXmlElement root, DocumentModel model, CultureInfo culture)
    {
        foreach (var row in root.Descendants<TableRow>().Where(IsLoopRow).ToList())
        {
            foreach (var line in model.Lines)
            {
                var copy = (TableRow)row.CloneNode(true);
                foreach (var paragraph in copy.Descendants<Paragraph>())
                {
                    Replace(paragraph, path => path[0] == LoopVariable ? Value(line, path.Skip(1), culture) : Value(model, path, culture));
                }
                row.InsertBeforeSelf(copy);
            }
            row.Remove();
        }
        foreach (var paragraph in root.Descendants<Paragraph>())
        {
            Replace(paragraph, path => Value(model, path, culture));
        }
    }

    private static bool IsLoopRow(TableRow row) =>
        row.Descendants<Paragraph>().Any(p => Placeholder().Matches(Text(p)).Any(m => m.Groups["path"].Value.StartsWith(LoopVariable + ".", StringComparison.Ordinal)));

    private static string Text(Paragraph paragraph) => string.Concat(paragraph.Descendants<Text>().Select(t => t.Text));

    /// <summary>Replaces each placeholder of a paragraph, however Word split it across runs: the value goes where it starts, the rest of it is cut from the runs after.</summary>
    private static void Replace(Paragraph paragraph, Func<string[], string> resolve)
    {
        var texts = paragraph.Descendants<Text>().ToList();
        var matches = Placeholder().Matches(string.Concat(texts.Select(t => t.Text)));
        for (var i = matches.Count - 1; i >= 0; i--)
        {
            var match = matches[i];
            var value = resolve(match.Groups["path"].Value.Split('.'));
            var position = 0;
            var first = true;
            foreach (var text in texts)
            {
                var start = position;
                var end = position + text.Text.Length;
                position = end;
                if (end <= match.Index || start >= match.Index + match.Length)
                {
                    continue;
                }
                var from = Math.Max(match.Index, start) - start;
                var to = Math.Min(match.Index + match.Length, end) - start;
                text.Text = text.Text[..from] + (first ? value : string.Empty) + text.Text[to..];
                text.Space = SpaceProcessingModeValues.Preserve;
                first = false;
            }
        }
    }

    private static string Value(object root, IEnumerable<string> path, CultureInfo culture)
    {
        object? value = root;
        PropertyInfo? last = null;
        foreach (var name in path)
        {
            if (value is null)
            {
                return string.Empty;
            }
            last = Members[value.GetType()][name];
            value = last.GetValue(value);
        }
        return value switch
        {
            null => string.Empty,
            decimal number when last is not null && PlainNumbers.Contains(last.Name) => number.ToString("#,##0.###", culture),
            decimal money => money.ToString("N2", culture),
            DateOnly date => date.ToString(culture.TwoLetterISOLanguageName == "en" ? "MM/dd/yyyy" : "dd.MM.yyyy", culture),
            IFormattable formattable => formattable.ToString(null, culture),
            _ => value.ToString() ?? string.Empty,
        };
    }

    [GeneratedRegex(@"\{\{\s*(?<path>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
