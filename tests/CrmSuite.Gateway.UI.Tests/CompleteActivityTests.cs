using Bunit;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Radzen;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The Complete dialog: the result (required when the item says so) and "what next", saved together in one CompleteItem call.</summary>
public sealed class CompleteActivityTests : UiTest
{
    // Wednesday, 4 March 2026, 08:00 UTC.
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 8, 0, 0, TimeSpan.Zero);

    public CompleteActivityTests()
    {
        UseManualClock().SetUtcNow(Now);
        SignInWith(Permissions.SchedulingRead, Permissions.SchedulingWrite, Permissions.ClientsRead);
        var meeting = FakeSchedulingClient.Event("m-1", ItemKind.Meeting, "Kick-off with Alfa", "2026-03-04T10:00", "2026-03-04T11:00");
        meeting.ActivityTypeId = FakeActivityTypeListClient.Meeting.Id;
        meeting.ResultRequired = true;
        var call = FakeSchedulingClient.Event("c-1", ItemKind.Call, "Call Northwind back", "2026-03-04T15:30", "2026-03-04T15:45");
        call.ActivityTypeId = FakeActivityTypeListClient.Call.Id;
        call.ResultRequired = true;
        SchedulingApi.Stored.AddRange([meeting, call]);
    }

    /// <summary>The item's details as the calendar opens them, then its Complete action.</summary>
    private (IRenderedComponent<RadzenDialog> Dialogs, Task<bool> Closed) OpenComplete(string itemId)
    {
        var dialogs = Render<RadzenDialog>();
        var service = Services.GetRequiredService<DialogService>();
        var closed = dialogs.InvokeAsync(() => service.ShowItemAsync(Services.GetRequiredService<UiText>(), itemId));
        dialogs.WaitForElement("[data-testid=complete-item]").Click();
        dialogs.WaitForElement("[data-testid=complete-dialog]");
        return (dialogs, closed);
    }

    [Fact]
    public async Task Completing_a_meeting_with_its_result_plans_the_suggested_next_activity_in_the_same_call()
    {
        var (dialogs, closed) = OpenComplete("m-1");

        Assert.True(dialogs.FindComponent<RadzenCheckBox<bool>>().Instance.Value);
        Assert.Equal(new DateTime(2026, 3, 5, 10, 0, 0), dialogs.FindComponents<RadzenDatePicker<DateTime?>>().Last().Instance.Value);
        Assert.Equal("E-mail", dialogs.Find("[data-testid=complete-next-title]").GetAttribute("value"));
        Assert.Equal("E-mail", dialogs.Find("[data-testid=complete-next-type] .rz-dropdown-label").TextContent.Trim());
        dialogs.Find("[data-testid=item-result-input]").Change("They want the offer by Friday");
        dialogs.Find("[data-testid=complete-next-title]").Change("Send Alfa the offer");
        dialogs.Find("[data-testid=complete-confirm]").Click();

        Assert.True(await closed);
        var sent = Assert.Single(SchedulingApi.CompleteRequests);
        Assert.Equal(("m-1", "They want the offer by Friday", true, "type-email", "Send Alfa the offer", "2026-03-05T10:00"),
            (sent.Id, sent.Result, sent.PlanNext, sent.NextActivityTypeId, sent.NextTitle, sent.NextStart));
        Assert.Empty(dialogs.FindAll("[data-testid=complete-dialog]"));
        Assert.Contains(SchedulingApi.Stored, i => i.Title == "Send Alfa the offer" && i.Start == "2026-03-05T10:00");
    }

    [Fact]
    public async Task A_call_without_its_required_result_shows_the_services_refusal_at_the_result_and_completes_once_it_is_written()
    {
        var (dialogs, closed) = OpenComplete("c-1");

        Assert.Equal("Required: what came of it", dialogs.Find("[data-testid=complete-result-hint]").TextContent);
        // A call suggests no next type: nothing is planned unless the person asks; then the same type, tomorrow at the call's time.
        Assert.Empty(dialogs.FindAll("[data-testid=complete-next-type]"));
        dialogs.Find("[data-testid=complete-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("Required: write down what came of it.",
            dialogs.Find("[data-testid=complete-dialog] [data-testid=field-error-result]").TextContent));
        Assert.NotEmpty(dialogs.FindAll("[data-testid=complete-dialog]"));
        dialogs.Find("[data-testid=item-result-input]").Change("No answer, try again");
        await dialogs.InvokeAsync(() => dialogs.FindComponent<RadzenCheckBox<bool>>().Instance.ValueChanged.InvokeAsync(true));
        Assert.Equal("Call", dialogs.Find("[data-testid=complete-next-title]").GetAttribute("value"));
        dialogs.Find("[data-testid=complete-confirm]").Click();

        Assert.True(await closed);
        Assert.Equal(2, SchedulingApi.CompleteRequests.Count);
        var sent = SchedulingApi.CompleteRequests[1];
        Assert.Equal(("No answer, try again", true, "type-call", "Call", "2026-03-05T15:30"),
            (sent.Result, sent.PlanNext, sent.NextActivityTypeId, sent.NextTitle, sent.NextStart));
    }

    [Fact]
    public void A_refused_next_activity_shows_the_reason_at_its_field_and_nothing_is_completed()
    {
        SchedulingApi.OnComplete = _ => Calls.Fail<Item>(Calls.Invalid(("next_start", "The next activity cannot start before 2026-03-04.")));
        var (dialogs, _) = OpenComplete("m-1");

        dialogs.Find("[data-testid=item-result-input]").Change("Agreed");
        dialogs.Find("[data-testid=complete-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("The next activity cannot start before 2026-03-04.",
            dialogs.Find("[data-testid=complete-dialog] [data-testid=field-error-next_start]").TextContent));
        Assert.NotEmpty(dialogs.FindAll("[data-testid=complete-dialog]"));
        Assert.Equal(ItemStatus.Open, SchedulingApi.Stored.Single(i => i.Id == "m-1").Status);
    }

    [Fact]
    public void In_Russian_the_dialog_and_the_suggested_type_speak_Russian()
    {
        UseCulture("ru-RU");
        var (dialogs, _) = OpenComplete("m-1");

        Assert.Equal("Письмо", dialogs.Find("[data-testid=complete-next-title]").GetAttribute("value"));
        Assert.Contains("Запланировать следующее действие", dialogs.Find("[data-testid=complete-dialog]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Выполнить «Kick-off with Alfa»", dialogs.Markup, StringComparison.Ordinal);
    }
}
