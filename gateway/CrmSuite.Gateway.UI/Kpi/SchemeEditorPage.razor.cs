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
/// Creates a KPI scheme or saves a new version of one: whom it is for (a role, team or person, picked
/// by name), the period, base salary, measures with plan, weight, minimum and cap, and the bonus
/// formula with its check. The service's refusal shows beside each field it names.
/// </summary>
public partial class SchemeEditorPage
{
    /// <summary>Fields shown next to their inputs; the summary lists the rest.</summary>
    private IReadOnlyCollection<string> ShownFields =>
    [
        "name", "period_kind", "base_salary", "target.id", "target.kind", "formula", "measures",
        .. draft?.Measures.SelectMany((_, i) => SchemeMeasuresEditor.FieldsOf(i)) ?? [],
    ];

    private readonly ErrorState errors = new();
    private IReadOnlyList<MeasureInfo> catalogue = [];
    private ListPeopleResponse directory = new();
    private IReadOnlyList<Option> periodKinds = [];
    private Scheme? scheme;
    private SchemeDraft? draft;
    private int? savedVersion;
    private bool notFound;
    private bool saving;

    [Parameter] public string? Id { get; set; }

    [Inject] private KpiApi KpiApi { get; set; } = default!;

    [Inject] private PersonDirectory People { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private string Heading => scheme is null ? T[Texts.KpiSchemes.New] : T.Format(Texts.KpiSchemes.Edit, scheme.Current.Name);

    private IReadOnlyList<Option> TargetOptions => draft?.TargetKind switch
    {
        SchemeDraft.TeamTarget => [.. directory.Teams.Select(t => new Option(t.Id, t.Name))],
        SchemeDraft.PersonTarget => [.. directory.People.Select(p => new Option(p.Id, p.DisplayName.Length > 0 ? p.DisplayName : p.UserName))],
        _ => [.. SchemeDraft.Roles.Select(r => new Option(r, T[Texts.Roles.Of(r)]))],
    };

    protected override async Task OnInitializedAsync()
    {
        periodKinds = [new(PeriodCodes.MonthKind, T[Texts.Kpi.Month]), new(PeriodCodes.QuarterKind, T[Texts.Kpi.Quarter])];
        catalogue = await KpiApi.ListMeasuresAsync(errors) ?? [];
        if (AuthenticationState is not null)
        {
            directory = await People.DirectoryAsync((await AuthenticationState).User);
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Id is null)
        {
            (scheme, draft, notFound) = (null, draft ?? new SchemeDraft(), false);
            return;
        }
        if (scheme?.SchemeId == Id)
        {
            return;
        }
        var loaded = await KpiApi.GetSchemeAsync(Id, errors);
        notFound = loaded is null && errors.Status is Grpc.Core.StatusCode.NotFound or Grpc.Core.StatusCode.InvalidArgument;
        if (loaded is not null)
        {
            (scheme, draft) = (loaded, SchemeDraft.From(loaded.Current));
        }
    }

    private void OnTargetKindChanged(string kind)
    {
        draft!.TargetKind = kind;
        draft.TargetId = null;
    }

    private async Task SaveAsync()
    {
        saving = true;
        savedVersion = null;
        var saved = await KpiApi.SaveSchemeAsync(draft!.ToRequest(scheme?.SchemeId ?? "", scheme?.Current.Version ?? 0), errors);
        saving = false;
        if (saved is null)
        {
            return;
        }
        errors.Clear();
        var created = scheme is null;
        // The answer may leave the versions out: the history is read again with the new one in it.
        (scheme, savedVersion) = (await KpiApi.GetSchemeAsync(saved.SchemeId, new ErrorState()) ?? saved, saved.Current.Version);
        if (created)
        {
            // The address names the scheme now, so a reload edits it rather than starting a new one.
            Navigation.NavigateTo($"kpi/schemes/{saved.SchemeId}", replace: true);
        }
    }

    private sealed record Option(string Code, string Label);
}
