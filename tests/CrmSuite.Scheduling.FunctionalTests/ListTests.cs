using CrmSuite.Scheduling.Contracts;
using Google.Rpc;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>The calendar's list: the items touching a window, filtered, sorted and paged by keyset.</summary>
public sealed class ListTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private static Timestamp At(int month, int day) => Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, month, day, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_window_lists_the_items_touching_it_in_start_order_page_by_page_and_reversed()
    {
        // Oleg's own calendar (nobody else in these tests plans for him) in May 2026.
        var created = new List<Item>();
        foreach (var day in new[] { 14, 11, 13, 12, 15 })
        {
            created.Add(await api.MeetingAsync(People.Oleg, $"2026-05-{day}T09:00", $"2026-05-{day}T10:00"));
        }
        var outside = await api.MeetingAsync(People.Oleg, "2026-06-20T09:00", "2026-06-20T10:00");
        var items = api.As(People.Oleg).Items;

        var pages = new List<List<string>>();
        var token = string.Empty;
        do
        {
            var page = await items.ListItemsAsync(new ListItemsRequest { From = At(5, 1), To = At(6, 1), PageSize = 2, PageToken = token }, cancellationToken: Ct);
            pages.Add([.. page.Items.Select(i => i.Start)]);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        var reversed = await items.ListItemsAsync(new ListItemsRequest { From = At(5, 1), To = At(6, 1), OrderBy = ItemOrder.StartDesc }, cancellationToken: Ct);

        Assert.Equal([["2026-05-11T09:00", "2026-05-12T09:00"], ["2026-05-13T09:00", "2026-05-14T09:00"], ["2026-05-15T09:00"]], pages);
        Assert.Equal(["2026-05-15T09:00", "2026-05-14T09:00", "2026-05-13T09:00", "2026-05-12T09:00", "2026-05-11T09:00"], reversed.Items.Select(i => i.Start));
        Assert.DoesNotContain(reversed.Items, i => i.Id == outside.Id);
        Assert.All(reversed.Items, i => Assert.Single(i.Occurrences));
    }

    [Fact]
    public async Task Kind_status_and_assignee_filter_the_list()
    {
        var task = await api.As(People.Boris).Items.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Task, Title = "Фильтр", Start = "2026-07-02T12:00", TimeZone = "Europe/Moscow", AssigneeUserId = "manager-anna",
        }, cancellationToken: Ct);
        var meeting = await api.MeetingAsync(People.Boris, "2026-07-03T09:00", "2026-07-03T10:00");
        var boris = api.As(People.Boris).Items;
        ListItemsRequest July() => new() { From = At(7, 1), To = At(8, 1) };

        var tasks = await boris.ListItemsAsync(new ListItemsRequest(July()) { Kind = ItemKind.Task }, cancellationToken: Ct);
        var annas = await boris.ListItemsAsync(new ListItemsRequest(July()) { AssigneeUserId = "manager-anna" }, cancellationToken: Ct);
        await boris.CompleteItemAsync(new CompleteItemRequest { Id = meeting.Id }, cancellationToken: Ct);
        var done = await boris.ListItemsAsync(new ListItemsRequest(July()) { Status = ItemStatus.Done }, cancellationToken: Ct);

        Assert.Equal([task.Id], tasks.Items.Select(i => i.Id));
        Assert.Equal([task.Id], annas.Items.Select(i => i.Id));
        Assert.Equal([meeting.Id], done.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task A_calendar_window_is_read_in_one_page_of_up_to_a_thousand_while_an_open_list_keeps_pages_of_200()
    {
        foreach (var day in new[] { 3, 4, 5 })
        {
            await api.MeetingAsync(People.Oleg, $"2031-08-0{day}T09:00", $"2031-08-0{day}T10:00");
        }
        var items = api.As(People.Oleg).Items;
        Timestamp From() => Timestamp.FromDateTimeOffset(new DateTimeOffset(2031, 8, 3, 0, 0, 0, TimeSpan.Zero));
        Timestamp To() => Timestamp.FromDateTimeOffset(new DateTimeOffset(2031, 8, 10, 0, 0, 0, TimeSpan.Zero));

        var week = await items.ListItemsAsync(new ListItemsRequest { From = From(), To = To(), PageSize = ItemsPageMax }, cancellationToken: Ct);
        var tooLargeWindowPage = await Assert.ThrowsAsync<RpcException>(() => items.ListItemsAsync(
            new ListItemsRequest { From = From(), To = To(), PageSize = ItemsPageMax + 1 }, cancellationToken: Ct).ResponseAsync);
        var tooLargeOpenPage = await Assert.ThrowsAsync<RpcException>(() => items.ListItemsAsync(
            new ListItemsRequest { PageSize = 201 }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(["2031-08-03T09:00", "2031-08-04T09:00", "2031-08-05T09:00"], week.Items.Select(i => i.Start));
        Assert.Empty(week.NextPageToken);
        foreach (var refused in new[] { tooLargeWindowPage, tooLargeOpenPage })
        {
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Equal(["page_size"], refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        }
    }

    [Fact]
    public async Task A_client_card_lists_the_items_of_its_company_deal_or_lead_and_a_person_filter_keeps_that_persons_items()
    {
        var (company, contact, deal) = await api.ClientAsync(People.Anna);
        var lead = await api.LeadAsync(People.Anna);
        var (otherCompany, _, _) = await api.ClientAsync(People.Anna);
        var call = await api.MeetingAsync(People.Anna, "2031-09-01T09:00", "2031-09-01T09:30", r => { r.CompanyId = company; r.DealId = deal; });
        var withContact = await api.MeetingAsync(People.Anna, "2031-09-02T09:00", "2031-09-02T10:00", r => { r.CompanyId = company; r.ParticipantContactIds.Add(contact); });
        var forLead = await api.MeetingAsync(People.Anna, "2031-09-03T09:00", "2031-09-03T10:00", r => r.LeadId = lead);
        var elsewhere = await api.MeetingAsync(People.Anna, "2031-09-04T09:00", "2031-09-04T10:00", r => { r.CompanyId = otherCompany; r.ParticipantUserIds.Add(People.Boris.Id); });
        var anna = api.As(People.Anna).Items;
        async Task<string[]> IdsAsync(Action<ListItemsRequest> filter)
        {
            var request = new ListItemsRequest { PageSize = 200 };
            filter(request);
            return [.. (await anna.ListItemsAsync(request, cancellationToken: Ct)).Items.Select(i => i.Id)];
        }

        Assert.Equal([call.Id, withContact.Id], await IdsAsync(r => r.CompanyId = company));
        Assert.Equal([withContact.Id], await IdsAsync(r => r.ContactId = contact));
        Assert.Equal([call.Id], await IdsAsync(r => r.DealId = deal));
        Assert.Equal([forLead.Id], await IdsAsync(r => r.LeadId = lead));
        Assert.Contains(elsewhere.Id, await IdsAsync(r => r.PersonUserId = People.Boris.Id));
        Assert.DoesNotContain(call.Id, await IdsAsync(r => r.PersonUserId = People.Boris.Id));
        // Boris takes part in one of Anna's meetings: he sees that one by the company filter, not her others.
        var boris = await api.As(People.Boris).Items.ListItemsAsync(new ListItemsRequest { CompanyId = otherCompany }, cancellationToken: Ct);
        Assert.Equal([elsewhere.Id], boris.Items.Select(i => i.Id));
        var notAnId = await Assert.ThrowsAsync<RpcException>(() => anna.ListItemsAsync(new ListItemsRequest { DealId = "deal-1", PersonUserId = " " }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, notAnId.StatusCode);
        Assert.Contains("deal_id", notAnId.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    private const int ItemsPageMax = 1000;
}
