using System.ComponentModel.DataAnnotations;

namespace CrmSuite.Audit.Api.Entries;

/// <summary>How large an export may be: the <c>Audit:Export</c> configuration section.</summary>
public sealed class ExportOptions
{
    public const string Section = "Audit:Export";

    /// <summary>An export matching more entries is refused (narrow the filters); keeps answers under gRPC's message limits.</summary>
    [Range(1, 1_000_000)]
    public int MaxRows { get; set; } = 10_000;
}
