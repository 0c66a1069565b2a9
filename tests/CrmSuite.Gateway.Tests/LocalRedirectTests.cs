using CrmSuite.BuildingBlocks.Web;

namespace CrmSuite.Gateway.Tests;

public sealed class LocalRedirectTests
{
    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    [InlineData(null)]
    public void Return_addresses_outside_the_site_become_the_home_page(string? url) =>
        Assert.Equal("/", CrmWeb.LocalOnly(url));

    [Theory]
    [InlineData("/clients")]
    [InlineData("/clients/01a2?tab=contacts")]
    public void Addresses_inside_the_site_are_kept(string url) =>
        Assert.Equal(url, CrmWeb.LocalOnly(url));
}
