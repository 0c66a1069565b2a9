using CrmSuite.Clients.Api.CustomFields;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Infrastructure;

public sealed partial class ClientsDbContext
{
    public DbSet<CustomSection> CustomSections => Set<CustomSection>();
    public DbSet<CustomFieldDefinition> CustomFields => Set<CustomFieldDefinition>();
}
