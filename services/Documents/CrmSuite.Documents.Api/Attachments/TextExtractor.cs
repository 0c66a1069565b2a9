using System.Text;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;

namespace CrmSuite.Documents.Api.Attachments;

/// <summary>The text of a PDF (PdfPig), a DOCX (Open XML SDK) or a plain-text file, for search.</summary>
public sealed class TextExtractor(ILogger<TextExtractor> logger)
{
    /// <summary>The file's text, at most <paramref name="maxChars"/>; null for other kinds or when the file cannot be read (it is stored all the same).</summary>
    public string? Extract(Stream file, string contentType, int maxChars)
    {
        file.Position = 0;
        try
        {
            var text = contentType switch
            {
                ContentSniffer.Pdf => Pdf(file, maxChars),
                ContentSniffer.Docx => Docx(file, maxChars),
                ContentSniffer.Text or "text/csv" => Plain(file, maxChars),
                _ => null,
            };
            return string.IsNullOrWhiteSpace(text) ? null : text.Length > maxChars ? text[..maxChars] : text;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A damaged or encrypted file is still a file the person wants kept; it is just not searchable.
            logger.LogWarning(e, "No text could be read from a {ContentType} file", contentType);
            return null;
        }
    }

    private static string Pdf(Stream file, int maxChars)
    {
        using var pdf = PdfDocument.Open(file);
        var text = new StringBuilder();
        foreach (var page in pdf.GetPages())
        {
            text.AppendLine(string.Join(' ', page.GetWords().Select(w => w.Text)));
            if (text.Length >= maxChars)
            {
                break;
            }
        }
        return text.ToString();
    }

    private static string Docx(Stream file, int maxChars)
    {
        using var document = WordprocessingDocument.Open(file, isEditable: false);
        var text = new StringBuilder();
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null)
        {
            return string.Empty;
        }
        // Paragraph by paragraph, so words of neighbouring paragraphs (and table cells) do not run together.
        foreach (var paragraph in body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>())
        {
            text.AppendLine(paragraph.InnerText);
            if (text.Length >= maxChars)
            {
                break;
            }
        }
        return text.ToString();
    }

    private static string Plain(Stream file, int maxChars)
    {
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var buffer = new char[maxChars];
        var read = reader.ReadBlock(buffer, 0, maxChars);
        return new string(buffer, 0, read);
    }
}
