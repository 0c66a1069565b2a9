using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace CrmSuite.Scheduling.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ItemSpan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<NpgsqlRange<DateTime>>(
                name: "span",
                table: "items",
                type: "tstzrange",
                nullable: false,
                computedColumnSql: "tstzrange(starts_at, CASE WHEN series_ends_at IS NULL OR series_ends_at >= starts_at THEN series_ends_at ELSE starts_at END, '[]')",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_items_span",
                table: "items",
                column: "span")
                .Annotation("Npgsql:IndexMethod", "gist");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_items_span",
                table: "items");

            migrationBuilder.DropColumn(
                name: "span",
                table: "items");
        }
    }
}
