using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace CrmSuite.Clients.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CompanyDetailsTimelineAndCustomFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "emails",
                table: "contacts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phones",
                table: "contacts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "contacts",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "addresses",
                table: "companies",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bank_account",
                table: "companies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bank_bik",
                table: "companies",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bank_correspondent_account",
                table: "companies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bank_name",
                table: "companies",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "custom_search_text",
                table: "companies",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "custom_search_vector",
                table: "companies",
                type: "tsvector",
                nullable: false)
                .Annotation("Npgsql:TsVectorConfig", "simple")
                .Annotation("Npgsql:TsVectorProperties", new[] { "custom_search_text" });

            migrationBuilder.AddColumn<string>(
                name: "custom_values",
                table: "companies",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'{}'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "emails",
                table: "companies",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "full_legal_name",
                table: "companies",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kpp",
                table: "companies",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "legal_form",
                table: "companies",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ogrn",
                table: "companies",
                type: "character varying(15)",
                maxLength: 15,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phones",
                table: "companies",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "companies",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            // Existing rows: the single email/phone become the primary entry of the new lists.
            migrationBuilder.Sql("""
                UPDATE companies SET
                  addresses = '[]'::jsonb,
                  phones = CASE WHEN phone IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('Kind', 'work', 'Value', phone, 'Primary', true)) END,
                  emails = CASE WHEN email IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('Kind', 'work', 'Value', email, 'Primary', true)) END;
                UPDATE contacts SET
                  phones = CASE WHEN phone IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('Kind', 'work', 'Value', phone, 'Primary', true)) END,
                  emails = CASE WHEN email IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('Kind', 'work', 'Value', email, 'Primary', true)) END;
                """);

            migrationBuilder.CreateTable(
                name: "company_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    user_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    changes = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_company_changes_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "custom_sections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name_ru = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custom_sections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "custom_fields",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    section_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name_ru = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    required = table.Column<bool>(type: "boolean", nullable: false),
                    searchable = table.Column<bool>(type: "boolean", nullable: false),
                    filterable = table.Column<bool>(type: "boolean", nullable: false),
                    options = table.Column<List<string>>(type: "text[]", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custom_fields", x => x.id);
                    table.ForeignKey(
                        name: "fk_custom_fields_custom_sections_section_id",
                        column: x => x.section_id,
                        principalTable: "custom_sections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_companies_custom_search_vector",
                table: "companies",
                column: "custom_search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_companies_custom_values",
                table: "companies",
                column: "custom_values")
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_companies_tags",
                table: "companies",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_company_changes_company_id_at_id",
                table: "company_changes",
                columns: new[] { "company_id", "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_custom_fields_section_id",
                table: "custom_fields",
                column: "section_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "company_changes");

            migrationBuilder.DropTable(
                name: "custom_fields");

            migrationBuilder.DropTable(
                name: "custom_sections");

            migrationBuilder.DropIndex(
                name: "ix_companies_custom_search_vector",
                table: "companies");

            migrationBuilder.DropIndex(
                name: "ix_companies_custom_values",
                table: "companies");

            migrationBuilder.DropIndex(
                name: "ix_companies_tags",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "emails",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "phones",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "role",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "addresses",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "bank_account",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "bank_bik",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "bank_correspondent_account",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "bank_name",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "custom_search_text",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "custom_search_vector",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "custom_values",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "emails",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "full_legal_name",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "kpp",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "legal_form",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "ogrn",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "phones",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "companies");
        }
    }
}
