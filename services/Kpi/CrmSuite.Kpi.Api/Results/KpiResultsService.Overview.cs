using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Overview;
using CrmSuite.Kpi.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CrmSuite.Kpi.Api.Results;

/// <summary>The director's overview (kpi.read, by visibility): see <see cref="OverviewQuery"/>.</summary>
public sealed partial class KpiResultsService : KpiResults.KpiResultsBase
{
    [Authorize(Policy = Permissions.KpiRead)]
    public override Task<GetOverviewResponse> GetOverview(GetOverviewRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        return http.RequestServices.GetRequiredService<OverviewQuery>().RunAsync(request, FactVisibility.Of(http.User), context.CancellationToken);
    }
}
