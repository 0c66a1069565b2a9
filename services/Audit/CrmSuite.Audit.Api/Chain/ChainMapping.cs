using CrmSuite.Audit.Contracts;

namespace CrmSuite.Audit.Api.Chain;

/// <summary>A chain verification's result as the audit log's messages carry it.</summary>
internal static class ChainMapping
{
    public static VerifyChainResponse ToMessage(this ChainVerification result) => new()
    {
        Ok = result.Ok,
        RowsChecked = result.RowsChecked,
        FirstBrokenId = result.FirstBrokenId,
        Reason = result.Reason,
        Detail = result.Detail,
        FromId = result.FromId,
        ToId = result.ToId,
    };
}
