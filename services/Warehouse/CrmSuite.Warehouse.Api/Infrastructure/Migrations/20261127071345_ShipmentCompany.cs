using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Warehouse.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ShipmentCompany : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "company_id",
                table: "movements",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_movements_company_id_created_at",
                table: "movements",
                columns: new[] { "company_id", "created_at" },
                filter: "company_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_movements_company_id_created_at",
                table: "movements");

            migrationBuilder.DropColumn(
                name: "company_id",
                table: "movements");
        }
    }
}
