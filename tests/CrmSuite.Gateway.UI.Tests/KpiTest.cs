using Bunit;
using CrmSuite.Kpi.Contracts;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>
/// The KPI pages' tests: the charts measure their box through the browser (answered here with a
/// desktop-sized one) and the service knows the measures the schemes use.
/// </summary>
public abstract class KpiTest : UiTest
{
    private protected KpiTest()
    {
        UseCulture("en-GB");
        JSInterop.Setup<Radzen.Blazor.Rendering.Rect>(_ => true).SetResult(new Radzen.Blazor.Rendering.Rect { Width = 1200, Height = 400 });
        KpiSchemesApi.Measures.Add(new MeasureInfo { Code = "deals_won_count", Name = "Deals won", Unit = "count", ByPipeline = true, Kinds = { "deal-won" } });
        KpiSchemesApi.Measures.Add(new MeasureInfo { Code = "calls_made", Name = "Calls made", Unit = "count", Kinds = { "call-made" } });
    }
}
