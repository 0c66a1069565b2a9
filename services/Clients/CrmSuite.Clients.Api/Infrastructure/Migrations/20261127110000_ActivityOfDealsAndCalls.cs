using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Clients.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Deals and calls are activity on their company too (see Companies/CompanyActivity.cs): a deal
    /// created, edited or moved, a call recorded moves the company up the list by last activity.
    /// </summary>
    [DbContext(typeof(ClientsDbContext))]
    [Migration("20261127110000_ActivityOfDealsAndCalls")]
    public partial class ActivityOfDealsAndCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER company_activity_deal_added AFTER INSERT ON deals
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION company_activity_child_changed();
                CREATE TRIGGER company_activity_deal_changed AFTER UPDATE ON deals
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION company_activity_child_changed();

                CREATE FUNCTION company_activity_call_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE company_activity a SET last_activity_at = t.at
                    FROM (SELECT company_id, max(greatest(started_at, created_at)) AS at FROM recorded
                          WHERE company_id IS NOT NULL GROUP BY company_id) AS t
                    WHERE a.company_id = t.company_id AND t.at > a.last_activity_at;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER company_activity_call_recorded AFTER INSERT ON calls
                    REFERENCING NEW TABLE AS recorded FOR EACH STATEMENT EXECUTE FUNCTION company_activity_call_recorded();

                UPDATE company_activity a SET last_activity_at = t.at
                FROM (SELECT company_id, max(updated_at) AS at FROM deals GROUP BY company_id) AS t
                WHERE a.company_id = t.company_id AND t.at > a.last_activity_at;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER company_activity_call_recorded ON calls;
                DROP FUNCTION company_activity_call_recorded();
                DROP TRIGGER company_activity_deal_changed ON deals;
                DROP TRIGGER company_activity_deal_added ON deals;
                """);
        }
    }
}
