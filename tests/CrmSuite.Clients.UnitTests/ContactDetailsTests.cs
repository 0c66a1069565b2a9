using CrmSuite.Clients.Api.Companies;

namespace CrmSuite.Clients.UnitTests;

public sealed class ContactDetailsTests
{
    [Theory]
    [InlineData("8 (495) 123-45-67", "+74951234567")]
    [InlineData("+7 495 123 45 67", "+74951234567")]
    [InlineData("4951234567", "+74951234567")]
    [InlineData("8-903-111-22-33", "+79031112233")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+1 (206) 555-0100", "+12065550100")]
    public void Phones_are_stored_in_E164_however_they_are_typed(string typed, string expected)
    {
        Assert.True(ContactDetails.TryNormalizePhone(typed, out var e164, out var error), error);
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("+7 495")]
    [InlineData("call me")]
    [InlineData("+999 123 456 789")]
    public void Numbers_that_cannot_be_dialled_are_refused(string typed)
    {
        Assert.False(ContactDetails.TryNormalizePhone(typed, out _, out var error));
        Assert.Contains("Phone", error);
    }

    [Theory]
    [InlineData("Info@Romashka.RU", "info@romashka.ru")]
    [InlineData("  sales@example.com ", "sales@example.com")]
    public void Emails_are_trimmed_and_lower_cased(string typed, string expected)
    {
        Assert.True(ContactDetails.TryNormalizeEmail(typed, out var email, out _));
        Assert.Equal(expected, email);
    }

    [Theory]
    [InlineData("bad")]
    [InlineData("name@localhost")]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("a b@example.com")]
    [InlineData("a@example.")]
    public void Malformed_emails_are_refused(string typed) =>
        Assert.False(ContactDetails.TryNormalizeEmail(typed, out _, out _));

    [Fact]
    public void Overlong_emails_are_refused_naming_the_limit()
    {
        var email = new string('a', 250) + "@x.ru";
        Assert.False(ContactDetails.TryNormalizeEmail(email, out _, out var error));
        Assert.Contains("254", error);
    }
}
