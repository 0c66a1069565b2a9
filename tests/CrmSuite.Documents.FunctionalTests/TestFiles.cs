using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>Real files of each kind, made by the test: a PDF (PdfPig), a DOCX (Open XML SDK), a PNG, a Windows program.</summary>
public static class TestFiles
{
    /// <summary>A one-page PDF with <paramref name="lines"/> (Latin: the standard fonts have no Cyrillic).</summary>
    public static byte[] Pdf(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var i = 0; i < lines.Length; i++)
        {
            page.AddText(lines[i], 12, new PdfPoint(50, 750 - (20 * i)), font);
        }
        return builder.Build();
    }

    /// <summary>A Word document with one paragraph per line.</summary>
    public static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(text => new Paragraph(new Run(new Text(text))))));
        }
        return stream.ToArray();
    }

    /// <summary>A 1×1 PNG image.</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>The start of a Windows program (MZ header, DOS stub text), padded: what a renamed .exe looks like.</summary>
    public static byte[] WindowsProgram()
    {
        var bytes = new byte[4096];
        "MZ"u8.CopyTo(bytes);
        "This program cannot be run in DOS mode."u8.CopyTo(bytes.AsSpan(0x4E));
        return bytes;
    }

    /// <summary><paramref name="size"/> bytes that compress to nothing useful, reproducible from <paramref name="seed"/>.</summary>
    public static byte[] Random(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        // Not a program by accident.
        bytes[0] = (byte)'R';
        return bytes;
    }
}
