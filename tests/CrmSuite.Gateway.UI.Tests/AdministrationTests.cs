using Bunit;
using CrmSuite.Gateway.UI.Admin;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Identity.Contracts;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class AdministrationTests : UiTest
{
    public AdministrationTests() => SignInWith(Permissions.UsersManage);

    [Fact]
    public void Creating_a_user_shows_the_one_time_password_with_a_copy_it_now_warning()
    {
        var dialogs = Render<RadzenDialog>();
        var page = Render<UsersPage>();

        page.Find("[data-testid=new-user]").Click();
        dialogs.WaitForElement("[data-testid=user-name-input]").Change("ivanov");
        dialogs.Find("[data-testid=user-display-name-input]").Change("Ivan Ivanov");
        dialogs.Find("[data-testid=save-user]").Click();

        dialogs.WaitForAssertion(() =>
            Assert.Equal("one-time-secret", dialogs.Find("[data-testid=one-time-password]").TextContent));
        Assert.Contains(Texts.Common.ShownOnce.En, dialogs.Find("[data-testid=one-time-warning]").TextContent);
        var request = Assert.Single(AdministrationApi.CreateUserRequests);
        Assert.Equal(("ivanov", "Ivan Ivanov"), (request.UserName, request.DisplayName));
    }

    [Theory]
    [InlineData("done")]
    [InlineData("cross")]
    public void The_users_list_shows_a_new_user_once_the_password_dialog_is_closed(string closedWith)
    {
        AdministrationApi.OnListUsers = _ => Calls.Ok(new ListUsersResponse
        {
            Users = { AdministrationApi.CreateUserRequests.Select(r => new User { Id = "u-" + r.UserName, UserName = r.UserName, DisplayName = r.DisplayName }) },
        });
        var dialogs = Render<RadzenDialog>();
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=users-empty]")));

        page.Find("[data-testid=new-user]").Click();
        dialogs.WaitForElement("[data-testid=user-name-input]").Change("sidorova");
        dialogs.Find("[data-testid=user-display-name-input]").Change("Мария Сидорова");
        dialogs.Find("[data-testid=save-user]").Click();
        dialogs.WaitForElement("[data-testid=one-time-password]");
        // "Done", or the dialog's own close cross, which people use as often.
        dialogs.Find(closedWith == "done" ? "[data-testid=done]" : ".rz-dialog-titlebar-close").Click();

        page.WaitForAssertion(() => Assert.Contains("Мария Сидорова", page.Find("[data-testid=users-grid]").TextContent));
    }

    [Fact]
    public void A_refused_new_user_shows_the_violations_next_to_the_fields_and_no_password()
    {
        AdministrationApi.OnCreateUser = _ => Calls.Fail<UserWithPassword>(Calls.Invalid(("user_name", "This user name is taken.")));
        var dialog = Render<CreateUserDialog>(p => p.Add(d => d.Catalog, new AdminCatalog(AdministrationApi.Roles, [])));

        dialog.Find("[data-testid=user-name-input]").Change("admin");
        dialog.Find("[data-testid=save-user]").Click();

        dialog.WaitForAssertion(() =>
            Assert.Equal("This user name is taken.", dialog.Find("[data-testid=field-error-user_name]").TextContent));
        Assert.Empty(dialog.FindAll("[data-testid=one-time-password]"));
    }

    [Fact]
    public void Searching_users_asks_the_identity_service_with_the_typed_text()
    {
        AdministrationApi.OnListUsers = request => Calls.Ok(new ListUsersResponse
        {
            Users = { new User { Id = "u-1", UserName = request.Query.Length > 0 ? "petrov" : "admin" } },
        });
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.Contains("admin", page.Find("[data-testid=users-grid]").TextContent));

        page.Find("[data-testid=users-search]").Input("pet");

        page.WaitForAssertion(() => Assert.Contains("petrov", page.Find("[data-testid=users-grid]").TextContent), Typing);
        Assert.Equal("pet", AdministrationApi.ListUsersRequests.Last().Query);
    }

    [Fact]
    public void A_new_integration_shows_its_client_id_and_secret_once()
    {
        var dialog = Render<CreateIntegrationDialog>(p => p.Add(d => d.AvailablePermissions, ["clients.read"]));

        dialog.Find("[data-testid=integration-name-input]").Change("Website forms");
        dialog.Find("[data-testid=save-integration]").Click();

        dialog.WaitForAssertion(() =>
            Assert.Equal("integration-secret", dialog.Find("[data-testid=integration-secret]").TextContent));
        Assert.Equal("integration-1", dialog.Find("[data-testid=integration-client-id]").TextContent);
        Assert.NotNull(dialog.Find("[data-testid=one-time-warning]"));
    }

    [Fact]
    public void Roles_show_their_permissions_and_which_clients_they_see()
    {
        var page = Render<RolesPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=role-name]").Count));
        var grid = page.Find("[data-testid=roles-grid]").TextContent;
        Assert.Contains("Sales manager", grid);
        Assert.Contains("clients.write", grid);
        Assert.Contains(Texts.RolesPage.VisibilityOf("own").En, grid);
    }
}
