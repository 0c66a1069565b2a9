using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Scheduling.Contracts;
using ActivityTypesClient = CrmSuite.Scheduling.Contracts.ActivityTypes.ActivityTypesClient;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>The activity types the item form and the Complete dialog offer (scheduling's ActivityTypes, read only).</summary>
public sealed class ActivityFormsApi(ActivityTypesClient types)
{
    /// <summary>The types offered for new items (archived ones left out), built-in first, then by name.</summary>
    public async Task<IReadOnlyList<ActivityType>?> ListTypesAsync(ErrorState errors) =>
        (await ServiceCall.RunAsync(types.ListActivityTypesAsync(new ListActivityTypesRequest()), errors, default))?.Types_
            .Where(t => !t.Archived).ToList();

    /// <summary>The type's name in the person's language (the other one when that is empty): never its code.</summary>
    public static string NameOf(ActivityType type, UiText text) =>
        (text.IsRussian ? type.NameRu : type.NameEn) is { Length: > 0 } name ? name : text.IsRussian ? type.NameEn : type.NameRu;

    /// <summary>A reminder offset as a person says it: "15 min before", "1 h before", "2 days before".</summary>
    public static string ReminderText(int minutesBefore, UiText text) => minutesBefore switch
    {
        0 => text[Texts.ActivityForms.AtStart],
        1440 => text[Texts.ActivityForms.OneDayBefore],
        _ when minutesBefore % 1440 == 0 => text.Format(Texts.ActivityForms.DaysBefore, minutesBefore / 1440),
        _ when minutesBefore % 60 == 0 => text.Format(Texts.ActivityForms.HoursBefore, minutesBefore / 60),
        _ => text.Format(Texts.ActivityForms.MinutesBefore, minutesBefore),
    };
}
