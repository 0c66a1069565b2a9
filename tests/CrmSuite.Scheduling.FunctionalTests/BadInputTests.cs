using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmSuite.Scheduling.Contracts;
using Google.Rpc;
using Grpc.Core;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>Every call refuses bad input with a 400 naming the field, and nothing changes.</summary>
public sealed class BadInputTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private static JsonObject GoodMeeting() => new()
    {
        ["kind"] = "ITEM_KIND_MEETING", ["title"] = "Плохой ввод", ["start"] = "2026-03-10T09:00", ["end"] = "2026-03-10T10:00", ["timeZone"] = "Europe/Berlin",
    };

    /// <summary>(what is set in a good meeting's body, the field the 400 names)</summary>
    public static TheoryData<string, string, string> BadCreates => new()
    {
        { "title", "", "title" },
        { "title", new string('x', 301), "title" },
        { "kind", "ITEM_KIND_UNSPECIFIED", "kind" },
        { "timeZone", "Mars/Olympus_Mons", "timeZone" },
        { "timeZone", "", "timeZone" },
        { "start", "10.03.2026 09:00", "start" },
        { "start", "2026-03-10T09:00+01:00", "start" },
        { "end", "2026-03-10T08:00", "end" },
        { "end", "2026-03-10T09:00", "end" },
        { "end", "", "end" },
        { "end", "2026-05-10T09:00", "end" },
        { "priority", "7", "priority" },
        { "onlineLink", "javascript:alert(1)", "onlineLink" },
        { "companyId", "not-a-uuid", "companyId" },
        { "dealId", "123", "dealId" },
        { "assigneeUserId", "two words", "assigneeUserId" },
        { "recurrence", "every monday", "recurrence" },
        { "recurrence", "FREQ=WEEKLY;BYDAY=XX", "recurrence" },
        { "recurrence", "FREQ=HOURLY", "recurrence" },
        { "recurrence", "FREQ=DAILY;COUNT=5;UNTIL=20260401T000000Z", "recurrence" },
        { "recurrence", "FREQ=DAILY;COUNT=100000", "recurrence" },
        { "recurrence", "FREQ=DAILY;UNTIL=99991231T000000Z", "recurrence" },
        { "recurrence", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "recurrence" },
        { "recurrence", "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31", "recurrence" },
        { "recurrence", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31", "recurrence" },
        { "recurrence", "FREQ=YEARLY;INTERVAL=1000;COUNT=9", "recurrence" },
        { "recurrence", "FREQ=YEARLY;INTERVAL=100;COUNT=3", "recurrence" },
        { "recurrence", "FREQ=DAILY;UNTIL=20250101T000000Z", "recurrence" },
        { "start", "9999-12-31T23:00", "start" },
        { "start", "0001-01-01T00:00", "start" },
        { "end", "9999-12-31T23:00", "end" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task A_create_with_a_bad_field_is_400_naming_it_and_stores_nothing(string field, string value, string named)
    {
        var body = GoodMeeting();
        body["title"] = field == "title" ? value : "Плохой ввод " + Guid.NewGuid().ToString("N")[..8];
        body[field] = field == "priority" ? JsonValue.Create(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : value;
        var before = await api.ScalarAsync("SELECT count(*) FROM items");

        var response = await api.As(People.Anna).Http.PostAsJsonAsync("/v1/items", body, Json, Ct);

        Assert.Contains(named, await BadFieldsAsync(response));
        Assert.Equal(before, await api.ScalarAsync("SELECT count(*) FROM items"));
    }

    [Theory]
    [InlineData("end", "2026-03-10T10:00", "end")]
    [InlineData("recurrence", "FREQ=HOURLY", "recurrence")]
    [InlineData("start", "", "start")]
    public async Task A_task_with_an_end_an_unsupported_recurrence_or_no_due_time_is_refused(string field, string value, string named)
    {
        var body = new JsonObject { ["kind"] = "ITEM_KIND_TASK", ["title"] = "Задача", ["start"] = "2026-03-10T09:00", ["timeZone"] = "Europe/Moscow", [field] = value };

        var response = await api.As(People.Anna).Http.PostAsJsonAsync("/v1/items", body, Json, Ct);

        Assert.Contains(named, await BadFieldsAsync(response));
    }

    [Fact]
    public async Task Exceptions_without_a_recurrence_and_a_bad_checklist_entry_are_namedByby_position()
    {
        var body = GoodMeeting();
        body["recurrenceExceptions"] = new JsonArray("2026-03-17T09:00");
        body["checklist"] = new JsonArray(new JsonObject { ["text"] = "ok" }, new JsonObject { ["text"] = "" });
        body["participantContactIds"] = new JsonArray(Guid.NewGuid().ToString(), "nope");

        var fields = await BadFieldsAsync(await api.As(People.Anna).Http.PostAsJsonAsync("/v1/items", body, Json, Ct));

        Assert.Contains("recurrenceExceptions", fields);
        Assert.Contains("checklist[1].text", fields);
        Assert.Contains("participantContactIds[1]", fields);
    }

    [Fact]
    public async Task An_update_with_bad_fields_is_400_and_the_item_is_unchanged()
    {
        var meeting = await api.MeetingAsync(People.Anna);

        var response = await api.As(People.Anna).Http.PutAsJsonAsync($"/v1/items/{meeting.Id}", new
        {
            version = meeting.Version, title = "Новое", start = "2026-03-10T11:00", end = "2026-03-10T10:00", timeZone = "Nowhere/City", status = "ITEM_STATUS_DONE",
        }, Json, Ct);

        Assert.Equal(["end", "status", "timeZone"], (await BadFieldsAsync(response)).Order());
        var read = await api.As(People.Anna).Items.GetItemAsync(new GetItemRequest { Id = meeting.Id }, cancellationToken: Ct);
        Assert.Equal((meeting.Title, meeting.Start, meeting.Version), (read.Title, read.Start, read.Version));
    }

    [Theory]
    [InlineData("GET", "/v1/items/not-an-id", "id")]
    [InlineData("PUT", "/v1/items/not-an-id", "id")]
    [InlineData("POST", "/v1/items/not-an-id:complete", "id")]
    [InlineData("POST", "/v1/items/{item}:complete", "version")]
    [InlineData("POST", "/v1/items/{item}:complete", "result")]
    [InlineData("GET", "/v1/items?from=2026-03-01T00:00:00Z", "to")]
    [InlineData("GET", "/v1/items?to=2026-03-01T00:00:00Z", "from")]
    [InlineData("GET", "/v1/items?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to")]
    [InlineData("GET", "/v1/items?from=2026-01-01T00:00:00Z&to=2027-03-01T00:00:00Z", "to")]
    [InlineData("GET", "/v1/items?from=0001-01-01T00:00:00Z&to=0001-01-02T00:00:00Z", "from")]
    [InlineData("GET", "/v1/items?from=9999-12-30T00:00:00Z&to=9999-12-31T00:00:00Z", "to")]
    [InlineData("GET", "/v1/items?pageSize=500", "pageSize")]
    [InlineData("GET", "/v1/items?pageToken=garbage", "pageToken")]
    [InlineData("GET", "/v1/items?assigneeUserId=a%20b", "assigneeUserId")]
    [InlineData("GET", "/v1/notifications?pageSize=201", "pageSize")]
    [InlineData("GET", "/v1/notifications?pageToken=garbage", "pageToken")]
    [InlineData("GET", "/v1/items?kind=7", "kind")]
    [InlineData("GET", "/v1/items?status=9", "status")]
    public async Task Every_call_names_its_bad_field(string method, string path, string named)
    {
        var meeting = await api.MeetingAsync(People.Anna);
        var body = named switch
        {
            "version" => new { version = "yesterday", result = "" },
            "result" => new { version = "", result = "bad\u0001result" },
            _ => (object)new { title = "x", start = "2026-03-10T09:00", end = "2026-03-10T10:00", timeZone = "Europe/Berlin" },
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{item}", meeting.Id, StringComparison.Ordinal));
        if (method != "GET")
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        var response = await api.As(People.Anna).Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadJsonAsync(response);
        // The service's own checks name the field in `errors`; a value the transcoding cannot even
        // parse (an unknown enum number) is refused before the service, naming it in `detail`.
        var namedBy = problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(p => p.Name).ToList()
            : [problem.GetProperty("detail").GetString()!];
        Assert.True(namedBy.Any(n => n.Contains(named, StringComparison.OrdinalIgnoreCase)), $"{named} not named in {problem}");
        var read = await api.As(People.Anna).Items.GetItemAsync(new GetItemRequest { Id = meeting.Id }, cancellationToken: Ct);
        Assert.Equal((meeting.Version, ItemStatus.Open), (read.Version, read.Status));
    }

    [Fact]
    public async Task Over_gRPC_unknown_enum_numbers_in_a_list_are_INVALID_ARGUMENT_naming_each_field()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => api.As(People.Anna).Items.ListItemsAsync(new ListItemsRequest
        {
            Kind = (ItemKind)7, Status = (ItemStatus)9, OrderBy = (ItemOrder)5,
        }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var fields = refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Order();
        Assert.Equal(["kind", "order_by", "status"], fields);
    }

    [Fact]
    public async Task An_all_day_event_on_the_last_day_the_calendar_keeps_is_refused_not_a_server_error()
    {
        var body = GoodMeeting();
        body["allDay"] = true;
        body["start"] = "9999-12-31";
        body["end"] = "";

        Assert.Contains("start", await BadFieldsAsync(await api.As(People.Anna).Http.PostAsJsonAsync("/v1/items", body, Json, Ct)));
    }

    [Fact]
    public async Task An_unknown_item_is_404()
    {
        var response = await api.As(People.Director).Http.GetAsync($"/v1/items/{Guid.NewGuid()}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
