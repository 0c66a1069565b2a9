namespace CrmSuite.Documents.Api.Attachments;

/// <summary>Documents:Uploads: how big a file may be and how it is stored.</summary>
public sealed class UploadOptions
{
    public const string Section = "Documents:Uploads";

    /// <summary>The largest file accepted (default 50 MB); the gateway's upload route allows the same.</summary>
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// Bytes per stored row (default 1 MiB): small enough that a row never strains the server's
    /// memory while streaming, large enough that a 50 MB file is 50 rows.
    /// </summary>
    public int ChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>At most this much extracted text is kept for search (a long contract's text fits).</summary>
    public int MaxTextChars { get; set; } = 1_000_000;
}
