using System.Collections.Concurrent;
using System.Globalization;
using Fluid;

namespace CrmSuite.Scheduling.Api.Processes.Model;

/// <summary>What an e-mail step's templates see: the instance's variables by name, and its record.</summary>
public sealed record MailModel(IReadOnlyDictionary<string, string> Variables, string RecordName, Guid? CompanyId, Guid? DealId, Guid? LeadId);

/// <summary>
/// The e-mail step's subject and body: Liquid templates (Fluid), checked when the process is saved
/// and rendered when the step runs. The model is plain text values only — the instance's variables
/// (<c>{{ amount }}</c>) and <c>record.name</c>, <c>record.company_id</c>, <c>record.deal_id</c>,
/// <c>record.lead_id</c> — because Fluid is not a sandbox (it reaches whatever objects it is given).
/// The mail is plain text, so nothing is HTML-encoded. A variable the instance lacks renders empty
/// (variables differ between starts); bad syntax or an unknown filter is a compile problem.
/// </summary>
public static class MailTemplates
{
    private const int CacheLimit = 256;

    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithStrictFilters(true)
        .WithModelNamesComparer(StringComparer.Ordinal)
        .WithMaxSteps(10_000)
        .WithMaxOutputSize(100_000)
        .Build();

    /// <summary>Null when the template parses and renders with an empty model; else why not, for a person ("Line 2: …").</summary>
    public static string? Problem(string source)
    {
        if (!TryParse(source, out var template, out var error))
        {
            return error;
        }
        try
        {
            // An empty model: every variable is empty, so the filters a branch reaches are checked.
            template.Render(NewContext(new MailModel(new Dictionary<string, string>(), string.Empty, null, null, null)), NullEncoder.Default);
            return null;
        }
        catch (Exception e) when (e is FluidException or InvalidOperationException or ArgumentException or FormatException)
        {
            return FirstLine(e.Message);
        }
    }

    /// <summary>The text of a template that passed <see cref="Problem"/> when the process was saved.</summary>
    public static async Task<string> RenderAsync(string source, MailModel model, CancellationToken cancellationToken)
    {
        if (!TryParse(source, out var template, out var error))
        {
            throw new FluidException(error);
        }
        var context = NewContext(model);
        context.CancellationToken = cancellationToken;
        return await template.RenderAsync(context, NullEncoder.Default);
    }

    private static TemplateContext NewContext(MailModel model)
    {
        var context = new TemplateContext(Options) { CultureInfo = CultureInfo.InvariantCulture };
        foreach (var (name, value) in model.Variables)
        {
            context.SetValue(name, value);
        }
        context.SetValue("record", new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["name"] = model.RecordName,
            ["company_id"] = model.CompanyId?.ToString() ?? string.Empty,
            ["deal_id"] = model.DealId?.ToString() ?? string.Empty,
            ["lead_id"] = model.LeadId?.ToString() ?? string.Empty,
        });
        return context;
    }

    private static bool TryParse(string source, out IFluidTemplate template, out string error)
    {
        if (Parsed.TryGetValue(source, out template!))
        {
            error = string.Empty;
            return true;
        }
        if (!Parser.TryParse(source, out template, out error))
        {
            error = FirstLine(error);
            return false;
        }
        if (Parsed.Count >= CacheLimit)
        {
            Parsed.Clear();
        }
        Parsed[source] = template;
        return true;
    }

    /// <summary>Fluid's message without its source excerpt: "Expected an end tag at (2:5)" → "Line 2: Expected an end tag".</summary>
    private static string FirstLine(string message)
    {
        var text = message.Split('\n')[0].Trim();
        var at = text.LastIndexOf(" at (", StringComparison.Ordinal);
        if (at > 0 && text.EndsWith(')') && text[(at + 5)..^1].Split(':') is [var line, _])
        {
            return $"Line {line}: {text[..at]}";
        }
        return text;
    }
}
