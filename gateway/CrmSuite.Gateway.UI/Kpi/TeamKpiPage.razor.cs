using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Identity.Contracts;
using CrmSuite.Kpi.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CrmSuite.Gateway.UI.Kpi;

/// <summary>
/// A team head's view of their teams and the director's overview of everyone (the service decides
/// whom the viewer sees): leaderboard, each person's result opened from it, funnel, conversion by
/// stage, plan vs actual per person and the daily trend, filtered by period, team and pipeline.
/// </summary>
public partial class TeamKpiPage
{
    private readonly ErrorState errors = new();
    private IReadOnlyList<MeasureInfo> catalogue = [];
    private IReadOnlyList<TeamName> teams = [];
    private IReadOnlyList<Pipeline> pipelines = [];
    // Every stage of every pipeline (archived ones too: their deals still count): its name and board order.
    private Dictionary<string, (string Name, int Order)> stages = [];
    private GetOverviewResponse? overview;
    private GetResultsResponse? results;
    private PersonResult? selected;
    private string period = "";
    private string? teamId;
    private string? pipelineId;
    private DateOnly today;
    private bool loading = true;

    [Inject] private KpiApi KpiApi { get; set; } = default!;

    [Inject] private DealsApi DealsApi { get; set; } = default!;

    [Inject] private PersonDirectory People { get; set; } = default!;

    [Inject] private BrowserApi Browser { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private IEnumerable<LeaderboardRow> Leaders => overview?.Leaderboard ?? [];

    private PersonResult? ResultOf(string userId) => results?.Results.FirstOrDefault(r => r.UserId == userId);

    protected override async Task OnInitializedAsync()
    {
        (today, _) = await PeriodCodes.TodayAsync(Browser, Clock);
        period = PeriodCodes.MonthOf(today);
        catalogue = await KpiApi.ListMeasuresAsync(new ErrorState()) ?? [];
        // Names for the filters; someone who may not list them filters by period only (the lists stay empty).
        if (AuthenticationState is not null)
        {
            teams = (await People.DirectoryAsync((await AuthenticationState).User)).Teams;
        }
        var allPipelines = (await DealsApi.ListPipelinesAsync(new ErrorState()))?.Pipelines.ToList() ?? [];
        pipelines = allPipelines.Where(p => !p.Archived).ToList();
        stages = allPipelines.SelectMany((p, index) => p.Stages.Select(s => (s.Id, s.Name, Order: (index * 1000) + s.Position)))
            .DistinctBy(s => s.Id).ToDictionary(s => s.Id, s => (s.Name, s.Order));
        await LoadAsync();
    }

    private Task OnPeriodChangedAsync(string code)
    {
        period = code;
        return LoadAsync();
    }

    private Task OnTeamChangedAsync(string? team)
    {
        teamId = team;
        return LoadAsync();
    }

    private Task OnPipelineChangedAsync(string? pipeline)
    {
        pipelineId = pipeline;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        loading = true;
        var filter = (period, teamId, pipelineId);
        var overviewCall = KpiApi.GetOverviewAsync(new GetOverviewRequest { Period = period, TeamId = teamId ?? "", PipelineId = pipelineId ?? "" }, errors);
        var resultsCall = KpiApi.GetResultsAsync(new GetResultsRequest { Period = period, TeamId = teamId ?? "", PipelineId = pipelineId ?? "" }, new ErrorState());
        var (newOverview, newResults) = (await overviewCall, await resultsCall);
        if (filter != (period, teamId, pipelineId))
        {
            return;
        }
        if (newOverview is not null)
        {
            errors.Clear();
            NameStages(newOverview);
        }
        (overview, results, loading) = (newOverview, newResults, false);
        selected = selected is null ? null : ResultOf(selected.UserId);
    }

    /// <summary>
    /// The KPI knows stages only by id (deal events carry none of their names): they are named from the
    /// clients service's pipelines and put in board order, so the funnel reads top to bottom.
    /// </summary>
    private void NameStages(GetOverviewResponse response)
    {
        var named = response.Funnel
            .Select(stage =>
            {
                if (stage.StageName.Length == 0)
                {
                    stage.StageName = stages.TryGetValue(stage.StageId, out var known) ? known.Name : T[Texts.KpiTeam.UnknownStage];
                }
                return stage;
            })
            .OrderBy(stage => stages.TryGetValue(stage.StageId, out var known) ? known.Order : int.MaxValue)
            .ToList();
        response.Funnel.Clear();
        response.Funnel.AddRange(named);
    }
}
