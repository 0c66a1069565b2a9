using Bunit;
using CrmSuite.Audit.Contracts;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Warehouse.Contracts;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using HomePage = CrmSuite.Gateway.UI.Home.Home;
using WarehouseSite = CrmSuite.Warehouse.Contracts.Warehouse;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The start page: what the person works on now, each section only for those who may open what it lists.</summary>
public sealed class HomeTests : UiTest
{
    private FakeLeadsClient LeadsApi { get; } = new();

    public HomeTests() => Services.AddSingleton<CrmSuite.Clients.Contracts.Leads.LeadsClient>(LeadsApi);

    [Fact]
    public void A_sales_manager_sees_own_open_deals_and_leads_and_recent_clients_by_name_and_no_stock_or_alerts()
    {
        SignInWith(Permissions.ClientsRead, Permissions.ClientsWrite);
        DealsApi.Stored.AddRange(
        [
            new Deal { Id = "d-1", Title = "Поставка чайников", CompanyId = "c-1", CompanyName = "ООО «Ромашка»", StageName = "Переговоры", StageKind = StageKind.Open, Amount = "150000.00", Currency = "RUB", OwnerUserId = "user-1" },
            new Deal { Id = "d-2", Title = "Won last week", CompanyId = "c-1", CompanyName = "ООО «Ромашка»", StageName = "Won", StageKind = StageKind.Won, OwnerUserId = "user-1" },
            new Deal { Id = "d-3", Title = "A colleague's deal", CompanyId = "c-2", CompanyName = "Acme", StageName = "New", StageKind = StageKind.Open, OwnerUserId = "user-2" },
        ]);
        LeadsApi.OnList = _ => Calls.Ok(new ListLeadsResponse
        {
            Leads =
            {
                new Lead { Id = "l-1", PersonName = "Мария Иванова", CompanyName = "Лютик", Status = LeadStatus.New },
                new Lead { Id = "l-2", PersonName = "Converted Carl", Status = LeadStatus.Converted },
                new Lead { Id = "l-3", Phone = "+79031234567", Status = LeadStatus.InProgress },
            },
        });
        CompaniesApi.OnList = _ => Calls.Ok(new ListCompaniesResponse { Companies = { new Company { Id = "c-1", Name = "ООО «Ромашка»" }, new Company { Id = "c-9", Name = "Northwind" } } });

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.Equal(["Поставка чайников"], page.FindAll("[data-testid=home-deal] a").Select(a => a.TextContent)));
        Assert.Contains("ООО «Ромашка» · Переговоры", page.Find("[data-testid=home-deal]").TextContent);
        Assert.Equal("clients/c-1", page.Find("[data-testid=home-deal] a").GetAttribute("href"));
        Assert.Equal("user-1", DealsApi.ListRequests.Single().OwnerUserId);
        page.WaitForAssertion(() => Assert.Equal(["Мария Иванова", "+79031234567"], page.FindAll("[data-testid=home-lead] a").Select(a => a.TextContent)));
        Assert.Equal("user-1", LeadsApi.ListRequests.Single().OwnerUserId);
        page.WaitForAssertion(() => Assert.Equal(["ООО «Ромашка»", "Northwind"], page.FindAll("[data-testid=home-client] a").Select(a => a.TextContent)));
        Assert.Equal(CompanySort.LastActivity, CompaniesApi.ListRequests.Single().Sort);
        Assert.Empty(page.FindAll("[data-testid=home-stock]"));
        Assert.Empty(page.FindAll("[data-testid=home-alerts]"));
    }

    [Fact]
    public void A_warehouse_keeper_sees_stock_below_minimum_with_product_and_warehouse_names_only()
    {
        SignInWith(Permissions.WarehouseRead);
        CatalogApi.Warehouses.Add(new WarehouseSite { Id = "w-main", Code = "MAIN", Name = "Main warehouse", Active = true });
        StockApi.OnListStock = request => Calls.Ok(new ListStockResponse
        {
            Levels = { new StockLevel { ProductId = "p-1", Sku = "KETTLE-1", ProductName = "Kettle", WarehouseId = "w-main", OnHand = "2", Available = "2", MinimumQuantity = "5", BelowMinimum = request.BelowMinimumOnly } },
        });

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=home-stock-row]")));
        var row = page.Find("[data-testid=home-stock-row]").TextContent;
        Assert.Contains("Kettle", row);
        Assert.Contains("Main warehouse", row);
        Assert.Contains("2 available, minimum 5", row);
        Assert.DoesNotContain("w-main", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=home-deals]"));
        Assert.Empty(page.FindAll("[data-testid=home-alerts]"));
    }

    [Fact]
    public void Those_who_may_see_audit_alerts_see_the_latest_by_the_persons_name()
    {
        SignInWith(Permissions.AuditAlertsRead);
        AuditApi.OnListAlerts = _ => Calls.Ok(new ListAlertsResponse
        {
            Alerts = { new Alert { Id = 7, ActorId = "manager-oleg", ActorName = "Олег Смирнов", ReadCount = 240, Threshold = 200, RaisedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) } },
        });

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.Contains("Олег Смирнов", page.Find("[data-testid=home-alert]").TextContent));
        Assert.Contains("240 reads, threshold 200", page.Find("[data-testid=home-alert]").TextContent);
        Assert.DoesNotContain("manager-oleg", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=home-clients]"));
    }

    [Theory]
    [InlineData("en", "No open deals.", "No clients yet.")]
    [InlineData("ru", "Открытых сделок нет.", "Клиентов пока нет.")]
    public void Empty_sections_say_so_in_the_persons_language(string culture, string noDeals, string noClients)
    {
        UseCulture(culture);
        SignInWith(Permissions.ClientsRead);

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.Equal(noDeals, page.Find("[data-testid=home-deals-empty]").TextContent));
        Assert.Equal(noClients, page.Find("[data-testid=home-clients-empty]").TextContent);
        Assert.NotNull(page.Find("[data-testid=home-leads-empty]"));
    }

    [Fact]
    public void A_failing_section_says_why_and_the_others_still_show()
    {
        SignInWith(Permissions.ClientsRead);
        LeadsApi.OnList = _ => Calls.Fail<ListLeadsResponse>(new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "down")));
        CompaniesApi.OnList = _ => Calls.Ok(new ListCompaniesResponse { Companies = { new Company { Id = "c-9", Name = "Northwind" } } });

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=home-leads-error]")));
        page.WaitForAssertion(() => Assert.Equal("Northwind", page.Find("[data-testid=home-client] a").TextContent));
    }

    [Fact]
    public void The_start_page_advertises_no_section_that_is_not_built_and_a_role_without_sections_is_told_so()
    {
        SignInWith();

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=home-nothing]")));
        Assert.DoesNotContain("Calendar", page.Markup);
        Assert.DoesNotContain("Documents", page.Markup);
        Assert.DoesNotContain("KPI", page.Markup);
    }
    [Fact]
    public void My_work_lists_the_persons_overdue_tasks_todays_and_the_next_7_days_items_each_opening_the_calendar_on_its_day()
    {
        // Wednesday, 4 March 2026, 08:00 UTC (the browser's zone is unknown here, so UTC).
        UseManualClock().SetUtcNow(new DateTimeOffset(2026, 3, 4, 8, 0, 0, TimeSpan.Zero));
        SignInWith(Permissions.SchedulingRead);
        var doneYesterday = FakeSchedulingClient.DueTask("t-done", "Already sent", "2026-03-03T09:00");
        doneYesterday.Status = CrmSuite.Scheduling.Contracts.ItemStatus.Done;
        var colleagues = FakeSchedulingClient.Event("m-other", CrmSuite.Scheduling.Contracts.ItemKind.Meeting, "Boris's own meeting", "2026-03-04T12:00", "2026-03-04T13:00");
        colleagues.OwnerUserId = "user-2";
        SchedulingApi.Stored.AddRange(
        [
            FakeSchedulingClient.DueTask("t-late", "Send the offer", "2026-03-03T09:00"),
            doneYesterday,
            FakeSchedulingClient.Event("m-today", CrmSuite.Scheduling.Contracts.ItemKind.Meeting, "Kick-off with Alfa", "2026-03-04T10:00", "2026-03-04T11:00"),
            FakeSchedulingClient.DueTask("t-today", "Prepare the contract", "2026-03-04T17:00"),
            colleagues,
            FakeSchedulingClient.Event("c-soon", CrmSuite.Scheduling.Contracts.ItemKind.Call, "Call Northwind back", "2026-03-07T15:00", "2026-03-07T15:30"),
            FakeSchedulingClient.Event("m-later", CrmSuite.Scheduling.Contracts.ItemKind.Meeting, "Quarterly review", "2026-03-14T10:00", "2026-03-14T11:00"),
        ]);

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.Equal(["Send the offer"], page.FindAll("[data-testid=home-work-overdue-item] a").Select(a => a.TextContent)));
        Assert.Equal("Overdue", page.Find("[data-testid=home-work-overdue]").TextContent);
        Assert.Equal(["Kick-off with Alfa", "Prepare the contract"], page.FindAll("[data-testid=home-work-today-item] a").Select(a => a.TextContent));
        Assert.Equal(["Call Northwind back"], page.FindAll("[data-testid=home-work-next-item] a").Select(a => a.TextContent));
        Assert.Equal("Next 7 days", page.Find("[data-testid=home-work-next]").TextContent);
        Assert.Equal("calendar?date=2026-03-03", page.Find("[data-testid=home-work-overdue-item] a").GetAttribute("href"));
        Assert.Equal("calendar?date=2026-03-07", page.Find("[data-testid=home-work-next-item] a").GetAttribute("href"));
        Assert.DoesNotContain("Already sent", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Boris's own meeting", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Quarterly review", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void My_work_speaks_Russian_and_says_when_the_week_is_free()
    {
        UseCulture("ru-RU");
        SignInWith(Permissions.SchedulingRead);

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.Equal("Ничего не запланировано — свободная неделя.", page.Find("[data-testid=home-work-empty]").TextContent));
        Assert.Contains("Мои дела", page.Find("[data-testid=home-work]").TextContent);
    }
}
