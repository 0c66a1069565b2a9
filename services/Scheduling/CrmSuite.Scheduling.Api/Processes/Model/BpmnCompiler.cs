using System.Xml;
using System.Xml.Linq;

namespace CrmSuite.Scheduling.Api.Processes.Model;

/// <summary>
/// Compiles BPMN 2.0 XML (from our editor, bpmn.io or Camunda Modeler) into the executable
/// subset the engine runs, or reports every reason it cannot, each tied to its element, in
/// document order. Pure and deterministic: the same XML always gives the same result.
/// </summary>
/// <remarks>
/// Modeler extensions (camunda:, zeebe:, modeler:), diagram interchange (bpmndi), lanes,
/// documentation, text annotations, groups and data objects are read past. A plain
/// <c>bpmn:task</c> is a user task with the defaults (bpmn-js draws a plain task first, and a
/// person doing something is what a drawn box means); a terminate end event is refused.
/// </remarks>
public static class BpmnCompiler
{
    /// <summary>Larger files are refused unread: a drawn process is tens of kilobytes.</summary>
    public const int MaxXmlLength = 2_000_000;

    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace Crm = CrmBpmn.Namespace;

    // No DTD at all: entities (XXE, "billion laughs") never expand and nothing is fetched.
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxXmlLength,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public static CompileResult Compile(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
            return Refused(CompileProblems.NotXml, "The file is empty: a BPMN 2.0 XML file is expected", "Файл пуст: ожидается файл BPMN 2.0 XML");
        if (xml.Length > MaxXmlLength)
            return Refused(CompileProblems.TooLarge, $"The file is larger than {MaxXmlLength / 1_000_000} MB: a process diagram is much smaller",
                $"Файл больше {MaxXmlLength / 1_000_000} МБ: схема процесса намного меньше");

        XDocument document;
        try
        {
            // A byte order mark or a blank line before <?xml ...?> (a file read as text, a pasted diagram) is not an error of the drawing.
            using var reader = XmlReader.Create(new StringReader(xml.TrimStart('\uFEFF', ' ', '\t', '\r', '\n')), ReaderSettings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(CompileProblems.DtdRefused, "The file declares a DTD (<!DOCTYPE>), which is refused: save it again from a BPMN modeler",
                "В файле есть объявление DTD (<!DOCTYPE>), такие файлы не принимаются: сохраните его заново из редактора BPMN");
        }
        catch (XmlException e)
        {
            return Refused(CompileProblems.NotXml, $"The file is not XML (line {e.LineNumber}, position {e.LinePosition}): a BPMN 2.0 XML file is expected",
                $"Файл — не XML (строка {e.LineNumber}, позиция {e.LinePosition}): ожидается файл BPMN 2.0 XML");
        }

        if (document.Root is not { } root || root.Name != Bpmn + "definitions")
            return Refused(CompileProblems.NotBpmn, "The file is XML but not BPMN 2.0: its root must be <definitions> in the BPMN 2.0 namespace",
                "Файл — XML, но не BPMN 2.0: корневой элемент должен быть <definitions> в пространстве имён BPMN 2.0");

        return new BpmnCompilation(root).Run();
    }

    private static CompileResult Refused(string code, string en, string ru) => new(null, [new CompileProblem("", "", code, en, ru)]);
}
