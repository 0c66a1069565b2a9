using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Gateway.UI.Processes;

/// <summary>Words and links for an instance: its state, its record.</summary>
internal static class InstanceLabels
{
    public static Text State(ProcessInstanceState state) => state switch
    {
        ProcessInstanceState.Completed => Texts.Processes.StateCompleted,
        ProcessInstanceState.Cancelled => Texts.Processes.StateCancelled,
        ProcessInstanceState.Failed => Texts.Processes.StateFailed,
        _ => Texts.Processes.StateRunning,
    };

    public static Radzen.BadgeStyle StateStyle(ProcessInstanceState state) => state switch
    {
        ProcessInstanceState.Completed => Radzen.BadgeStyle.Success,
        ProcessInstanceState.Cancelled => Radzen.BadgeStyle.Light,
        ProcessInstanceState.Failed => Radzen.BadgeStyle.Danger,
        _ => Radzen.BadgeStyle.Info,
    };

    /// <summary>Where the record's card is; null for an instance without one.</summary>
    public static string? RecordLink(ProcessRecord? record) => record switch
    {
        { CompanyId.Length: > 0 } => $"clients/{record.CompanyId}",
        { LeadId.Length: > 0 } => $"leads/{record.LeadId}",
        { DealId.Length: > 0 } => "deals",
        _ => null,
    };

    /// <summary>What kind of card the record is, for a record whose name is not known.</summary>
    public static Text RecordKind(ProcessRecord record) => record switch
    {
        { CompanyId.Length: > 0 } => Texts.Processes.RecordCompany,
        { LeadId.Length: > 0 } => Texts.Processes.RecordLead,
        _ => Texts.Processes.RecordDeal,
    };

    public static string ElementState(ProcessElementState state) => state switch
    {
        ProcessElementState.Done => "done",
        ProcessElementState.Active => "active",
        ProcessElementState.Late => "late",
        ProcessElementState.Failed => "failed",
        _ => "",
    };
}
