namespace CrmSuite.Clients.Api.Companies;

public sealed partial class Company
{
    /// <summary>The import that created or last changed this company; undo of that import restores it.</summary>
    public Guid? ImportId { get; set; }
}
