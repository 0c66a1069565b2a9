using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Scheduling.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ItemLinkIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_items_contact_id",
                table: "items",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_items_lead_id",
                table: "items",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_items_participant_contact_ids",
                table: "items",
                column: "participant_contact_ids")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_items_contact_id",
                table: "items");

            migrationBuilder.DropIndex(
                name: "ix_items_lead_id",
                table: "items");

            migrationBuilder.DropIndex(
                name: "ix_items_participant_contact_ids",
                table: "items");
        }
    }
}
