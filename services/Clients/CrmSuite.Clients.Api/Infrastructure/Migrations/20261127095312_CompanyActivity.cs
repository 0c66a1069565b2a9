using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Clients.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Last activity per company (see Companies/CompanyActivity.cs), kept by statement-level
    /// triggers: a company's own changes and its contacts' changes move it forward, never back.
    /// </summary>
    public partial class CompanyActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "company_activity",
                columns: table => new
                {
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_activity_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_activity", x => x.company_id);
                    table.ForeignKey(
                        name: "fk_company_activity_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_company_activity_last_activity_at_company_id",
                table: "company_activity",
                columns: new[] { "last_activity_at", "company_id" });

            migrationBuilder.Sql("""
                CREATE FUNCTION company_activity_added() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO company_activity (company_id, last_activity_at)
                    SELECT n.id, greatest(n.created_at, n.updated_at) FROM added AS n;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER company_activity_added AFTER INSERT ON companies
                    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION company_activity_added();

                CREATE FUNCTION company_activity_company_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE company_activity a SET last_activity_at = n.updated_at
                    FROM changed AS n WHERE a.company_id = n.id AND n.updated_at > a.last_activity_at;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER company_activity_company_changed AFTER UPDATE ON companies
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION company_activity_company_changed();

                -- For every table of things done with a company: a company_id and an updated_at column.
                CREATE FUNCTION company_activity_child_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE company_activity a SET last_activity_at = t.at
                    FROM (SELECT company_id, max(updated_at) AS at FROM changed GROUP BY company_id) AS t
                    WHERE a.company_id = t.company_id AND t.at > a.last_activity_at;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER company_activity_contact_added AFTER INSERT ON contacts
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION company_activity_child_changed();
                CREATE TRIGGER company_activity_contact_changed AFTER UPDATE ON contacts
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION company_activity_child_changed();

                INSERT INTO company_activity (company_id, last_activity_at)
                SELECT c.id, greatest(c.created_at, c.updated_at, (SELECT max(x.updated_at) FROM contacts x WHERE x.company_id = c.id))
                FROM companies c;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER company_activity_contact_changed ON contacts;
                DROP TRIGGER company_activity_contact_added ON contacts;
                DROP TRIGGER company_activity_company_changed ON companies;
                DROP TRIGGER company_activity_added ON companies;
                DROP FUNCTION company_activity_child_changed();
                DROP FUNCTION company_activity_company_changed();
                DROP FUNCTION company_activity_added();
                """);
            migrationBuilder.DropTable(
                name: "company_activity");
        }
    }
}
