namespace CrmSuite.Warehouse.Api.Infrastructure.Configurations;

/// <summary>The numeric precisions of the ledger: quantities to 0.001, money to 0.01, costs to 0.0001.</summary>
internal static class ColumnTypes
{
    public const string Quantity = "numeric(18,3)";
    public const string Money = "numeric(18,2)";
    public const string Cost = "numeric(18,4)";
}
