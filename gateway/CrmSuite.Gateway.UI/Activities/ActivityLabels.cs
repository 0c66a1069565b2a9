using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Gateway.UI.Activities;

/// <summary>How activity types, reminders and plan days read to a person (names in their language, never ids).</summary>
public static class ActivityLabels
{
    /// <summary>Reminders offered on a type's form; a type's own other values are offered beside them.</summary>
    public static readonly IReadOnlyList<int> ReminderPresets = [5, 10, 15, 30, 60, 120, 24 * 60, 2 * 24 * 60, 7 * 24 * 60];

    /// <summary>The name in the person's language, else the other one (a type may be named in one language only).</summary>
    public static string Name(ActivityType type, UiText text) =>
        (text.IsRussian ? type.NameRu : type.NameEn) is { Length: > 0 } name ? name : text.IsRussian ? type.NameEn : type.NameRu;

    /// <summary>The name of the type with this id among <paramref name="types"/>, or a plain word when it is not there (archived).</summary>
    public static string Name(string typeId, IEnumerable<ActivityType> types, UiText text) =>
        types.FirstOrDefault(t => t.Id == typeId) is { } type ? Name(type, text) : text[Texts.Activities.UnknownType];

    public static string Reminder(int minutes, UiText text) => minutes switch
    {
        >= 24 * 60 when minutes % (24 * 60) == 0 => text.Format(Texts.Activities.DaysBefore, minutes / (24 * 60)),
        >= 60 when minutes % 60 == 0 => text.Format(Texts.Activities.HoursBefore, minutes / 60),
        _ => text.Format(Texts.Activities.MinutesBefore, minutes),
    };

    public static string Reminders(IEnumerable<int> minutes, UiText text) =>
        minutes.Any() ? string.Join(", ", minutes.Order().Select(m => Reminder(m, text))) : text[Texts.Activities.NoReminders];

    public static Text Assignee(PlanAssignee assignee) =>
        assignee == PlanAssignee.Manager ? Texts.Activities.AssigneeManager : Texts.Activities.AssigneeCaller;

    /// <summary>
    /// The day a step lands on when the plan is applied from <paramref name="start"/>, as the service
    /// plans it: the offset in days, and off a weekend to the Monday when asked.
    /// </summary>
    public static DateOnly StepDay(DateOnly start, int dayOffset, bool skipWeekends)
    {
        var day = start.AddDays(dayOffset);
        return !skipWeekends ? day : day.DayOfWeek switch
        {
            DayOfWeek.Saturday => day.AddDays(2),
            DayOfWeek.Sunday => day.AddDays(1),
            _ => day,
        };
    }
}

/// <summary>One entry of a drop-down: the value sent and the words shown.</summary>
public sealed record Choice<T>(T Value, string Text);
