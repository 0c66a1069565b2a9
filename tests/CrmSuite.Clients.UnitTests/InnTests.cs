using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Clients.Api.Companies;

namespace CrmSuite.Clients.UnitTests;

public sealed class InnTests
{
    [Theory]
    [InlineData("7707083893")] // Sberbank
    [InlineData("7736207543")] // Yandex
    [InlineData("500100732259")] // a valid individual INN
    public void Real_organisation_and_individual_numbers_are_accepted(string inn) =>
        Assert.Null(Inn.Validate(inn));

    [Theory]
    [InlineData("7707083894", "check digits")]
    [InlineData("500100732258", "check digits")]
    [InlineData("500100732249", "check digits")]
    [InlineData("770708389", "10 digits")]
    [InlineData("77070838931", "10 digits")]
    [InlineData("77070838ab", "10 digits")]
    [InlineData("0000000000", "zeros")]
    public void Typos_and_wrong_lengths_are_refused_with_a_reason(string inn, string reason)
    {
        var error = Inn.Validate(inn);
        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("770708389")]
    [InlineData("5001007322")]
    public void Completing_a_stem_yields_a_number_that_validates(string stem)
    {
        var inn = Inn.Complete(stem);
        Assert.StartsWith(stem, inn);
        Assert.Null(Inn.Validate(inn));
    }

    [Fact]
    public void Completing_the_stem_of_a_known_number_reproduces_it() =>
        Assert.Equal("7707083893", Inn.Complete("770708389"));
}
