using CrmSuite.Clients.Api.Companies;

namespace CrmSuite.Clients.UnitTests;

public sealed class SearchTermsTests
{
    [Fact]
    public void Words_become_prefix_terms_that_must_all_match()
    {
        var terms = SearchTerms.Parse("ООО «Ромаш");
        Assert.Equal("ооо:* & ромаш:*", terms.NamePrefixQuery);
        Assert.Null(terms.Digits);
    }

    [Fact]
    public void A_phone_typed_with_the_trunk_prefix_also_matches_the_plus7_form()
    {
        var terms = SearchTerms.Parse("8 (495) 12");
        Assert.Equal("849512", terms.Digits);
        Assert.Equal("+849512", terms.PhonePrefix);
        Assert.Equal("+749512", terms.TrunkPhonePrefix);
    }

    [Fact]
    public void Fewer_than_three_digits_do_not_search_numbers() =>
        Assert.Null(SearchTerms.Parse("77").Digits);

    [Fact]
    public void Punctuation_cannot_inject_tsquery_operators()
    {
        var terms = SearchTerms.Parse("a|b & !c:*");
        Assert.Equal("a:* & b:* & c:*", terms.NamePrefixQuery);
    }

    [Fact]
    public void Text_without_spaces_is_also_an_email_prefix() =>
        Assert.Equal("info@rom", SearchTerms.Parse("Info@Rom").EmailPrefix);

    [Fact]
    public void Only_punctuation_is_an_empty_search()
    {
        Assert.True(SearchTerms.Parse("«»").IsEmpty);
        Assert.True(SearchTerms.Parse(" - ").IsEmpty);
    }
}
