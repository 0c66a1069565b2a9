using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;
using UglyToad.PdfPig.Writer;

namespace CrmSuite.Documents.Api.Rendering;

/// <summary>
/// One Chromium print of several documents that share a head (the same template: the same CSS), and
/// the split of its PDF back into one PDF per document. Chromium's cost per print is mostly fixed
/// (layout set-up, fonts, writing the PDF), so ten invoices printed as one cost about half as much
/// CPU each as ten printed one by one.
/// <para>
/// Each document's body goes into its own wrapper that ends with a forced page break, so every
/// document starts on a new page and a long one keeps all its pages. The wrapper begins with a
/// marker: a fully transparent PNG of an odd size (<see cref="MarkerWidth"/> × <see cref="MarkerHeight"/>),
/// positioned out of flow so the layout does not move. The split finds the pages that carry it — each
/// is a document's first page — and copies each range into its own PDF with PdfPig. An image is
/// neither visible nor text, so nothing of the marker shows or is found by search in the output.
/// Bookmarks from Chromium's outline were not used: the outline is built from headings (the
/// template's own as well as any marker heading), needs a tagged PDF (more work per print), and a
/// marker heading's text would be in the PDF's text.
/// </para>
/// <para>Public for the documents bench, whose bare-Chromium reference prints and splits the same way.</para>
/// </summary>
public static partial class CombinedPrint
{
    public const int MarkerWidth = 7;
    public const int MarkerHeight = 3;

    // A 7×3 PNG, RGBA, every pixel transparent.
    private const string MarkerPng =
        "iVBORw0KGgoAAAANSUhEUgAAAAcAAAADCAYAAABfwxXFAAAADElEQVR42mNgoAkAAABXAAHCmDURAAAAAElFTkSuQmCC";

    private const string Marker =
        "<img alt=\"\" src=\"data:image/png;base64," + MarkerPng + "\" style=\"position:absolute;width:1px;height:1px;margin:0;border:0;padding:0\">";

    /// <summary>
    /// The parts of a document's HTML that a combined print needs, or null when it must be printed on
    /// its own: no &lt;body&gt;, or CSS that would reach across documents in one page (position: fixed
    /// repeats on every page; page counters would count all documents' pages; body &gt; selectors would
    /// miss the wrapper; a &lt;style&gt; or &lt;link&gt; in the body would style the others).
    /// </summary>
    public static Parts? Parse(string html)
    {
        var body = BodyTag().Match(html);
        if (!body.Success)
        {
            return null;
        }
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        if (end < body.Index + body.Length)
        {
            return null;
        }
        var tail = html[(end + "</body>".Length)..].Trim();
        if (tail.Length > 0 && !tail.Equals("</html>", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var head = html[..(body.Index + body.Length)];
        var content = html[(body.Index + body.Length)..end];
        if (Unsafe().IsMatch(html.AsSpan(0, body.Index)) || Unsafe().IsMatch(content) || InBodyStyle().IsMatch(content))
        {
            return null;
        }
        var title = Title().Match(head);
        // The title differs per document (an invoice's number) but styles nothing: it is not part of the key.
        var key = title.Success ? head.Remove(title.Index, title.Length) : head;
        var text = title.Success ? WebUtility.HtmlDecode(title.Groups["text"].Value).Trim() : null;
        return new Parts(key, content, string.IsNullOrEmpty(text) ? null : text);
    }

    /// <summary>The documents' bodies under their shared head, each in a wrapper starting on its own page.</summary>
    public static string Compose(IReadOnlyList<Parts> documents)
    {
        var html = new StringBuilder(documents[0].Key, documents.Sum(d => d.Body.Length + 400) + documents[0].Key.Length);
        for (var i = 0; i < documents.Count; i++)
        {
            html.Append(i < documents.Count - 1 ? "<div style=\"break-after:page\">" : "<div>")
                .Append(Marker).Append(documents[i].Body).Append("</div>");
        }
        return html.Append("</body></html>").ToString();
    }

    /// <summary>
    /// Cuts the combined PDF into one PDF per document (titles: each document's &lt;title&gt;, as
    /// Chromium sets it when a document is printed alone), or null when the markers do not show
    /// exactly one first page per document in order (the caller prints them one by one instead).
    /// </summary>
    public static byte[][]? Split(byte[] pdf, IReadOnlyList<string?> titles)
    {
        using var combined = PdfDocument.Open(pdf);
        var starts = new List<int>();
        var pages = PageDictionaries(combined);
        if (pages.Count != combined.NumberOfPages)
        {
            return null;
        }
        for (var page = 1; page <= pages.Count; page++)
        {
            var markers = MarkerImages(combined, pages[page - 1]);
            if (markers > 1)
            {
                return null;
            }
            if (markers == 1)
            {
                starts.Add(page);
            }
        }
        if (starts.Count != titles.Count || (starts.Count > 0 && starts[0] != 1))
        {
            return null;
        }
        var files = new byte[titles.Count][];
        for (var i = 0; i < files.Length; i++)
        {
            var last = i + 1 < starts.Count ? starts[i + 1] - 1 : combined.NumberOfPages;
            using var builder = new PdfDocumentBuilder();
            for (var page = starts[i]; page <= last; page++)
            {
                builder.AddPage(combined, page);
            }
            builder.DocumentInformation.Title = titles[i];
            builder.DocumentInformation.Producer = "CrmSuite";
            files[i] = builder.Build();
        }
        return files;
    }

    /// <summary>
    /// The page dictionaries in order, read from the page tree without parsing any page's content
    /// (GetPage would read every glyph: the split would cost more than the print saves).
    /// </summary>
    private static List<DictionaryToken> PageDictionaries(PdfDocument document)
    {
        var scanner = document.Structure.TokenScanner;
        var pages = new List<DictionaryToken>();
        var pending = new Stack<DictionaryToken>();
        if (Get<DictionaryToken>(document.Structure.Catalog.CatalogDictionary, NameToken.Pages, scanner) is { } root)
        {
            pending.Push(root);
        }
        while (pending.TryPop(out var node) && pages.Count <= 10_000)
        {
            if (Get<ArrayToken>(node, NameToken.Kids, scanner) is { } kids)
            {
                for (var i = kids.Length - 1; i >= 0; i--)
                {
                    if (DirectObjectFinder.TryGet(kids[i], scanner, out DictionaryToken? kid) && kid is not null)
                    {
                        pending.Push(kid);
                    }
                }
            }
            else
            {
                pages.Add(node);
            }
        }
        return pages;
    }

    private static T? Get<T>(DictionaryToken dictionary, NameToken key, IPdfTokenScanner scanner)
        where T : class, IToken =>
        dictionary.TryGet(key, out var token) && DirectObjectFinder.TryGet(token, scanner, out T? value) ? value : null;

    /// <summary>How many of the page's image XObjects are the marker (Chromium lists only the resources a page uses).</summary>
    private static int MarkerImages(PdfDocument document, DictionaryToken page)
    {
        var scanner = document.Structure.TokenScanner;
        if (Get<DictionaryToken>(page, NameToken.Resources, scanner) is not { } resources
            || Get<DictionaryToken>(resources, NameToken.Xobject, scanner) is not { } objects)
        {
            return 0;
        }
        var count = 0;
        foreach (var value in objects.Data.Values)
        {
            if (DirectObjectFinder.TryGet(value, scanner, out StreamToken? stream) && stream?.StreamDictionary.Data is { } image
                && image.TryGetValue(NameToken.Subtype.Data, out var subtype) && subtype is NameToken { Data: "Image" }
                && image.TryGetValue(NameToken.Width.Data, out var width) && width is NumericToken { Int: MarkerWidth }
                && image.TryGetValue(NameToken.Height.Data, out var height) && height is NumericToken { Int: MarkerHeight })
            {
                count++;
            }
        }
        return count;
    }

    [GeneratedRegex(@"<body\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BodyTag();

    [GeneratedRegex(@"<title\b[^>]*>(?<text>.*?)</title\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Title();

    [GeneratedRegex(@"position\s*:\s*fixed|counter\s*\(\s*pages?\s*\)|(?<![<\w/-])body\s*>|:root\b", RegexOptions.IgnoreCase)]
    private static partial Regex Unsafe();

    [GeneratedRegex(@"<style\b|<link\b|<base\b|<meta\b", RegexOptions.IgnoreCase)]
    private static partial Regex InBodyStyle();

    /// <summary>A document's head up to and with its &lt;body&gt; tag, title left out (the key); its body; its title.</summary>
    public sealed record Parts(string Key, string Body, string? Title);
}
