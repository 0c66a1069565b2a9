using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Kpi.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class KpiFunnelEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_facts_kind_day",
                table: "facts");

            migrationBuilder.DropIndex(
                name: "ix_daily_figures_day_kind",
                table: "daily_figures");

            migrationBuilder.CreateTable(
                name: "funnel_entries",
                columns: table => new
                {
                    fact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    deal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    team_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    pipeline_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    moved_on = table.Column<bool>(type: "boolean", nullable: false),
                    previous_day = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funnel_entries", x => x.fact_id);
                });

            // The stage entries of the facts stored so far (as FunnelProjection.RebuildAsync makes them).
            migrationBuilder.Sql("""
                INSERT INTO funnel_entries (fact_id, deal_id, stage_id, day, entered_at, user_id, team_id, pipeline_id, moved_on, previous_day)
                SELECT e.id, e.deal_id, e.stage_id, e.day, e.occurred_at, e.user_id, e.team_id, e.pipeline_id,
                       EXISTS (SELECT 1 FROM facts x
                               WHERE x.deal_id = e.deal_id AND x.kind IN ('deal-moved', 'deal-won') AND x.occurred_at > e.occurred_at
                                 AND (x.kind = 'deal-won' OR x.stage_id <> e.stage_id)),
                       lag(e.day) OVER (PARTITION BY e.deal_id, e.stage_id ORDER BY e.occurred_at, e.id)
                FROM facts e
                WHERE e.kind IN ('deal-created', 'deal-moved') AND e.deal_id IS NOT NULL AND e.user_id IS NOT NULL AND e.stage_id IS NOT NULL
                """);

            migrationBuilder.CreateIndex(
                name: "ix_daily_figures_day_kind",
                table: "daily_figures",
                columns: new[] { "day", "kind" })
                .Annotation("Npgsql:IndexInclude", new[] { "user_id", "team_id", "pipeline_id", "count", "amount", "days" });

            migrationBuilder.CreateIndex(
                name: "ix_funnel_entries_day",
                table: "funnel_entries",
                column: "day")
                .Annotation("Npgsql:IndexInclude", new[] { "stage_id", "moved_on", "previous_day", "user_id", "team_id", "pipeline_id", "deal_id", "entered_at", "fact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_funnel_entries_deal_id_stage_id_entered_at",
                table: "funnel_entries",
                columns: new[] { "deal_id", "stage_id", "entered_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "funnel_entries");

            migrationBuilder.DropIndex(
                name: "ix_daily_figures_day_kind",
                table: "daily_figures");

            migrationBuilder.CreateIndex(
                name: "ix_facts_kind_day",
                table: "facts",
                columns: new[] { "kind", "day" },
                filter: "deal_id IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "deal_id", "stage_id", "occurred_at", "user_id", "team_id", "pipeline_id" });

            migrationBuilder.CreateIndex(
                name: "ix_daily_figures_day_kind",
                table: "daily_figures",
                columns: new[] { "day", "kind" });
        }
    }
}
