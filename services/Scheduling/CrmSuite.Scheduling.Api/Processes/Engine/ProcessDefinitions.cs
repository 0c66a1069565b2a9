using System.Collections.Concurrent;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Api.Processes.Storage;

namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>Compiles BPMN XML into what the engine runs (the compiler is pure and deterministic).</summary>
public class ProcessCompiler
{
    public virtual CompileResult Compile(string xml) => BpmnCompiler.Compile(xml);
}

/// <summary>
/// The compiled definition of each published version, compiled once per process lifetime: a
/// version is immutable, so its compiled form never goes stale.
/// </summary>
public sealed class ProcessDefinitions(ProcessCompiler compiler)
{
    private readonly ConcurrentDictionary<Guid, ProcessDefinition> _versions = new();

    /// <summary>The definition of a version compiled before, or null (then read the version and call <see cref="For"/>).</summary>
    public ProcessDefinition? Cached(Guid versionId) => _versions.GetValueOrDefault(versionId);

    public ProcessDefinition For(ProcessVersion version) =>
        _versions.GetOrAdd(version.Id, _ => compiler.Compile(version.Xml) is { Succeeded: true } result
            ? result.Definition!
            : throw new InvalidOperationException($"Published version {version.Number} of process {version.ProcessId} no longer compiles."));
}
