namespace CrmSuite.Clients.Api.Companies;

public sealed partial class Company
{
    /// <summary>Set when this company was merged into another; it is archived then, and its card leads to the survivor.</summary>
    public Guid? MergedIntoId { get; set; }
}
