namespace CrmSuite.Documents.Api.Templates;

/// <summary>
/// A document template, kept as data: HTML + Liquid printed to PDF, or a DOCX made in Word with
/// {{placeholders}}. Built-in ones are seeded by the migration step and may be edited or archived
/// like any other; each save raises <see cref="Version"/> (also the optimistic-concurrency check).
/// </summary>
public sealed class Template
{
    public Guid Id { get; set; }
    public string Name { get; set; } = string.Empty;
    /// <summary>One of <see cref="TemplateRules.DocumentTypes"/>: invoice, contract, act, offer, invoice_en, quote_en.</summary>
    public string DocumentType { get; set; } = string.Empty;
    /// <summary>"ru" or "en": the language its money and dates print in.</summary>
    public string Language { get; set; } = "ru";
    /// <summary>"html" (Liquid, printed to PDF) or "docx" (Word, filled).</summary>
    public string Kind { get; set; } = TemplateRules.Html;
    /// <summary>The HTML + Liquid source (kind html).</summary>
    public string? Body { get; set; }
    /// <summary>The Word file (kind docx).</summary>
    public byte[]? Docx { get; set; }
    public int Version { get; set; } = 1;
    public bool BuiltIn { get; set; }
    public bool Archived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
