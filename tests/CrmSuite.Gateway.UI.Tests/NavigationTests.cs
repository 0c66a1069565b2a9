using Bunit;
using CrmSuite.Gateway.UI.Layout;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using Microsoft.AspNetCore.Components;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class NavigationTests : UiTest
{
    [Fact]
    public void Administration_is_hidden_without_users_manage()
    {
        SignInWith(Permissions.ClientsRead);

        var nav = Render<NavMenu>();

        Assert.NotNull(nav.Find("[data-testid=nav-clients]"));
        Assert.Empty(nav.FindAll("[data-testid=nav-admin]"));
        Assert.Empty(nav.FindAll("[data-testid=nav-admin-users]"));
    }

    [Fact]
    public void Administrators_see_every_administration_page()
    {
        SignInWith(Permissions.UsersManage);

        var nav = Render<NavMenu>();

        Assert.Equal(
            ["admin/users", "admin/roles", "admin/teams", "admin/integrations"],
            nav.FindAll("[data-testid^=nav-admin-]").Select(link => link.GetAttribute("href")));
        Assert.Empty(nav.FindAll("[data-testid=nav-clients]"));
    }

    [Fact]
    public void KPI_is_a_working_section_for_kpi_read_listed_after_the_calendar_and_documents()
    {
        SignInWith(Permissions.ClientsRead, Permissions.WarehouseRead, Permissions.SchedulingRead, Permissions.DocumentsRead, Permissions.KpiRead);

        var nav = Render<NavMenu>();

        Assert.Empty(nav.FindAll("[data-testid=nav-calendar-soon]"));
        Assert.Empty(nav.FindAll("[data-testid=nav-documents-soon]"));
        Assert.Empty(nav.FindAll("[data-testid=nav-kpi-soon]"));
        Assert.Empty(nav.FindAll("[data-testid=nav-coming]"));
        Assert.Empty(nav.FindAll("[data-testid=nav-clients-soon]"));
        var links = nav.FindAll("a").Select(a => a.GetAttribute("data-testid")).ToList();
        Assert.True(links.IndexOf("nav-warehouse") < links.IndexOf("nav-calendar"), string.Join(", ", links));
        Assert.True(links.IndexOf("nav-calendar") < links.IndexOf("nav-documents"), string.Join(", ", links));
        Assert.True(links.IndexOf("nav-documents") < links.IndexOf("nav-kpi"), string.Join(", ", links));
    }

    [Fact]
    public void Audit_is_hidden_without_audit_read()
    {
        SignInWith(Permissions.ClientsRead, Permissions.UsersManage);

        var nav = Render<NavMenu>();

        Assert.Empty(nav.FindAll("[data-testid=nav-audit]"));
    }

    [Fact]
    public void Directors_see_audit_alerts_without_the_log()
    {
        SignInWith(Permissions.ClientsRead, Permissions.AuditAlertsRead);
        AuditApi.OnListAlerts = _ => Fakes.Calls.Ok(new CrmSuite.Audit.Contracts.ListAlertsResponse
        {
            Alerts =
            {
                new CrmSuite.Audit.Contracts.Alert
                {
                    Id = 7, ActorId = "manager-oleg", ActorName = "Олег", ReadCount = 240, Threshold = 200,
                    RaisedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                    WindowStart = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)),
                    WindowEnd = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                },
            },
        });
        Navigation.NavigateTo("audit/alerts");

        Interactive();
        var routes = Render<Routes>();

        Assert.Empty(routes.FindAll("[data-testid=nav-audit]"));
        Assert.NotNull(routes.Find("[data-testid=nav-audit-alerts]"));
        routes.WaitForAssertion(() => Assert.Equal("Олег", routes.Find("[data-testid=audit-alert-actor]").TextContent));
        Assert.Equal("240", routes.Find("[data-testid=audit-alert-count]").TextContent);
    }

    [Fact]
    public void Without_alerts_permission_the_alerts_page_is_not_allowed()
    {
        SignInWith(Permissions.ClientsRead);
        Navigation.NavigateTo("audit/alerts");

        Interactive();
        var routes = Render<Routes>();

        Assert.Empty(routes.FindAll("[data-testid=nav-audit-alerts]"));
        Assert.Empty(routes.FindAll("[data-testid=audit-alerts-page]"));
    }

    [Fact]
    public void Auditors_see_the_audit_page_instead_of_coming_soon()
    {
        SignInWith(Permissions.AuditRead);
        Navigation.NavigateTo("audit");

        Interactive();
        var routes = Render<Routes>();

        Assert.NotNull(routes.Find("[data-testid=nav-audit]"));
        routes.WaitForAssertion(() => Assert.NotNull(routes.Find("[data-testid=audit-grid]")));
        Assert.Empty(routes.FindAll("[data-testid=coming-soon]"));
    }

    [Fact]
    public void Without_audit_read_the_audit_page_is_not_allowed()
    {
        SignInWith(Permissions.ClientsRead);
        Navigation.NavigateTo("audit");

        Interactive();
        var routes = Render<Routes>();

        Assert.NotNull(routes.Find("[data-testid=not-allowed]"));
        Assert.Empty(AuditApi.SearchRequests);
    }

    [Fact]
    public void A_page_refused_to_a_person_is_recorded_in_the_audit_log_once()
    {
        SignInWith(Permissions.ClientsRead);
        Navigation.NavigateTo("audit");

        Interactive();
        var routes = Render<Routes>();

        routes.WaitForAssertion(() => Assert.Equal(["audit"], AdministrationApi.RefusedPages));
        routes.Render();
        Assert.Single(AdministrationApi.RefusedPages);
    }

    [Fact]
    public void Every_area_has_a_link_even_before_its_module_exists()
    {
        SignInWith(Permissions.ClientsRead, Permissions.AuditRead, Permissions.WarehouseRead, Permissions.SchedulingRead, Permissions.DocumentsRead, Permissions.KpiRead);

        var nav = Render<NavMenu>();

        foreach (var area in new[] { "clients", "calendar", "warehouse", "documents", "kpi", "audit" })
        {
            Assert.Equal(area, nav.Find($"[data-testid=nav-{area}]").GetAttribute("href"));
        }
    }

    [Fact]
    public void The_header_shows_the_user_the_language_switch_and_a_sign_out_form()
    {
        SignInWith(Permissions.ClientsRead);
        Navigation.NavigateTo("clients/c-1?tab=contacts");

        Interactive();
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.Contains("Anna Petrova", layout.Find("[data-testid=user-name]").TextContent);
        Assert.Equal("/culture/set?culture=ru&redirectUri=%2Fclients%2Fc-1%3Ftab%3Dcontacts",
            layout.Find("[data-testid=lang-ru]").GetAttribute("href"));
        Assert.StartsWith("/culture/set?culture=en&", layout.Find("[data-testid=lang-en]").GetAttribute("href"), StringComparison.Ordinal);
        var form = layout.Find("form:has([data-testid=sign-out])");
        Assert.Equal(("post", "/account/signout"), (form.GetAttribute("method"), form.GetAttribute("action")));
    }

    [Fact]
    public void Switching_the_language_reloads_the_page_through_the_culture_endpoint()
    {
        SignInWith(Permissions.ClientsRead);
        Navigation.NavigateTo("clients");
        Interactive();
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        layout.Find("[data-testid=lang-ru]").Click();

        Assert.EndsWith("/culture/set?culture=ru&redirectUri=%2Fclients", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_out_visitor_is_sent_to_sign_in_and_comes_back_to_the_same_page()
    {
        Auth.SetNotAuthorized();
        Navigation.NavigateTo("clients?q=alfa");

        Interactive();
        Render<Routes>();

        Assert.EndsWith("/account/signin?returnUrl=%2Fclients%3Fq%3Dalfa", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_in_user_without_the_permission_sees_not_allowed_instead_of_a_sign_in_loop()
    {
        SignInWith();
        Navigation.NavigateTo("admin/users");

        Interactive();
        var routes = Render<Routes>();

        Assert.NotNull(routes.Find("[data-testid=not-allowed]"));
        Assert.EndsWith("/admin/users", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void The_KPI_area_opens_my_KPI_for_kpi_read()
    {
        SignInWith(Permissions.KpiRead);
        Navigation.NavigateTo("kpi");

        Interactive();
        var routes = Render<Routes>();

        routes.WaitForElement("[data-testid=kpi-sections]");
        Assert.Empty(routes.FindAll("[data-testid=coming-soon]"));
    }
}
