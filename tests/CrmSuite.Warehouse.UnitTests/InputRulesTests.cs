using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Warehouse.Api.Validation;

namespace CrmSuite.Warehouse.UnitTests;

public sealed class InputRulesTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("0.001", 0.001)]
    [InlineData(" 12.5 ", 12.5)]
    [InlineData("1000000000", 1000000000)]
    public void Quantities_with_up_to_three_decimals_are_read_exactly(string text, double expected)
    {
        var errors = new FieldErrors();
        Assert.Equal((decimal)expected, InputRules.Quantity(errors, "quantity", text));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData("0", "greater than 0")]
    [InlineData("-1", "greater than 0")]
    [InlineData("0.0001", "at most 3 decimals")]
    [InlineData("1,5", "must be a number")]
    [InlineData("1e3", "must be a number")]
    [InlineData("1000000000.001", "at most 1000000000")]
    public void Bad_quantities_are_refused_with_a_reason(string text, string reason)
    {
        var errors = new FieldErrors();
        Assert.Null(InputRules.Quantity(errors, "lines[0].quantity", text));
        var error = Assert.Single(Assert.Throws<ValidationFailedException>(errors.ThrowIfAny).Errors);
        Assert.Equal("lines[0].quantity", error.Field);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Numbers_are_written_without_trailing_zeros_and_money_with_two_decimals()
    {
        Assert.Equal(("12.5", "12.50", "0.1235"), (Numbers.Qty(12.500m), Numbers.Money(12.5m), Numbers.Cost(0.12346m)));
    }
}
