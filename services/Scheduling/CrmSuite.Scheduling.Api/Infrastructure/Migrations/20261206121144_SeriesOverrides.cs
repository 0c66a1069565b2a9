using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Scheduling.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SeriesOverrides : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "occurrence_overrides",
                table: "items",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "occurrence_overrides",
                table: "items");
        }
    }
}
