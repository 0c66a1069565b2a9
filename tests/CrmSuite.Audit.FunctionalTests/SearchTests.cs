using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Audit.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CrmSuite.Audit.FunctionalTests;

/// <summary>Auditors find entries by who, what, which record, when and free text, newest first, page by page.</summary>
public sealed class SearchTests(AuditApi api) : IClassFixture<AuditApi>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private const int Total = 30;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (await api.ScalarAsync<long>("SELECT count(*) FROM audit_entries") > 0)
        {
            return;
        }
        // 30 entries, one every 10 minutes from 08:00: three actors in turn, mostly views of ten companies.
        string[] actors = ["manager-anna", "manager-boris", "director-1"];
        string[] names = ["Анна Смирнова", "Борис Петров", "Директор"];
        for (var i = 0; i < Total; i++)
        {
            var action = i % 5 == 4 ? "clients.company.updated" : "clients.company.viewed";
            await api.DeliverAsync(new AuditData(
                ActorId: actors[i % 3], ActorName: names[i % 3], Action: action, EntityType: "company", EntityId: $"company-{i % 10}",
                OccurredAt: Start.AddMinutes(10 * i),
                Before: action.EndsWith("updated", StringComparison.Ordinal) ? new { name = $"Old {i}" } : null,
                After: action.EndsWith("updated", StringComparison.Ordinal) ? new { name = $"New {i}" } : null,
                Details: i == 17 ? new { note = "Needle in the HAYSTACK", rate = "100%" } : new { note = "routine" }), $"search-{i}", Ct);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(200)]
    public async Task Paging_newest_first_returns_every_entry_exactly_once(int pageSize)
    {
        var ids = new List<long>();
        var pages = 0;
        // The company entries only: every search is itself appended to the log (audit.search, entity audit_entries).
        var request = new SearchEntriesRequest { PageSize = pageSize, EntityType = "company" };
        do
        {
            var page = await api.Grpc.SearchEntriesAsync(request, cancellationToken: Ct);
            pages++;
            Assert.InRange(page.Entries.Count, 1, pageSize);
            ids.AddRange(page.Entries.Select(e => e.Id));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i).Reverse(), ids);
        Assert.Equal((Total + pageSize - 1) / pageSize, pages);
    }

    [Fact]
    public async Task Filters_by_actor_action_and_record_combine()
    {
        var annas = await SearchAsync(new SearchEntriesRequest { ActorId = "manager-anna" });
        Assert.Equal(10, annas.Count);
        Assert.All(annas, e => Assert.Equal("manager-anna", e.ActorId));

        var updates = await SearchAsync(new SearchEntriesRequest { Action = "clients.company.updated" });
        Assert.Equal(6, updates.Count);

        var company3 = await SearchAsync(new SearchEntriesRequest { EntityType = "company", EntityId = "company-3" });
        Assert.Equal([24L, 14L, 4L], company3.Select(e => e.Id));

        var annasUpdates = await SearchAsync(new SearchEntriesRequest { ActorId = "manager-anna", Action = "clients.company.updated" });
        Assert.Equal([25L, 10L], annasUpdates.Select(e => e.Id));
    }

    [Fact]
    public async Task A_time_range_includes_from_and_excludes_to()
    {
        // Entries 7..12 happened at 09:00, 09:10, …, 09:50.
        var grpc = await SearchAsync(new SearchEntriesRequest
        {
            From = Timestamp.FromDateTimeOffset(Start.AddHours(1)),
            To = Timestamp.FromDateTimeOffset(Start.AddHours(2)),
        });
        Assert.Equal([12L, 11L, 10L, 9L, 8L, 7L], grpc.Select(e => e.Id));

        var rest = await api.Http.GetFromJsonAsync<JsonElement>("/v1/audit/entries?from=2026-03-02T09:00:00Z&to=2026-03-02T10:00:00Z", Ct);
        Assert.Equal([12L, 11L, 10L, 9L, 8L, 7L], rest.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
    }

    [Theory]
    [InlineData("needle in the haystack", 18)]
    [InlineData("борис", 0)]
    [InlineData("company-9", 0)]
    [InlineData("100%", 18)]
    public async Task Free_text_finds_names_records_and_details_ignoring_case(string query, long expectedNewestId)
    {
        var found = await SearchAsync(new SearchEntriesRequest { Query = query });
        Assert.NotEmpty(found);
        if (expectedNewestId > 0)
        {
            Assert.Equal([expectedNewestId], found.Select(e => e.Id));
        }
        Assert.All(found, e => Assert.Contains(query, $"{e.ActorName} {e.EntityId} {e.Details}", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Like_wildcards_in_the_query_are_plain_characters()
    {
        // Company entries: the earlier searches for these texts are in the log too (audit.search), with the text in their details.
        Assert.Empty(await SearchAsync(new SearchEntriesRequest { Query = "%" + "_", EntityType = "company" }));
        Assert.Single(await SearchAsync(new SearchEntriesRequest { Query = "%", EntityType = "company" }));
    }

    [Fact]
    public async Task Lists_leave_out_before_and_after_and_GetEntry_has_them()
    {
        var listed = (await SearchAsync(new SearchEntriesRequest { EntityId = "company-4", Action = "clients.company.updated" })).First();
        Assert.Equal(string.Empty, listed.Before);
        Assert.Equal(string.Empty, listed.After);

        var full = await api.Http.GetFromJsonAsync<JsonElement>($"/v1/audit/entries/{listed.Id}", Ct);
        Assert.Equal($$"""{"name":"Old {{listed.Id - 1}}"}""", full.GetProperty("before").GetString());
        Assert.Equal($$"""{"name":"New {{listed.Id - 1}}"}""", full.GetProperty("after").GetString());
        Assert.Equal(listed.Hash, full.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task An_unknown_entry_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync("/v1/audit/entries/999999", Ct)).StatusCode);
        var ex = await Assert.ThrowsAsync<RpcException>(() => api.Grpc.GetEntryAsync(new GetEntryRequest { Id = 999999 }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Theory]
    [InlineData("/v1/audit/entries?pageSize=201", "pageSize")]
    [InlineData("/v1/audit/entries?pageSize=-1", "pageSize")]
    [InlineData("/v1/audit/entries?pageToken=garbage", "pageToken")]
    [InlineData("/v1/audit/entries?from=2026-03-02T10:00:00Z&to=2026-03-02T09:00:00Z", "to")]
    [InlineData("/v1/audit/chain:verify?fromId=10&toId=5", "toId")]
    [InlineData("/v1/audit/alerts?pageSize=500", "pageSize")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string url, string field)
    {
        var response = await api.Http.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task A_page_token_of_the_alerts_list_is_refused_for_entries()
    {
        var token = System.Buffers.Text.Base64Url.EncodeToString("alerts:5"u8);
        var ex = await Assert.ThrowsAsync<RpcException>(() => api.Grpc.SearchEntriesAsync(new SearchEntriesRequest { PageToken = token }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
    }

    private async Task<List<AuditEntry>> SearchAsync(SearchEntriesRequest request)
    {
        var entries = new List<AuditEntry>();
        request.PageSize = 200;
        do
        {
            var page = await api.Grpc.SearchEntriesAsync(request, cancellationToken: Ct);
            entries.AddRange(page.Entries);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return entries;
    }
}
