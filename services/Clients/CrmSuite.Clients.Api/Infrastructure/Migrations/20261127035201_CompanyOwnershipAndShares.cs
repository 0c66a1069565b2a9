using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Clients.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CompanyOwnershipAndShares : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "owner_user_id",
                table: "companies",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "team_id",
                table: "companies",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "company_shares",
                columns: table => new
                {
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_shares", x => new { x.company_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_company_shares_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_companies_owner_user_id_name_id",
                table: "companies",
                columns: new[] { "owner_user_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_companies_team_id_name_id",
                table: "companies",
                columns: new[] { "team_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_company_shares_user_id",
                table: "company_shares",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "company_shares");

            migrationBuilder.DropIndex(
                name: "ix_companies_owner_user_id_name_id",
                table: "companies");

            migrationBuilder.DropIndex(
                name: "ix_companies_team_id_name_id",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "owner_user_id",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "team_id",
                table: "companies");
        }
    }
}
