namespace CrmSuite.Documents.Api.Rendering;

/// <summary>Fills a Word template's {{placeholders}} with a document's model (see the full implementation to come).</summary>
public sealed class DocxFiller
{
    public byte[] Fill(byte[] template, DocumentModel model) => throw new CrmSuite.BuildingBlocks.Errors.ValidationFailedException("template", "DOCX templates are not supported yet.");
}
