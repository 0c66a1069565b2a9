using System.Net;
using CrmSuite.Kpi.Contracts;
using Grpc.Core;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;
using static CrmSuite.Kpi.FunctionalTests.TestEvents;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>A manager sees own figures, the head of a team the team's, a director everyone's; others are refused.</summary>
public sealed class VisibilityTests(KpiApi api) : IClassFixture<KpiApi>, IAsyncLifetime
{
    private static readonly ListDailyFiguresRequest March = new() { From = "2026-03-01", To = "2026-03-31", Kinds = { "call-made" } };

    public async ValueTask InitializeAsync()
    {
        foreach (var (user, team) in new[] { (KpiUsers.Anna, "team-north"), (KpiUsers.Boris, "team-north"), (KpiUsers.Oleg, "team-south") })
        {
            await api.DeliverAsync("/events/lead-assigned", Guid.NewGuid().ToString(), LeadAssigned(Guid.NewGuid(), user.Id, team, March2).Data);
            await api.DeliverAsync("/events/call-logged", Guid.NewGuid().ToString(), CallLogged(user.Id, March2, TimeSpan.FromMinutes(3)).Data);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_manager_sees_only_their_own_figures_and_facts()
    {
        var anna = api.As(KpiUsers.Anna).Facts;
        Assert.Equal([KpiUsers.Anna.Id], await PeopleAsync(anna, March));
        Assert.All((await anna.ListFactsAsync(new ListFactsRequest(), cancellationToken: Ct)).Facts, f => Assert.Equal(KpiUsers.Anna.Id, f.UserId));

        var other = await RefusedAsync(() => anna.ListDailyFiguresAsync(new ListDailyFiguresRequest(March) { UserIds = { KpiUsers.Boris.Id } }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        var team = await RefusedAsync(() => anna.ListDailyFiguresAsync(new ListDailyFiguresRequest(March) { TeamId = "team-north" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, team.StatusCode);
        var facts = await RefusedAsync(() => anna.ListFactsAsync(new ListFactsRequest { UserId = KpiUsers.Oleg.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, facts.StatusCode);
    }

    [Fact]
    public async Task A_team_head_sees_the_teams_figures_and_no_other_team()
    {
        var head = api.As(KpiUsers.HeadOfNorth).Facts;
        Assert.Equal([KpiUsers.Anna.Id, KpiUsers.Boris.Id], await PeopleAsync(head, March));
        Assert.Equal([KpiUsers.Anna.Id, KpiUsers.Boris.Id], await PeopleAsync(head, new ListDailyFiguresRequest(March) { TeamId = "team-north" }));
        // Asking for someone outside the team answers nothing of theirs.
        Assert.Empty(await PeopleAsync(head, new ListDailyFiguresRequest(March) { UserIds = { KpiUsers.Oleg.Id } }));
        var south = await RefusedAsync(() => head.ListDailyFiguresAsync(new ListDailyFiguresRequest(March) { TeamId = "team-south" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, south.StatusCode);
    }

    [Fact]
    public async Task A_director_sees_everyone()
    {
        var people = await PeopleAsync(api.Director.Facts, new ListDailyFiguresRequest(March) { UserIds = { KpiUsers.Anna.Id, KpiUsers.Boris.Id, KpiUsers.Oleg.Id } });
        Assert.Equal([KpiUsers.Anna.Id, KpiUsers.Boris.Id, KpiUsers.Oleg.Id], people);
    }

    [Fact]
    public async Task Without_kpi_read_the_figures_are_refused_and_without_a_token_too()
    {
        using var refused = await api.As(KpiUsers.Storekeeper).Http.GetAsync("/v1/kpi/figures?from=2026-03-01&to=2026-03-31", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(await api.AuditAsync("security.request.refused"), e => e.GetProperty("actorId").GetString() == KpiUsers.Storekeeper.Id
            && e.GetProperty("entityId").GetString() == "GET /v1/kpi/figures");
        using var anonymous = await api.Sidecar.GetAsync("/v1/kpi/facts", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Only_kpi_configure_rebuilds_the_projection_and_the_rebuild_is_audited()
    {
        var manager = await RefusedAsync(() => api.As(KpiUsers.Anna).Facts.RebuildProjectionAsync(new RebuildProjectionRequest(), cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, manager.StatusCode);

        var before = await api.ProjectionAsync();
        var rebuilt = await api.Director.Facts.RebuildProjectionAsync(new RebuildProjectionRequest(), cancellationToken: Ct);
        Assert.Equal(before, await api.ProjectionAsync());
        Assert.Equal(before.Count, rebuilt.FigureRows);
        var audit = Assert.Single(await api.AuditAsync("kpi.projection.rebuilt"));
        Assert.Equal(KpiUsers.Director.Id, audit.GetProperty("actorId").GetString());
    }

    private static async Task<List<string>> PeopleAsync(KpiFacts.KpiFactsClient client, ListDailyFiguresRequest request) =>
        (await client.ListDailyFiguresAsync(request, cancellationToken: Ct)).Figures.Select(f => f.UserId).Distinct().Order(StringComparer.Ordinal).ToList();
}
