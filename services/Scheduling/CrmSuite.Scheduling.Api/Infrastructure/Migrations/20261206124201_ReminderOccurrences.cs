using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Scheduling.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ReminderOccurrences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "due_at_once",
                table: "reminders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "occurrence_starts_at",
                table: "reminders",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "due_at_once",
                table: "reminders");

            migrationBuilder.DropColumn(
                name: "occurrence_starts_at",
                table: "reminders");
        }
    }
}
