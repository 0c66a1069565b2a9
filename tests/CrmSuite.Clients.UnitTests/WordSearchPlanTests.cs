using CrmSuite.Clients.Api.Companies;

namespace CrmSuite.Clients.UnitTests;

public sealed class WordSearchPlanTests
{
    [Fact]
    public void The_longest_word_drives_and_the_others_are_checked()
    {
        var plan = WordSearchPlan.For("ООО «Ромаш")!;
        Assert.Equal(["ромаш"], plan.Driving);
        Assert.Equal(["ооо"], plan.Others);
    }

    [Fact]
    public void A_number_is_one_word_and_a_leading_8_is_also_read_as_plus_7()
    {
        var plan = WordSearchPlan.For("8 (495) 12")!;
        Assert.Equal(["849512", "749512"], plan.Driving);
        Assert.Empty(plan.Others);
        Assert.Equal(["7707"], WordSearchPlan.For("7707")!.Driving);
    }

    [Theory]
    [InlineData("ип")]
    [InlineData("ип ао")]
    [InlineData("77")]
    public void Words_too_short_for_the_index_leave_the_search_to_the_full_text_match(string query) =>
        Assert.Null(WordSearchPlan.For(query));

    [Fact]
    public void Single_letters_beside_longer_words_are_ignored()
    {
        var plan = WordSearchPlan.For("a стройка b")!;
        Assert.Equal(["стройка"], plan.Driving);
        Assert.Empty(plan.Others);
    }
}
