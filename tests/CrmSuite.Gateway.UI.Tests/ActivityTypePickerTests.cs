using Bunit;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The item form's activity type: chosen by name, it sets the kind and fills the type's defaults that the person has not set themselves.</summary>
public sealed class ActivityTypePickerTests : UiTest
{
    public ActivityTypePickerTests() => SignInWith(Permissions.SchedulingRead, Permissions.SchedulingWrite, Permissions.ClientsRead);

    /// <summary>The form of a new item for a clicked slot, Thursday 5 March 14:00-14:30 in Berlin.</summary>
    private IRenderedComponent<ItemForm> RenderForm() => Render<ItemForm>(p => p
        .Add(f => f.Start, new DateTime(2026, 3, 5, 14, 0, 0)).Add(f => f.End, new DateTime(2026, 3, 5, 14, 30, 0)).Add(f => f.ZoneId, "Europe/Berlin"));

    private static IReadOnlyList<string> TypesOffered(IRenderedComponent<ItemForm> form) =>
        [.. form.FindAll("[data-testid=item-type-input] .rz-dropdown-item").Select(i => i.TextContent.Trim())];

    private static void Choose(IRenderedComponent<ItemForm> form, string name) =>
        form.FindAll("[data-testid=item-type-input] .rz-dropdown-item").Single(i => i.TextContent.Trim() == name).Click();

    private CreateItemRequest Save(IRenderedComponent<ItemForm> form)
    {
        form.Find("[data-testid=save-item]").Click();
        form.WaitForAssertion(() => Assert.Single(SchedulingApi.CreateRequests));
        return SchedulingApi.CreateRequests.Single();
    }

    [Fact]
    public void Choosing_a_call_plans_a_call_of_that_type_with_its_length_reminder_and_required_result()
    {
        var form = RenderForm();
        form.WaitForAssertion(() => Assert.Equal(["Call", "Meeting", "E-mail", "Task"], TypesOffered(form)));

        Choose(form, "Call");

        Assert.Equal("Call", form.Find("[data-testid=item-title-input]").GetAttribute("value"));
        Assert.Contains("15 min before", form.Find("[data-testid=item-reminders-input]").TextContent, StringComparison.Ordinal);
        var sent = Save(form);
        Assert.Equal(("type-call", ItemKind.Call, "Call", "2026-03-05T14:00", "2026-03-05T14:15", true),
            (sent.ActivityTypeId, sent.Kind, sent.Title, sent.Start, sent.End, sent.ResultRequired));
        Assert.Equal([15], sent.ReminderMinutesBefore);
    }

    [Fact]
    public async Task What_the_person_set_themselves_stays_when_they_choose_a_type_and_a_task_type_makes_a_task()
    {
        var form = RenderForm();
        form.WaitForAssertion(() => Assert.Equal(4, TypesOffered(form).Count));
        form.Find("[data-testid=item-title-input]").Change("Kick-off with Alfa");
        var end = form.FindComponents<RadzenDatePicker<DateTime?>>()[1];
        await form.InvokeAsync(() => end.Instance.ValueChanged.InvokeAsync(new DateTime(2026, 3, 5, 16, 0, 0)));
        var reminders = form.FindComponent<RadzenDropDown<IEnumerable<int>>>();
        await form.InvokeAsync(() => reminders.Instance.ValueChanged.InvokeAsync(new[] { 1440 }));

        Choose(form, "Meeting");
        var meeting = Save(form);
        Assert.Equal(("type-meeting", ItemKind.Meeting, "Kick-off with Alfa", "2026-03-05T16:00", true),
            (meeting.ActivityTypeId, meeting.Kind, meeting.Title, meeting.End, meeting.ResultRequired));
        Assert.Equal([1440], meeting.ReminderMinutesBefore);

        var task = RenderForm();
        task.WaitForAssertion(() => Assert.Equal(4, TypesOffered(task).Count));
        Choose(task, "Task");
        SchedulingApi.CreateRequests.Clear();
        var sent = Save(task);
        Assert.Equal(("type-task", ItemKind.Task, "Task", "", false), (sent.ActivityTypeId, sent.Kind, sent.Title, sent.End, sent.ResultRequired));
        Assert.Equal([60], sent.ReminderMinutesBefore);
        Assert.Empty(task.FindAll("[data-testid=item-end-input]"));
    }

    [Fact]
    public void In_Russian_the_types_are_offered_by_their_Russian_names_never_by_code_and_archived_ones_are_not()
    {
        UseCulture("ru-RU");
        var form = RenderForm();

        form.WaitForAssertion(() => Assert.Equal(["Звонок", "Встреча", "Письмо", "Задача"], TypesOffered(form)));
        Choose(form, "Встреча");
        Assert.Equal("Встреча", form.Find("[data-testid=item-title-input]").GetAttribute("value"));
        Assert.Contains("За 1 ч", form.Find("[data-testid=item-reminders-input]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("meeting", form.Find("[data-testid=item-form]").TextContent, StringComparison.Ordinal);
    }
}
