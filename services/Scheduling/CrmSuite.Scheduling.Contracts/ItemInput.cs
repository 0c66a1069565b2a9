using Google.Protobuf.Collections;

namespace CrmSuite.Scheduling.Contracts;

/// <summary>
/// The fields a create and an update both send, so the server checks them with one set of rules.
/// Both requests are generated partial classes; this only names what they have in common.
/// </summary>
public interface IItemInput
{
    string Title { get; }
    string Description { get; }
    string Start { get; }
    string End { get; }
    string TimeZone { get; }
    bool AllDay { get; }
    Priority Priority { get; }
    string AssigneeUserId { get; }
    RepeatedField<string> WatcherUserIds { get; }
    RepeatedField<ChecklistEntry> Checklist { get; }
    bool ResultRequired { get; }
    string Place { get; }
    string OnlineLink { get; }
    RepeatedField<string> ParticipantUserIds { get; }
    RepeatedField<string> ParticipantContactIds { get; }
    string CompanyId { get; }
    string ContactId { get; }
    string DealId { get; }
    string LeadId { get; }
    string Recurrence { get; }
    RepeatedField<string> RecurrenceExceptions { get; }
    RepeatedField<int> ReminderMinutesBefore { get; }
}

public sealed partial class CreateItemRequest : IItemInput;

public sealed partial class UpdateItemRequest : IItemInput;
