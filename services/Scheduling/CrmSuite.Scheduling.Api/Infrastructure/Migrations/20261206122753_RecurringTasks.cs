using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Scheduling.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RecurringTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "series_id",
                table: "items",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_items_series_id_start_local",
                table: "items",
                columns: new[] { "series_id", "start_local" },
                unique: true,
                filter: "series_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_items_series_id_start_local",
                table: "items");

            migrationBuilder.DropColumn(
                name: "series_id",
                table: "items");
        }
    }
}
