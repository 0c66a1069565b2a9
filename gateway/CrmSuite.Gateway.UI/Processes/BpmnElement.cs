namespace CrmSuite.Gateway.UI.Processes;

/// <summary>
/// The element selected on the canvas, as bpmn-interop.js describes it: its BPMN type, our crm:*
/// attributes (<see cref="BpmnTypes"/> names them), its event definition and a flow's condition.
/// </summary>
public sealed record BpmnElement(
    string Id,
    string Type,
    string Name,
    IReadOnlyDictionary<string, string> Attributes,
    BpmnEventDefinition? EventDefinition,
    string? Condition,
    string? SourceType,
    bool IsDefault,
    string? AttachedTo,
    bool? Interrupting)
{
    public string Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : "";

    public bool IsTimer => EventDefinition?.Type == BpmnTypes.TimerDefinition;
}

/// <summary>An event's one definition: a timer's duration, date or cycle, a message start's message name.</summary>
public sealed record BpmnEventDefinition(string Type, string? TimeDuration, string? TimeDate, string? TimeCycle, string? MessageName);

/// <summary>An element's state on an instance's diagram (the viewer colours it).</summary>
public sealed record BpmnElementState(string ElementId, string State);

/// <summary>BPMN type names and our attribute names, as the engine reads them (Processes/Model/ProcessDefinition.cs, CrmBpmn).</summary>
public static class BpmnTypes
{
    public const string StartEvent = "bpmn:StartEvent";
    public const string EndEvent = "bpmn:EndEvent";
    public const string UserTask = "bpmn:UserTask";
    public const string ServiceTask = "bpmn:ServiceTask";
    public const string SendTask = "bpmn:SendTask";
    public const string ExclusiveGateway = "bpmn:ExclusiveGateway";
    public const string ParallelGateway = "bpmn:ParallelGateway";
    public const string IntermediateCatchEvent = "bpmn:IntermediateCatchEvent";
    public const string BoundaryEvent = "bpmn:BoundaryEvent";
    public const string SequenceFlow = "bpmn:SequenceFlow";
    public const string TimerDefinition = "bpmn:TimerEventDefinition";
    public const string MessageDefinition = "bpmn:MessageEventDefinition";

    public const string Assignee = "assignee";
    public const string DueIn = "dueIn";
    public const string Reminders = "reminders";
    public const string TaskType = "taskType";
    public const string Action = "action";
    public const string EmailTo = "emailTo";
    public const string EmailSubject = "emailSubject";
    public const string EmailBody = "emailBody";
    public const string StageId = "stageId";
    public const string DocumentTemplateId = "documentTemplateId";
    public const string WebhookUrl = "webhookUrl";
    public const string OnLate = "onLate";

    /// <summary>The message names of the starts the engine knows (the trigger choice).</summary>
    public const string LeadCreated = "lead.created";
    public const string DealStageChanged = "deal.stageChanged";
    public const string CompanyCreated = "company.created";

    /// <summary>Each service action's own settings: choosing another action clears the rest.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ActionSettings = new Dictionary<string, string[]>
    {
        ["email"] = [EmailTo, EmailSubject, EmailBody],
        ["setDealStage"] = [StageId],
        ["createDocument"] = [DocumentTemplateId],
        ["webhook"] = [WebhookUrl],
    };

    /// <summary>A new process: one manual start event, drawn so the editor opens on something.</summary>
    public const string BlankDiagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                          xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:crm="http://crmsuite.dev/schema/bpmn/1.0"
                          id="Definitions_1" targetNamespace="http://crmsuite.dev/processes">
          <bpmn:process id="Process_1" isExecutable="true">
            <bpmn:startEvent id="StartEvent_1" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="BPMNDiagram_1">
            <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1">
              <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
                <dc:Bounds x="180" y="160" width="36" height="36" />
              </bpmndi:BPMNShape>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;
}
