using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Scheduling.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OverdueMarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "overdue_marks",
                columns: table => new
                {
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    overdue_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_overdue_marks", x => x.item_id);
                    table.ForeignKey(
                        name: "fk_overdue_marks_items_item_id",
                        column: x => x.item_id,
                        principalTable: "items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The marks made so far move with their tasks.
            migrationBuilder.Sql("INSERT INTO overdue_marks (item_id, overdue_at, escalated_at) SELECT id, overdue_at, escalated_at FROM items WHERE overdue_at IS NOT NULL;");

            migrationBuilder.DropIndex(
                name: "ix_items_escalation_claim",
                table: "items");

            migrationBuilder.DropIndex(
                name: "ix_items_overdue_claim",
                table: "items");

            migrationBuilder.DropColumn(
                name: "escalated_at",
                table: "items");

            migrationBuilder.DropColumn(
                name: "overdue_at",
                table: "items");

            migrationBuilder.CreateIndex(
                name: "ix_items_overdue_claim",
                table: "items",
                columns: new[] { "starts_at", "id" },
                filter: "kind = 1 AND status IN (1, 2) AND recurrence IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_overdue_marks_escalation_claim",
                table: "overdue_marks",
                column: "overdue_at",
                filter: "escalated_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "overdue_marks");

            migrationBuilder.DropIndex(
                name: "ix_items_overdue_claim",
                table: "items");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "escalated_at",
                table: "items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "overdue_at",
                table: "items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_items_escalation_claim",
                table: "items",
                columns: new[] { "starts_at", "id" },
                filter: "kind = 1 AND status IN (1, 2) AND overdue_at IS NOT NULL AND escalated_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_items_overdue_claim",
                table: "items",
                columns: new[] { "starts_at", "id" },
                filter: "kind = 1 AND status IN (1, 2) AND overdue_at IS NULL");
        }
    }
}
