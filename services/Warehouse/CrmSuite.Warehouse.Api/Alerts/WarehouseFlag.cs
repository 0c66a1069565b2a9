namespace CrmSuite.Warehouse.Api.Alerts;

public enum FlagType
{
    OutOfHours = 1,
    LargeWriteOff = 2,
}

/// <summary>A movement the Director should look at: posted out of hours, or a large write-off.</summary>
public sealed class WarehouseFlag
{
    public Guid Id { get; set; }
    public FlagType Kind { get; set; }
    public Guid MovementId { get; set; }
    public string ActorId { get; set; } = string.Empty;
    public string ActorName { get; set; } = string.Empty;
    public decimal? Amount { get; set; }
    public string Description { get; set; } = string.Empty;
    public DateTimeOffset OccurredAt { get; set; }
}
