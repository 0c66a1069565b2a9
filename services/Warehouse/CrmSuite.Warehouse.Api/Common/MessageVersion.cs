using System.Globalization;

namespace CrmSuite.Warehouse.Api.Common;

/// <summary>A row's concurrency version as every message carries it (shared by the modules' mappings).</summary>
internal static class MessageVersion
{
    public static string Ver(uint version) => version.ToString(CultureInfo.InvariantCulture);
}
