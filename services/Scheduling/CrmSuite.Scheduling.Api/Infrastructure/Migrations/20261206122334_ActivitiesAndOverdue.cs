using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CrmSuite.Scheduling.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ActivitiesAndOverdue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "activity_type_id",
                table: "items",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "escalated_at",
                table: "items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "next_item_id",
                table: "items",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "overdue_at",
                table: "items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "activity_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    steps = table.Column<string>(type: "jsonb", nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activity_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "activity_types",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    name_ru = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    default_duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    default_reminder_minutes_before = table.Column<int[]>(type: "integer[]", nullable: false),
                    result_required = table.Column<bool>(type: "boolean", nullable: false),
                    next_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    next_in_days = table.Column<int>(type: "integer", nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activity_types", x => x.id);
                    table.CheckConstraint("ck_activity_types_named", "name_ru <> '' OR name_en <> ''");
                    table.ForeignKey(
                        name: "fk_activity_types_activity_types_next_type_id",
                        column: x => x.next_type_id,
                        principalTable: "activity_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "overdue_digests",
                columns: table => new
                {
                    head_user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    tasks = table.Column<int>(type: "integer", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_overdue_digests", x => new { x.head_user_id, x.day });
                });

            migrationBuilder.CreateTable(
                name: "team_heads",
                columns: table => new
                {
                    team_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    head_user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_team_heads", x => new { x.team_id, x.head_user_id });
                });

            migrationBuilder.InsertData(
                table: "activity_types",
                columns: new[] { "id", "archived", "code", "created_at", "default_duration_minutes", "default_reminder_minutes_before", "kind", "name_en", "name_ru", "next_in_days", "next_type_id", "result_required", "updated_at" },
                values: new object[,]
                {
                    { new Guid("0193e8a0-0000-7000-8000-000000000001"), false, "call", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 15, new[] { 15 }, (short)3, "Call", "Звонок", 0, null, true, new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { new Guid("0193e8a0-0000-7000-8000-000000000003"), false, "email", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 0, new int[0], (short)1, "E-mail", "Письмо", 0, null, false, new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { new Guid("0193e8a0-0000-7000-8000-000000000004"), false, "task", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 0, new[] { 60 }, (short)1, "Task", "Задача", 0, null, false, new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { new Guid("0193e8a0-0000-7000-8000-000000000002"), false, "meeting", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 60, new[] { 60 }, (short)2, "Meeting", "Встреча", 1, new Guid("0193e8a0-0000-7000-8000-000000000003"), true, new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) }
                });

            migrationBuilder.CreateIndex(
                name: "ix_items_activity_type_id",
                table: "items",
                column: "activity_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_items_overdue_claim",
                table: "items",
                columns: new[] { "starts_at", "id" },
                filter: "kind = 1 AND status IN (1, 2) AND overdue_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_activity_types_code",
                table: "activity_types",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_activity_types_next_type_id",
                table: "activity_types",
                column: "next_type_id");

            migrationBuilder.AddForeignKey(
                name: "fk_items_activity_types_activity_type_id",
                table: "items",
                column: "activity_type_id",
                principalTable: "activity_types",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_items_activity_types_activity_type_id",
                table: "items");

            migrationBuilder.DropTable(
                name: "activity_plans");

            migrationBuilder.DropTable(
                name: "activity_types");

            migrationBuilder.DropTable(
                name: "overdue_digests");

            migrationBuilder.DropTable(
                name: "team_heads");

            migrationBuilder.DropIndex(
                name: "ix_items_activity_type_id",
                table: "items");

            migrationBuilder.DropIndex(
                name: "ix_items_overdue_claim",
                table: "items");

            migrationBuilder.DropColumn(
                name: "activity_type_id",
                table: "items");

            migrationBuilder.DropColumn(
                name: "escalated_at",
                table: "items");

            migrationBuilder.DropColumn(
                name: "next_item_id",
                table: "items");

            migrationBuilder.DropColumn(
                name: "overdue_at",
                table: "items");
        }
    }
}
