using CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The activity types as the service lists them: the four built-in ones (as the migration seeds them) and an archived one.</summary>
internal sealed class FakeActivityTypeListClient : ActivityTypes.ActivityTypesClient
{
    public static readonly ActivityType Call = Type("type-call", "call", "Звонок", "Call", ItemKind.Call, 15, [15], resultRequired: true);
    public static readonly ActivityType Meeting = Type("type-meeting", "meeting", "Встреча", "Meeting", ItemKind.Meeting, 60, [60], resultRequired: true,
        next: "type-email", inDays: 1);
    public static readonly ActivityType Email = Type("type-email", "email", "Письмо", "E-mail", ItemKind.Task, 0, [], resultRequired: false);
    public static readonly ActivityType Task = Type("type-task", "task", "Задача", "Task", ItemKind.Task, 0, [60], resultRequired: false);

    public List<ActivityType> Types { get; } =
        [Call, Meeting, Email, Task, Type("type-old", "", "Старый вид", "Old kind", ItemKind.Task, 0, [], false, archived: true)];

    public override Grpc.Core.AsyncUnaryCall<ListActivityTypesResponse> ListActivityTypesAsync(ListActivityTypesRequest request, Grpc.Core.CallOptions options)
    {
        var response = new ListActivityTypesResponse();
        response.Types_.AddRange(Types.Where(t => request.IncludeArchived || !t.Archived).Select(t => t.Clone()));
        return Calls.Ok(response);
    }

    private static ActivityType Type(string id, string code, string ru, string en, ItemKind kind, int minutes, int[] reminders, bool resultRequired,
        string next = "", int inDays = 0, bool archived = false)
    {
        var type = new ActivityType
        {
            Id = id, Code = code, NameRu = ru, NameEn = en, Kind = kind, DefaultDurationMinutes = minutes, ResultRequired = resultRequired,
            NextTypeId = next, NextInDays = inDays, Archived = archived, Version = "1",
        };
        type.DefaultReminderMinutesBefore.AddRange(reminders);
        return type;
    }
}
