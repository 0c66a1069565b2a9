using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Scheduling.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OverdueWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<short>(
                name: "kind",
                table: "notifications",
                type: "smallint",
                nullable: false,
                defaultValue: (short)1);

            migrationBuilder.CreateTable(
                name: "team_members",
                columns: table => new
                {
                    team_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_team_members", x => new { x.team_id, x.user_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_team_heads_head_user_id",
                table: "team_heads",
                column: "head_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_items_escalation_claim",
                table: "items",
                columns: new[] { "starts_at", "id" },
                filter: "kind = 1 AND status IN (1, 2) AND overdue_at IS NOT NULL AND escalated_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_team_members_user_id",
                table: "team_members",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "team_members");

            migrationBuilder.DropIndex(
                name: "ix_team_heads_head_user_id",
                table: "team_heads");

            migrationBuilder.DropIndex(
                name: "ix_items_escalation_claim",
                table: "items");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "notifications");
        }
    }
}
