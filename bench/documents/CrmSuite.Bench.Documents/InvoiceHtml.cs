using CrmSuite.Documents.Api.Rendering;
using CrmSuite.Documents.Api.Templates;

namespace CrmSuite.Bench.Documents;

/// <summary>
/// The bench's invoice: the built-in Russian invoice template with its line loop repeated, so the
/// service's sample invoice (2 lines) prints as a realistic 10-row invoice; and its HTML rendered
/// by the service's own Liquid code with the service's own sample document — what the service's
/// preview prints, byte for byte.
/// </summary>
public static class InvoiceHtml
{
    private const string LineLoop = "{% for line in lines %}";

    public static async Task<int> WriteAsync(string templatePath, string htmlPath, int copies)
    {
        var source = BuiltInTemplates.Source("invoice-ru");
        var start = source.IndexOf(LineLoop, StringComparison.Ordinal);
        var end = start < 0 ? -1 : source.IndexOf("{% endfor %}", start, StringComparison.Ordinal);
        if (end < 0)
        {
            Console.Error.WriteLine("The built-in invoice template has no '{% for line in lines %} … {% endfor %}' loop any more.");
            return 1;
        }
        end += "{% endfor %}".Length;
        var template = source[..start] + $"{{% for copy in (1..{copies}) %}}" + source[start..end] + "{% endfor %}" + source[end..];
        var model = SampleDocuments.For("invoice", "ru");
        var html = await new LiquidTemplates(Microsoft.Extensions.Options.Options.Create(new RenderingOptions())).RenderAsync(template, model, CancellationToken.None);
        await File.WriteAllTextAsync(templatePath, template);
        await File.WriteAllTextAsync(htmlPath, html);
        Console.WriteLine($"invoice: {model.Lines.Count * copies} rows, template {template.Length} chars, HTML {html.Length} chars");
        return 0;
    }
}
