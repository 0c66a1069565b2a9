using CrmSuite.Gateway.UI.Paging;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class KeysetPagesTests
{
    [Fact]
    public void Going_forward_and_back_reuses_the_token_of_each_visited_page()
    {
        var pages = new KeysetPages();
        pages.Loaded("t2");
        pages.MoveNext();
        pages.Loaded("t3");
        pages.MoveNext();
        pages.Loaded("");

        Assert.Equal(("t3", 3, false), (pages.CurrentToken, pages.PageNumber, pages.HasNext));

        pages.MovePrevious();
        Assert.Equal(("t2", 2), (pages.CurrentToken, pages.PageNumber));

        pages.MovePrevious();
        Assert.Equal(("", 1, false), (pages.CurrentToken, pages.PageNumber, pages.HasPrevious));
    }

    [Fact]
    public void Next_does_nothing_on_the_last_page_and_reset_starts_over()
    {
        var pages = new KeysetPages();
        pages.Loaded("t2");
        pages.MoveNext();
        pages.Loaded("");

        pages.MoveNext();
        Assert.Equal(2, pages.PageNumber);

        pages.Reset();
        Assert.Equal(("", 1, false, false), (pages.CurrentToken, pages.PageNumber, pages.HasNext, pages.HasPrevious));
    }
}
