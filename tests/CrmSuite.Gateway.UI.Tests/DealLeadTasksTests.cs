using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Deals;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The deal's and the lead's tasks: done (with results) and planned, only theirs, and a call planned in one step linked to them.</summary>
public sealed class DealLeadTasksTests : UiTest
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public DealLeadTasksTests()
    {
        SignInWith(Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.SchedulingRead, Permissions.SchedulingWrite);
        DealsApi.Stored.Add(new Deal { Id = "d-1", Title = "Kettles for Alfa", CompanyId = "c-1", CompanyName = "Alfa LLC", StageKind = StageKind.Open, OwnerUserId = "user-1" });
    }

    private static string Local(TimeSpan offset) => (Now + offset).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static Item Linked(string id, ItemKind kind, string title, TimeSpan offset, Action<Item> link)
    {
        var item = FakeSchedulingClient.Event(id, kind, title, Local(offset), Local(offset + TimeSpan.FromMinutes(30)));
        link(item);
        return item;
    }

    [Fact]
    public async Task A_deals_tasks_show_its_done_and_planned_items_and_a_planned_call_is_linked_to_the_deal_and_its_company()
    {
        var held = Linked("m-held", ItemKind.Meeting, "Demo of the kettles", TimeSpan.FromDays(-2), i => { i.DealId = "d-1"; i.CompanyId = "c-1"; });
        held.Status = ItemStatus.Done;
        held.Result = "Wants 10 more";
        SchedulingApi.Stored.AddRange([
            held,
            Linked("c-next", ItemKind.Call, "Call about the invoice", TimeSpan.FromDays(1), i => { i.DealId = "d-1"; i.CompanyId = "c-1"; }),
            Linked("c-other", ItemKind.Call, "Another deal of Alfa", TimeSpan.FromDays(1), i => { i.DealId = "d-2"; i.CompanyId = "c-1"; }),
        ]);
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();

        var tasks = Render<CompanyItems>(p => p.Add(c => c.DealId, "d-1").Add(c => c.CompanyId, "c-1").Add(c => c.CompanyName, "Alfa LLC"));

        tasks.WaitForAssertion(() => Assert.Equal(["Call about the invoice"], tasks.FindAll("[data-testid=company-item-planned] a").Select(a => a.TextContent)));
        Assert.Equal(["Demo of the kettles"], tasks.FindAll("[data-testid=company-item-done] a").Select(a => a.TextContent));
        Assert.Contains("Wants 10 more", tasks.Find("[data-testid=company-item-result]").TextContent);
        Assert.DoesNotContain("Another deal of Alfa", tasks.Markup, StringComparison.Ordinal);

        tasks.Find("[data-testid=plan-call]").Click();
        dialogs.WaitForElement("[data-testid=item-title-input]").Change("Call back about the discount");
        await tasks.InvokeAsync(() => dialogs.Find("[data-testid=save-item]").Click());

        var sent = Assert.Single(SchedulingApi.CreateRequests);
        Assert.Equal((ItemKind.Call, "c-1", "d-1", ""), (sent.Kind, sent.CompanyId, sent.DealId, sent.LeadId));
        tasks.WaitForAssertion(() => Assert.Contains("Call back about the discount", tasks.FindAll("[data-testid=company-item-planned] a").Select(a => a.TextContent)));
    }

    [Fact]
    public async Task A_leads_tasks_show_only_its_own_and_a_planned_call_is_linked_to_the_lead()
    {
        SchedulingApi.Stored.AddRange([
            Linked("c-lead", ItemKind.Call, "First call to Maria", TimeSpan.FromHours(3), i => i.LeadId = "l-1"),
            Linked("c-else", ItemKind.Call, "Someone else's lead", TimeSpan.FromHours(4), i => i.LeadId = "l-2"),
        ]);
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();

        var tasks = Render<CompanyItems>(p => p.Add(c => c.LeadId, "l-1"));

        tasks.WaitForAssertion(() => Assert.Equal(["First call to Maria"], tasks.FindAll("[data-testid=company-item-planned] a").Select(a => a.TextContent)));
        tasks.Find("[data-testid=plan-call]").Click();
        dialogs.WaitForElement("[data-testid=item-title-input]").Change("Second call to Maria");
        await tasks.InvokeAsync(() => dialogs.Find("[data-testid=save-item]").Click());

        var sent = Assert.Single(SchedulingApi.CreateRequests);
        Assert.Equal((ItemKind.Call, "", "", "l-1"), (sent.Kind, sent.CompanyId, sent.DealId, sent.LeadId));
        tasks.WaitForAssertion(() => Assert.Contains("Second call to Maria", tasks.FindAll("[data-testid=company-item-planned] a").Select(a => a.TextContent)));
    }

    [Fact]
    public void The_deal_card_has_its_tasks_for_whoever_may_read_the_calendar_and_not_otherwise()
    {
        var card = Render<DealDialog>(p => p.Add(d => d.Deal, DealsApi.Stored[0].Clone()));
        card.WaitForElement("[data-testid=deal-tasks]");
        Assert.NotNull(card.Find("[data-testid=company-items]"));

        SignInWith(Permissions.ClientsRead);
        var without = Render<DealDialog>(p => p.Add(d => d.Deal, DealsApi.Stored[0].Clone()));
        Assert.Empty(without.FindAll("[data-testid=deal-tasks]"));
    }
}
