using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Kpi.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class KpiOverviewIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_facts_kind_day",
                table: "facts",
                columns: new[] { "kind", "day" },
                filter: "deal_id IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "deal_id", "stage_id", "occurred_at", "user_id", "team_id", "pipeline_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_facts_kind_day",
                table: "facts");
        }
    }
}
