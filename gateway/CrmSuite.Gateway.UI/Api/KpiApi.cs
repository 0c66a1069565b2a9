using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Kpi.Contracts;
using Google.Api;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// The KPI service as the staff UI uses it: measures and schemes (kpi_schemes.proto KpiSchemes),
/// results, the overview and periods (KpiResults), daily figures and the facts behind a figure
/// (kpi_facts.proto KpiFacts). Each call answers its result, or <c>null</c> with the reason shown in
/// <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class KpiApi(KpiSchemes.KpiSchemesClient schemes, KpiResults.KpiResultsClient results, KpiFacts.KpiFactsClient facts)
{
    /// <summary>Facts shown at once below a figure; more on request.</summary>
    public const int FactsPageSize = 50;

    public async Task<IReadOnlyList<MeasureInfo>?> ListMeasuresAsync(ErrorState errors) =>
        (await ServiceCall.RunAsync(schemes.ListMeasuresAsync(new ListMeasuresRequest()), errors, default))?.Measures;

    public async Task<IReadOnlyList<Scheme>?> ListSchemesAsync(ErrorState errors) =>
        (await ServiceCall.RunAsync(schemes.ListSchemesAsync(new ListSchemesRequest()), errors, default))?.Schemes;

    public Task<Scheme?> GetSchemeAsync(string schemeId, ErrorState errors) =>
        ServiceCall.RunAsync(schemes.GetSchemeAsync(new GetSchemeRequest { SchemeId = schemeId }), errors, default);

    /// <summary>Creates the scheme (no id yet) or saves a new version of it (the version edited guards against a colleague's edit).</summary>
    public Task<Scheme?> SaveSchemeAsync(SaveSchemeRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(request.SchemeId.Length == 0 ? schemes.CreateSchemeAsync(request) : schemes.UpdateSchemeAsync(request), errors, default);

    public Task<CheckFormulaResponse?> CheckFormulaAsync(CheckFormulaRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(schemes.CheckFormulaAsync(request), errors, default);

    public Task<GetResultsResponse?> GetResultsAsync(GetResultsRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(results.GetResultsAsync(request), errors, default);

    public Task<GetOverviewResponse?> GetOverviewAsync(GetOverviewRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(results.GetOverviewAsync(request), errors, default);

    public async Task<IReadOnlyList<PeriodSummary>?> ListPeriodsAsync(ErrorState errors) =>
        (await ServiceCall.RunAsync(results.ListPeriodsAsync(new ListPeriodsRequest()), errors, default))?.Periods;

    public Task<Period?> GetPeriodAsync(string period, ErrorState errors) =>
        ServiceCall.RunAsync(results.GetPeriodAsync(new GetPeriodRequest { Period = period }), errors, default);

    public Task<Period?> ClosePeriodAsync(string period, ErrorState errors) =>
        ServiceCall.RunAsync(results.ClosePeriodAsync(new ClosePeriodRequest { Period = period }), errors, default);

    public Task<Period?> RecalculatePeriodAsync(string period, ErrorState errors) =>
        ServiceCall.RunAsync(results.RecalculatePeriodAsync(new RecalculatePeriodRequest { Period = period }), errors, default);

    /// <summary>The period's latest bonus sheet as XLSX.</summary>
    public Task<HttpBody?> ExportBonusSheetAsync(string period, ErrorState errors) =>
        ServiceCall.RunAsync(results.ExportBonusSheetAsync(new ExportBonusSheetRequest { Period = period }), errors, default);

    public async Task<IReadOnlyList<DailyFigure>?> ListDailyFiguresAsync(ListDailyFiguresRequest request, ErrorState errors) =>
        (await ServiceCall.RunAsync(facts.ListDailyFiguresAsync(request), errors, default))?.Figures;

    /// <summary>
    /// The facts behind a figure: one page of each of its kinds (the service filters one kind at a
    /// time), newest first. <paramref name="tokens"/> holds each kind's next page ("" for its first;
    /// a kind without one is done); the answer's tokens continue from there.
    /// </summary>
    public Task<FactsPage?> ListFactsAsync(ListFactsRequest filter, IReadOnlyDictionary<string, string> tokens, ErrorState errors) =>
        ServiceCall.RunAsync(ListFactPagesAsync(filter, tokens), errors, default);

    private async Task<FactsPage> ListFactPagesAsync(ListFactsRequest filter, IReadOnlyDictionary<string, string> tokens)
    {
        var pages = await Task.WhenAll(tokens.Select(async kind =>
        {
            var request = filter.Clone();
            request.Kind = kind.Key;
            request.PageToken = kind.Value;
            request.PageSize = FactsPageSize;
            return (Kind: kind.Key, Page: await facts.ListFactsAsync(request));
        }));
        return new FactsPage(
            [.. pages.SelectMany(p => p.Page.Facts).OrderByDescending(f => Kpi.KpiFormat.Instant(f.OccurredAt))],
            pages.Where(p => p.Page.NextPageToken.Length > 0).ToDictionary(p => p.Kind, p => p.Page.NextPageToken, StringComparer.Ordinal));
    }

    /// <summary>Facts of one or more kinds, and each kind's next page (none left: absent).</summary>
    public sealed record FactsPage(IReadOnlyList<Fact> Facts, IReadOnlyDictionary<string, string> Next);
}
