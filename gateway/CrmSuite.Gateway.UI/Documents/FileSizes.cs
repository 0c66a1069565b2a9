using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Localization;
using Google.Protobuf.WellKnownTypes;

namespace CrmSuite.Gateway.UI.Documents;

/// <summary>How a file's size and upload time read on screen.</summary>
public static class FileSizes
{
    public static string Format(UiText text, long bytes) => bytes switch
    {
        < 1024 => text.Format(Texts.Files.Bytes, bytes),
        < 1024 * 1024 => text.Format(Texts.Files.Kilobytes, bytes / 1024.0),
        _ => text.Format(Texts.Files.Megabytes, bytes / (1024.0 * 1024)),
    };

    /// <summary>The service sends ISO 8601 UTC; null when it is missing or unreadable.</summary>
    public static Timestamp? UploadedAt(Attachment file) =>
        DateTimeOffset.TryParse(file.UploadedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? Timestamp.FromDateTimeOffset(at)
            : null;
}
