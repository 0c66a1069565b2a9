using CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Gateway.UI.Activities;

/// <summary>An activity type being created or edited on the settings page.</summary>
public sealed class ActivityTypeDraft
{
    public string Id { get; init; } = "";
    public string Version { get; init; } = "";

    /// <summary>A built-in type's code: it keeps its kind and cannot be archived.</summary>
    public string Code { get; init; } = "";
    public string NameRu { get; set; } = "";
    public string NameEn { get; set; } = "";
    public ItemKind Kind { get; set; } = ItemKind.Task;
    public int DurationMinutes { get; set; }
    public IEnumerable<int> Reminders { get; set; } = [];
    public bool ResultRequired { get; set; }

    /// <summary>The suggested next type's id; empty for none.</summary>
    public string NextTypeId { get; set; } = "";
    public int NextInDays { get; set; }

    public bool BuiltIn => Code.Length > 0;

    public static ActivityTypeDraft From(ActivityType type) => new()
    {
        Id = type.Id, Version = type.Version, Code = type.Code, NameRu = type.NameRu, NameEn = type.NameEn, Kind = type.Kind,
        DurationMinutes = type.DefaultDurationMinutes, Reminders = [.. type.DefaultReminderMinutesBefore], ResultRequired = type.ResultRequired,
        NextTypeId = type.NextTypeId, NextInDays = type.NextInDays,
    };

    public ActivityTypeInput ToInput()
    {
        var input = new ActivityTypeInput
        {
            Id = Id, Version = Version, NameRu = NameRu.Trim(), NameEn = NameEn.Trim(), Kind = Kind, DefaultDurationMinutes = DurationMinutes,
            ResultRequired = ResultRequired, NextTypeId = NextTypeId, NextInDays = NextTypeId.Length > 0 ? NextInDays : 0,
        };
        input.DefaultReminderMinutesBefore.AddRange(Reminders.Order());
        return input;
    }
}

/// <summary>A plan being created or edited: its name and its steps in order.</summary>
public sealed class ActivityPlanDraft
{
    public string Id { get; init; } = "";
    public string Version { get; init; } = "";
    public string Name { get; set; } = "";
    public List<StepDraft> Steps { get; init; } = [];

    public sealed class StepDraft
    {
        public string ActivityTypeId { get; set; } = "";
        public string Title { get; set; } = "";
        public int DayOffset { get; set; }
        public PlanAssignee Assignee { get; set; } = PlanAssignee.Caller;
    }

    public static ActivityPlanDraft From(ActivityPlan plan) => new()
    {
        Id = plan.Id, Version = plan.Version, Name = plan.Name,
        Steps = [.. plan.Steps.Select(s => new StepDraft { ActivityTypeId = s.ActivityTypeId, Title = s.Title, DayOffset = s.DayOffset, Assignee = s.Assignee })],
    };

    public ActivityPlanInput ToInput()
    {
        var input = new ActivityPlanInput { Id = Id, Version = Version, Name = Name.Trim() };
        input.Steps.AddRange(Steps.Select(s => new PlanStep { ActivityTypeId = s.ActivityTypeId, Title = s.Title.Trim(), DayOffset = s.DayOffset, Assignee = s.Assignee }));
        return input;
    }
}
