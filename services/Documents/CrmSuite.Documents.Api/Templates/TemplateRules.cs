using CrmSuite.BuildingBlocks.Errors;

namespace CrmSuite.Documents.Api.Templates;

/// <summary>What a template may be: its document types, languages, kinds and sizes.</summary>
public static class TemplateRules
{
    public const string Html = "html";
    public const string DocxKind = "docx";
    public const int MaxNameLength = 200;
    public const int MaxBodyChars = 1_000_000;
    public const int MaxDocxBytes = 10 * 1024 * 1024;

    public static readonly IReadOnlyList<string> DocumentTypes = ["invoice", "contract", "act", "offer", "invoice_en", "quote_en"];
    public static readonly IReadOnlyList<string> Languages = ["ru", "en"];
    public static readonly IReadOnlyList<string> Kinds = [Html, DocxKind];

    public static string ContentType(string kind) =>
        kind == DocxKind ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "application/pdf";

    public static string Extension(string kind) => kind == DocxKind ? ".docx" : ".pdf";

    /// <summary>Checks the fields of a template being saved; every bad field is named at once.</summary>
    public static void Validate(FieldErrors errors, string name, string documentType, string language, string kind, string? body, byte[]? docx)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            errors.Add("name", $"Required, at most {MaxNameLength} characters.");
        }
        if (!DocumentTypes.Contains(documentType))
        {
            errors.Add("document_type", "One of: " + string.Join(", ", DocumentTypes) + ".");
        }
        if (!Languages.Contains(language))
        {
            errors.Add("language", "One of: " + string.Join(", ", Languages) + ".");
        }
        if (!Kinds.Contains(kind))
        {
            errors.Add("kind", "One of: " + string.Join(", ", Kinds) + ".");
        }
        else if (kind == Html && (string.IsNullOrWhiteSpace(body) || body.Length > MaxBodyChars))
        {
            errors.Add("body", $"Required for an HTML template, at most {MaxBodyChars} characters.");
        }
        else if (kind == DocxKind && (docx is null || docx.Length == 0 || docx.Length > MaxDocxBytes))
        {
            errors.Add("docx", $"Required for a DOCX template: the Word file, at most {MaxDocxBytes / 1024 / 1024} MB.");
        }
    }
}
