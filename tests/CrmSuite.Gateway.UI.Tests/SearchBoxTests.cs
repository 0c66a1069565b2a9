using Bunit;
using CrmSuite.Gateway.UI.Common;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The one search box every list and the merge dialog use.</summary>
public sealed class SearchBoxTests : UiTest
{
    [Fact]
    public async Task Typed_text_stays_in_the_box_and_one_search_runs_after_the_pause()
    {
        var clock = UseManualClock();
        var searches = new List<string>();
        var box = Render<SearchBox>(p => p
            .Add(b => b.Placeholder, "Find a client")
            .Add(b => b.TestId, "some-search")
            .Add(b => b.Search, (SearchInput search) => searches.Add(search.Query)));
        var input = box.Find("[data-testid=some-search]");

        await TypeAsync(box, () => input.Input("a"));
        clock.Advance(Debouncer.Typing / 2);
        await TypeAsync(box, () => input.Input("al"));
        clock.Advance(Debouncer.Typing / 2);
        await TypeAsync(box, () => input.Input(" alf "));
        clock.Advance(Debouncer.Typing - TimeSpan.FromMilliseconds(1));
        await box.InvokeAsync(() => { });

        Assert.Empty(searches);
        Assert.Equal(" alf ", box.Find("[data-testid=some-search]").GetAttribute("value"));

        clock.Advance(TimeSpan.FromMilliseconds(1));

        box.WaitForAssertion(() => Assert.Equal(["alf"], searches), Typing);
        Assert.Equal(" alf ", box.Find("[data-testid=some-search]").GetAttribute("value"));
    }

    [Fact]
    public async Task Letters_typed_while_a_search_is_on_its_way_are_kept_and_the_old_search_is_cancelled()
    {
        var clock = UseManualClock();
        var slowAnswer = new TaskCompletionSource();
        var tokens = new List<CancellationToken>();
        var box = Render<SearchBox>(p => p
            .Add(b => b.Placeholder, "Find a client")
            .Add(b => b.TestId, "some-search")
            .Add(b => b.Search, (SearchInput search) =>
            {
                tokens.Add(search.CancellationToken);
                return slowAnswer.Task;
            }));
        var input = box.Find("[data-testid=some-search]");

        await TypeAsync(box, () => input.Input("alf"));
        clock.Advance(Debouncer.Typing);
        box.WaitForAssertion(() => Assert.Single(tokens), Typing);

        await TypeAsync(box, () => input.Input("alfa"));

        Assert.Equal("alfa", box.Find("[data-testid=some-search]").GetAttribute("value"));
        Assert.True(tokens.Single().IsCancellationRequested);
    }

    [Fact]
    public void The_placeholder_names_the_box_for_screen_readers()
    {
        var box = Render<SearchBox>(p => p
            .Add(b => b.Placeholder, "Find a client")
            .Add(b => b.TestId, "some-search")
            .Add(b => b.Search, (SearchInput _) => { }));

        var input = box.Find("[data-testid=some-search]");
        Assert.Equal("Find a client", input.GetAttribute("placeholder"));
        Assert.Equal("Find a client", input.GetAttribute("aria-label"));
        Assert.Contains("crm-search", input.ClassList);
    }
}
