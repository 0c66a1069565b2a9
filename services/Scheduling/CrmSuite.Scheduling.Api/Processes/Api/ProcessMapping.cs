using CrmSuite.Scheduling.Api.Processes.Engine;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Api.Processes.Storage;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using ProcessInstanceMessage = CrmSuite.Scheduling.Contracts.ProcessInstance;
using ProcessMessage = CrmSuite.Scheduling.Contracts.Process;
using ProcessVersionMessage = CrmSuite.Scheduling.Contracts.ProcessVersion;

namespace CrmSuite.Scheduling.Api.Processes.Api;

internal static class ProcessMapping
{
    public static ProcessProblem ToMessage(this CompileProblem problem, bool english) => new()
    {
        ElementId = problem.ElementId, ElementName = problem.ElementName, Code = problem.Code,
        Message = problem.MessageIn(english ? Bilingual.EnglishCulture : Bilingual.RussianCulture),
    };

    /// <summary>What starts a compiled process, in words (the compiler's TriggerWords), times in the company's zone.</summary>
    public static IEnumerable<string> Triggers(ProcessDefinition? definition, bool english, TimeZoneInfo zone) =>
        definition is null ? [] : TriggerWords.Describe(definition, english ? Bilingual.EnglishCulture : Bilingual.RussianCulture, zone: zone);

    public static ProcessMessage ToMessage(this Storage.Process process, CompileResult draft, Storage.ProcessVersion? published, ProcessDefinition? publishedDefinition,
        int running, bool english, TimeZoneInfo zone)
    {
        var message = new ProcessMessage
        {
            Id = process.Id.ToString(), Name = process.Name, DraftXml = process.DraftXml, PublishedVersion = process.PublishedVersion,
            OwnerId = process.OwnerUserId, OwnerName = process.OwnerName, Archived = process.Archived, RunningInstances = running,
            Version = process.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), UpdatedAt = Timestamp.FromDateTimeOffset(process.UpdatedAt),
            PublishedAt = published is null ? null : Timestamp.FromDateTimeOffset(published.PublishedAt),
            DraftChanged = published is null || published.Xml != process.DraftXml,
            StartsByHand = publishedDefinition?.StartEvents.Any(s => s.Trigger == TriggerKind.Manual) ?? false,
        };
        message.DraftProblems.AddRange(draft.Problems.Select(p => p.ToMessage(english)));
        message.Triggers.AddRange(Triggers(publishedDefinition ?? draft.Definition, english, zone));
        return message;
    }

    public static ProcessVersionMessage ToMessage(this Storage.ProcessVersion version, ProcessDefinition definition, bool english, TimeZoneInfo zone)
    {
        var message = new ProcessVersionMessage
        {
            ProcessId = version.ProcessId.ToString(), Number = version.Number, Xml = version.Xml,
            PublishedAt = Timestamp.FromDateTimeOffset(version.PublishedAt), PublishedByName = version.PublishedByName,
        };
        message.Triggers.AddRange(Triggers(definition, english, zone));
        return message;
    }

    public static ProcessInstanceState ToMessage(this InstanceState state) => state switch
    {
        InstanceState.Running => ProcessInstanceState.Running,
        InstanceState.Completed => ProcessInstanceState.Completed,
        InstanceState.Cancelled => ProcessInstanceState.Cancelled,
        _ => ProcessInstanceState.Failed,
    };

    public static ProcessInstanceMessage ToMessage(this Storage.ProcessInstance instance, string processName, ProcessDefinition definition,
        IEnumerable<ProcessToken> tokens, DateTimeOffset now, bool english)
    {
        var open = tokens.Where(t => t.State is TokenState.Ready or TokenState.Waiting or TokenState.Failed).ToList();
        var message = new ProcessInstanceMessage
        {
            Id = instance.Id.ToString(), ProcessId = instance.ProcessId.ToString(), ProcessName = processName, VersionNumber = instance.VersionNumber,
            State = instance.State.ToMessage(),
            Record = new ProcessRecord
            {
                CompanyId = instance.CompanyId?.ToString() ?? string.Empty, DealId = instance.DealId?.ToString() ?? string.Empty,
                LeadId = instance.LeadId?.ToString() ?? string.Empty, Name = instance.RecordName,
            },
            StartedAt = Timestamp.FromDateTimeOffset(instance.StartedAt),
            EndedAt = instance.EndedAt is { } ended ? Timestamp.FromDateTimeOffset(ended) : null,
            Late = instance.State == InstanceState.Running && open.Any(t => t.State == TokenState.Waiting && t.TaskItemId is not null && t.DueAt < now),
            StartedBy = instance.StartedByUserId is null ? ProcessText.Trigger(instance.Trigger).In(english) : ProcessText.StartedBy(instance.StartedByName).In(english),
        };
        message.ActiveSteps.AddRange(open.Select(t => definition.Nodes.TryGetValue(t.ElementId, out var node) ? node.Name : t.ElementId).Distinct());
        return message;
    }
}
