using Bunit;
using CrmSuite.Gateway.UI.Security;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>
/// Where the focus goes after a navigation. Blazor's FocusOnNavigate focused the heading from the
/// server whatever the person was doing; the browser itself now decides, with the person's focus
/// in view (the browser test types into the search box while the server is slow).
/// </summary>
public sealed class FocusAfterNavigationTests : UiTest
{
    public FocusAfterNavigationTests() => SignInWith(Permissions.ClientsRead);

    [Fact]
    public void A_new_page_asks_the_browser_to_focus_its_heading_only_if_the_person_is_not_in_a_field()
    {
        Interactive();
        Navigation.NavigateTo("clients");

        var routes = Render<Routes>();

        routes.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == "focusIfUnfocused"));
        Assert.Equal("h1", JSInterop.Invocations.Single(i => i.Identifier == "focusIfUnfocused").Arguments.Single());
        // Never Blazor's unconditional focus, which took the focus from the search box.
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier.Contains("focusBySelector", StringComparison.Ordinal));
    }

    [Fact]
    public void Rendering_the_same_page_again_does_not_move_the_focus_again()
    {
        Interactive();
        Navigation.NavigateTo("clients");
        var routes = Render<Routes>();
        routes.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == "focusIfUnfocused"));

        Navigation.NavigateTo("clients?q=alfa");
        routes.Render();

        Assert.Single(JSInterop.Invocations, i => i.Identifier == "focusIfUnfocused");
    }
}
