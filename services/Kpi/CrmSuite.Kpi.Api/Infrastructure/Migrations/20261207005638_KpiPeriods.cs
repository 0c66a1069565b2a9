using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Kpi.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class KpiPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kpi_periods",
                columns: table => new
                {
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    first_day = table.Column<DateOnly>(type: "date", nullable: false),
                    last_day = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_by_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    closed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    marked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_periods", x => x.period);
                });

            migrationBuilder.CreateTable(
                name: "period_results",
                columns: table => new
                {
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    result = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_period_results", x => new { x.period, x.version, x.user_id });
                });

            migrationBuilder.CreateTable(
                name: "period_versions",
                columns: table => new
                {
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    without_scheme = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_period_versions", x => new { x.period, x.version });
                });

            migrationBuilder.CreateIndex(
                name: "ix_kpi_periods_first_day_last_day",
                table: "kpi_periods",
                columns: new[] { "first_day", "last_day" });

            // A closed period's versions and results are kept as they were made: never changed, never removed.
            migrationBuilder.Sql("""
                CREATE FUNCTION kpi_period_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'A closed KPI period''s versions are never changed or removed (table %)', TG_TABLE_NAME
                        USING ERRCODE = 'restrict_violation';
                END $$;
                CREATE TRIGGER period_versions_immutable BEFORE UPDATE OR DELETE ON period_versions
                    FOR EACH ROW EXECUTE FUNCTION kpi_period_snapshot_immutable();
                CREATE TRIGGER period_results_immutable BEFORE UPDATE OR DELETE ON period_results
                    FOR EACH ROW EXECUTE FUNCTION kpi_period_snapshot_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER period_versions_immutable ON period_versions; DROP TRIGGER period_results_immutable ON period_results;");
            migrationBuilder.DropTable(
                name: "kpi_periods");

            migrationBuilder.DropTable(
                name: "period_results");

            migrationBuilder.DropTable(
                name: "period_versions");

            migrationBuilder.Sql("DROP FUNCTION kpi_period_snapshot_immutable();");
        }
    }
}
