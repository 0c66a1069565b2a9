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

/// <summary>Saving the edit form of one occurrence of a recurring meeting asks what the change applies to and sends the choice with that occurrence.</summary>
public sealed class ItemFormSeriesScopeTests : UiTest
{
    public ItemFormSeriesScopeTests()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.SchedulingWrite, Permissions.ClientsRead);
        // Standup on Mondays and Thursdays at 10:00; Thursday 5 March was moved to 11:00 on its own.
        var standup = FakeSchedulingClient.Event("s-1", ItemKind.Meeting, "Standup", "2026-02-02T10:00", "2026-02-02T10:15");
        standup.Recurrence = "FREQ=WEEKLY;BYDAY=MO,TH";
        standup.ReminderMinutesBefore.Add(15);
        standup.OccurrenceOverrides.Add(new OccurrenceOverride { OriginalStart = "2026-03-05T10:00", Start = "2026-03-05T11:00", End = "2026-03-05T11:15" });
        SchedulingApi.Stored.Add(standup);
    }

    /// <summary>The details of the occurrence the person clicked, then its Edit action: the form opens on that occurrence.</summary>
    private (IRenderedComponent<RadzenDialog> Dialogs, Task<bool> Closed) EditOccurrence(string originalStart)
    {
        var dialogs = Render<RadzenDialog>();
        var service = Services.GetRequiredService<DialogService>();
        var closed = dialogs.InvokeAsync(() => service.ShowItemAsync(Services.GetRequiredService<UiText>(), "s-1", originalStart));
        dialogs.WaitForElement("[data-testid=edit-item]").Click();
        dialogs.WaitForElement("[data-testid=item-form]");
        return (dialogs, closed);
    }

    [Theory]
    [InlineData("series-scope-this", SeriesScope.ThisOccurrence)]
    [InlineData("series-scope-following", SeriesScope.ThisAndFollowing)]
    [InlineData("series-scope-all", SeriesScope.WholeSeries)]
    public async Task Saving_an_occurrence_asks_the_scope_and_sends_it_with_that_occurrences_times(string button, SeriesScope scope)
    {
        var (dialogs, closed) = EditOccurrence("2026-03-05T10:00");

        Assert.Equal(new DateTime(2026, 3, 5, 11, 0, 0), dialogs.FindComponents<RadzenDatePicker<DateTime?>>()[0].Instance.Value);
        dialogs.Find("[data-testid=item-title-input]").Change("Standup (long)");
        dialogs.Find("[data-testid=save-item]").Click();
        dialogs.WaitForElement($"[data-testid={button}]").Click();

        Assert.True(await closed);
        var sent = Assert.Single(SchedulingApi.UpdateRequests);
        Assert.Equal(("s-1", scope, "2026-03-05T10:00", "2026-03-05T11:00", "2026-03-05T11:15", "Standup (long)"),
            (sent.Id, sent.Scope, sent.OccurrenceStart, sent.Start, sent.End, sent.Title));
        Assert.Equal([15], sent.ReminderMinutesBefore);
    }

    [Fact]
    public void Closing_the_question_saves_nothing_and_keeps_the_form_open()
    {
        var (dialogs, _) = EditOccurrence("2026-03-09T10:00");

        Assert.Equal(new DateTime(2026, 3, 9, 10, 15, 0), dialogs.FindComponents<RadzenDatePicker<DateTime?>>()[1].Instance.Value);
        dialogs.Find("[data-testid=save-item]").Click();
        dialogs.WaitForElement("[data-testid=series-scope-cancel]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=series-scope-dialog]")));
        Assert.Empty(SchedulingApi.UpdateRequests);
        Assert.NotEmpty(dialogs.FindAll("[data-testid=item-form]"));
    }
}
