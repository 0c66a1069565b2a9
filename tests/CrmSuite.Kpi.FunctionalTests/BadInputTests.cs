using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>Bad input to the read API is a 400 problem+json naming the field by its JSON name (REST through transcoding).</summary>
public sealed class BadInputTests(KpiApi api) : IClassFixture<KpiApi>
{
    [Theory]
    [InlineData("/v1/kpi/figures?to=2026-03-31", "from")]
    [InlineData("/v1/kpi/figures?from=2026-13-01&to=2026-03-31", "from")]
    [InlineData("/v1/kpi/figures?from=2026-03-31&to=2026-03-01", "to")]
    [InlineData("/v1/kpi/figures?from=2025-01-01&to=2026-03-01", "to")]
    [InlineData("/v1/kpi/figures?from=2026-03-01&to=2026-03-31&kinds=calls", "kinds")]
    [InlineData("/v1/kpi/facts?pageSize=500", "pageSize")]
    [InlineData("/v1/kpi/facts?kind=bonus", "kind")]
    [InlineData("/v1/kpi/facts?from=yesterday", "from")]
    [InlineData("/v1/kpi/facts?pageToken=garbage", "pageToken")]
    public async Task Bad_input_is_a_400_naming_the_field(string url, string field)
    {
        using var response = await api.Director.Http.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);
        Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task An_event_that_is_not_json_is_dropped_and_records_nothing()
    {
        var before = await api.ScalarAsync("SELECT count(*) FROM facts");
        Assert.Equal("DROP", await api.DeliverAsync("/events/call-logged", Guid.NewGuid().ToString(), "not an event"));
        Assert.Equal(before, await api.ScalarAsync("SELECT count(*) FROM facts"));
    }
}
