using System.IO.Compression;
using System.Text.Unicode;

namespace CrmSuite.Documents.Api.Attachments;

/// <summary>
/// What a file is, from its bytes (magic numbers), never from the uploader's Content-Type or the
/// file's extension: a program renamed to "invoice.pdf" is still a program, and is refused.
/// </summary>
public static class ContentSniffer
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Zip = "application/zip";
    public const string Text = "text/plain";
    public const string Binary = "application/octet-stream";

    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int HeaderBytes = 512;

    /// <summary>The kinds a browser may show inline: images and PDF (no script runs in them).</summary>
    private static readonly HashSet<string> Previewable = ["image/png", "image/jpeg", "image/gif", "image/webp", Pdf];

    public sealed record Verdict(string ContentType, string? ProgramKind);

    public static bool CanPreview(string contentType) => Previewable.Contains(contentType);

    /// <summary>The content type of a file that starts with <paramref name="header"/>; <see cref="Verdict.ProgramKind"/> is set for executables.</summary>
    public static Verdict Sniff(ReadOnlySpan<byte> header, string fileName)
    {
        if (ProgramKind(header) is { } program)
        {
            return new Verdict(Binary, program);
        }
        return new Verdict(header switch
        {
            _ when header.StartsWith("%PDF-"u8) => Pdf,
            _ when header.StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }) => "image/png",
            _ when header.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) => "image/jpeg",
            _ when header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8) => "image/gif",
            _ when header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8) => "image/webp",
            _ when header.StartsWith("PK\x03\x04"u8) => Zip,
            _ when header.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }) => OleKind(fileName),
            _ when LooksLikeText(header) => TextKind(fileName),
            _ => Binary,
        }, null);
    }

    /// <summary>A ZIP container told apart by what is inside it: Word, Excel, PowerPoint, or a plain archive.</summary>
    public static string ZipKind(Stream file)
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            return names.Contains("word/document.xml") ? Docx
                : names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal)) ? Xlsx
                : names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal)) ? Pptx
                : Zip;
        }
        catch (InvalidDataException)
        {
            return Binary;
        }
    }

    private static string? ProgramKind(ReadOnlySpan<byte> header) => header switch
    {
        _ when header.StartsWith("MZ"u8) => "Windows program (MZ/PE)",
        _ when header.StartsWith(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }) => "Linux program (ELF)",
        _ when header.StartsWith(new byte[] { 0xFE, 0xED, 0xFA, 0xCE }) || header.StartsWith(new byte[] { 0xFE, 0xED, 0xFA, 0xCF })
            || header.StartsWith(new byte[] { 0xCE, 0xFA, 0xED, 0xFE }) || header.StartsWith(new byte[] { 0xCF, 0xFA, 0xED, 0xFE }) => "macOS program (Mach-O)",
        _ when header.StartsWith("#!"u8) => "script (#!)",
        _ => null,
    };

    /// <summary>Legacy Office files share one container format; the extension only names which one.</summary>
    private static string OleKind(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".doc" => "application/msword",
        ".xls" => "application/vnd.ms-excel",
        ".ppt" => "application/vnd.ms-powerpoint",
        _ => "application/x-ole-storage",
    };

    private static string TextKind(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => "text/csv",
        _ => Text,
    };

    /// <summary>No NUL byte and valid UTF-8 (a multi-byte character cut at the end of the header is fine).</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> header)
    {
        if (header.Length == 0 || header.Contains((byte)0))
        {
            return false;
        }
        var cut = header.Length;
        // Step back over a UTF-8 sequence the header may have cut in two.
        for (var i = 1; i <= 3 && i <= header.Length; i++)
        {
            if ((header[^i] & 0xC0) != 0x80)
            {
                if (header[^i] >= 0xC0)
                {
                    cut = header.Length - i;
                }
                break;
            }
        }
        return Utf8.IsValid(header[..cut]);
    }
}
