using CrmSuite.Warehouse.Contracts;
using WarehouseSite = CrmSuite.Warehouse.Contracts.Warehouse;

namespace CrmSuite.Gateway.UI.Warehouse;

/// <summary>
/// The warehouses, loaded once per page: the ledger answers with warehouse ids, people read codes
/// and names. Closed warehouses are kept so old movements still name theirs.
/// </summary>
public sealed class WarehouseSites(IReadOnlyList<WarehouseSite> all)
{
    public static readonly WarehouseSites None = new([]);

    public IReadOnlyList<WarehouseSite> All { get; } = all;

    /// <summary>Where goods can go now: closed warehouses are refused by the service.</summary>
    public IReadOnlyList<WarehouseSite> Open { get; } = all.Where(site => site.Active).ToList();

    public string NameOf(string id) =>
        id.Length == 0 ? "" : All.FirstOrDefault(site => site.Id == id) is { } site ? Label(site) : id;

    public static string Label(WarehouseSite site) => $"{site.Code} · {site.Name}";

    public static async Task<WarehouseSites> LoadAsync(Catalog.CatalogClient catalog, CancellationToken cancellationToken = default)
    {
        var response = await catalog.ListWarehousesAsync(new ListWarehousesRequest { IncludeInactive = true }, cancellationToken: cancellationToken);
        return new WarehouseSites(response.Warehouses);
    }
}
