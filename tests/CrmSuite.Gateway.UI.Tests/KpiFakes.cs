using CrmSuite.Kpi.Contracts;
using Google.Api;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The KPI's schemes service as the UI sees it: answers set by the test, requests kept.</summary>
internal sealed class FakeKpiSchemesClient : KpiSchemes.KpiSchemesClient
{
    public List<MeasureInfo> Measures { get; } = [];

    public List<Scheme> Schemes { get; } = [];

    public List<SaveSchemeRequest> Saved { get; } = [];

    public List<CheckFormulaRequest> Checked { get; } = [];

    public Func<SaveSchemeRequest, AsyncUnaryCall<Scheme>>? OnSave { get; set; }

    public Func<CheckFormulaRequest, CheckFormulaResponse> OnCheck { get; set; } = _ => new CheckFormulaResponse();

    public override AsyncUnaryCall<ListMeasuresResponse> ListMeasuresAsync(ListMeasuresRequest request, CallOptions options) =>
        Calls.Ok(new ListMeasuresResponse { Measures = { Measures } });

    public override AsyncUnaryCall<ListSchemesResponse> ListSchemesAsync(ListSchemesRequest request, CallOptions options) =>
        Calls.Ok(new ListSchemesResponse { Schemes = { Schemes.Select(s => { var listed = s.Clone(); listed.Versions.Clear(); return listed; }) } });

    public override AsyncUnaryCall<Scheme> GetSchemeAsync(GetSchemeRequest request, CallOptions options) =>
        Schemes.FirstOrDefault(s => s.SchemeId == request.SchemeId) is { } scheme
            ? Calls.Ok(scheme.Clone())
            : Calls.Fail<Scheme>(Calls.Error(StatusCode.NotFound));

    public override AsyncUnaryCall<Scheme> CreateSchemeAsync(SaveSchemeRequest request, CallOptions options) => Save(request);

    public override AsyncUnaryCall<Scheme> UpdateSchemeAsync(SaveSchemeRequest request, CallOptions options) => Save(request);

    public override AsyncUnaryCall<CheckFormulaResponse> CheckFormulaAsync(CheckFormulaRequest request, CallOptions options)
    {
        Checked.Add(request.Clone());
        return Calls.Ok(OnCheck(request));
    }

    private AsyncUnaryCall<Scheme> Save(SaveSchemeRequest request)
    {
        Saved.Add(request.Clone());
        if (OnSave is not null)
        {
            return OnSave(request);
        }
        var version = new SchemeVersion
        {
            Version = request.ExpectedVersion + 1, Name = request.Name, Target = request.Target?.Clone(), PeriodKind = request.PeriodKind,
            Formula = request.Formula, BaseSalary = request.BaseSalary, CreatedAt = "2026-03-02T10:00:00Z", CreatedBy = "Anna Petrova",
            Measures = { request.Measures.Select(m => m.Clone()) },
        };
        var scheme = new Scheme { SchemeId = request.SchemeId.Length > 0 ? request.SchemeId : "scheme-new", Current = version, Versions = { version } };
        return Calls.Ok(scheme);
    }
}

/// <summary>Results, the overview and periods: answers set by the test, requests kept.</summary>
internal sealed class FakeKpiResultsClient : KpiResults.KpiResultsClient
{
    public Func<GetResultsRequest, GetResultsResponse> OnResults { get; set; } = request => new GetResultsResponse { Period = request.Period, Status = "open" };

    public List<GetResultsRequest> ResultRequests { get; } = [];

    public Func<GetOverviewRequest, GetOverviewResponse> OnOverview { get; set; } = request => new GetOverviewResponse { Period = request.Period };

    public List<GetOverviewRequest> OverviewRequests { get; } = [];

    public List<PeriodSummary> Periods { get; } = [];

    public Func<string, AsyncUnaryCall<Period>> OnClose { get; set; } = period => Calls.Fail<Period>(Calls.Error(StatusCode.Unimplemented));

    public Func<string, AsyncUnaryCall<Period>> OnRecalculate { get; set; } = period => Calls.Fail<Period>(Calls.Error(StatusCode.Unimplemented));

    public List<string> Exported { get; } = [];

    public override AsyncUnaryCall<GetResultsResponse> GetResultsAsync(GetResultsRequest request, CallOptions options)
    {
        ResultRequests.Add(request.Clone());
        return Calls.Ok(OnResults(request));
    }

    public override AsyncUnaryCall<GetOverviewResponse> GetOverviewAsync(GetOverviewRequest request, CallOptions options)
    {
        OverviewRequests.Add(request.Clone());
        return Calls.Ok(OnOverview(request));
    }

    public override AsyncUnaryCall<ListPeriodsResponse> ListPeriodsAsync(ListPeriodsRequest request, CallOptions options) =>
        Calls.Ok(new ListPeriodsResponse { Periods = { Periods.Select(p => p.Clone()) } });

    public override AsyncUnaryCall<Period> GetPeriodAsync(GetPeriodRequest request, CallOptions options) =>
        Periods.FirstOrDefault(p => p.Period == request.Period) is { } summary
            ? Calls.Ok(new Period { Summary = summary.Clone() })
            : Calls.Fail<Period>(Calls.Error(StatusCode.NotFound));

    public override AsyncUnaryCall<Period> ClosePeriodAsync(ClosePeriodRequest request, CallOptions options) => OnClose(request.Period);

    public override AsyncUnaryCall<Period> RecalculatePeriodAsync(RecalculatePeriodRequest request, CallOptions options) => OnRecalculate(request.Period);

    public override AsyncUnaryCall<HttpBody> ExportBonusSheetAsync(ExportBonusSheetRequest request, CallOptions options)
    {
        Exported.Add(request.Period);
        return Calls.Ok(new HttpBody
        {
            ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Data = Google.Protobuf.ByteString.CopyFromUtf8("PK-sheet"),
        });
    }
}

/// <summary>Daily figures and facts: answered from <see cref="Facts"/> and <see cref="Figures"/>, filtered like the service.</summary>
internal sealed class FakeKpiFactsClient : KpiFacts.KpiFactsClient
{
    public List<Fact> Facts { get; } = [];

    public List<DailyFigure> Figures { get; } = [];

    public List<ListFactsRequest> FactRequests { get; } = [];

    public override AsyncUnaryCall<ListDailyFiguresResponse> ListDailyFiguresAsync(ListDailyFiguresRequest request, CallOptions options) =>
        Calls.Ok(new ListDailyFiguresResponse
        {
            Figures = { Figures.Where(f => request.Kinds.Count == 0 || request.Kinds.Contains(f.Kind)).Select(f => f.Clone()) },
        });

    public override AsyncUnaryCall<ListFactsResponse> ListFactsAsync(ListFactsRequest request, CallOptions options)
    {
        FactRequests.Add(request.Clone());
        var matching = Facts.Where(f => (request.Kind.Length == 0 || f.Kind == request.Kind)
                && (request.UserId.Length == 0 || f.UserId == request.UserId)
                && (request.From.Length == 0 || string.CompareOrdinal(f.Day, request.From) >= 0)
                && (request.To.Length == 0 || string.CompareOrdinal(f.Day, request.To) <= 0))
            .ToList();
        var skip = request.PageToken.Length == 0 ? 0 : int.Parse(request.PageToken, System.Globalization.CultureInfo.InvariantCulture);
        var page = matching.Skip(skip).Take(request.PageSize).ToList();
        return Calls.Ok(new ListFactsResponse
        {
            Facts = { page.Select(f => f.Clone()) },
            NextPageToken = skip + page.Count < matching.Count ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
        });
    }
}
