using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Clients.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DuplicatesImportsExports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "import_id",
                table: "companies",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "companies",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    encoding = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    delimiter = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    state = table.Column<int>(type: "integer", nullable: false),
                    headers = table.Column<string[]>(type: "text[]", nullable: false),
                    mapping = table.Column<string[]>(type: "text[]", nullable: false),
                    total_rows = table.Column<int>(type: "integer", nullable: false),
                    rows_done = table.Column<int>(type: "integer", nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    updated = table.Column<int>(type: "integer", nullable: false),
                    merged = table.Column<int>(type: "integer", nullable: false),
                    skipped = table.Column<int>(type: "integer", nullable: false),
                    errors = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_by_role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    team_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    undone_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failure = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_changes",
                columns: table => new
                {
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    previous = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_changes", x => new { x.import_id, x.company_id });
                    table.ForeignKey(
                        name: "fk_import_changes_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_file_rows",
                columns: table => new
                {
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    cells = table.Column<string[]>(type: "text[]", nullable: false),
                    parse_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_file_rows", x => new { x.import_id, x.row_number });
                    table.ForeignKey(
                        name: "fk_import_file_rows_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_row_plans",
                columns: table => new
                {
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    inn = table.Column<string>(type: "text", nullable: true),
                    email = table.Column<string>(type: "text", nullable: true),
                    phone = table.Column<string>(type: "text", nullable: true),
                    suggested_action = table.Column<short>(type: "smallint", nullable: false),
                    chosen_action = table.Column<short>(type: "smallint", nullable: true),
                    reasons = table.Column<int>(type: "integer", nullable: false),
                    match_id = table.Column<Guid>(type: "uuid", nullable: true),
                    match_name = table.Column<string>(type: "text", nullable: true),
                    errors = table.Column<string>(type: "jsonb", nullable: true),
                    new_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_row_plans", x => new { x.import_id, x.row_number });
                    table.ForeignKey(
                        name: "fk_import_row_plans_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_companies_import_id",
                table: "companies",
                column: "import_id",
                filter: "import_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_companies_merged_into_id",
                table: "companies",
                column: "merged_into_id",
                filter: "merged_into_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_imports_created_at_id",
                table: "imports",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_imports_created_by_created_at_id",
                table: "imports",
                columns: new[] { "created_by", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_imports_state",
                table: "imports",
                column: "state",
                filter: "state = 3");

            // pg_trgm, the name key function and its GIN trigram index (an expression index EF cannot model).
            migrationBuilder.Sql("""
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE OR REPLACE FUNCTION company_name_key(name text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
                SELECT btrim(regexp_replace(
                    regexp_replace(' ' || lower(name COLLATE "und-x-icu") || ' ',
                        '[^[:alnum:]]+(ооо|оао|зао|пао|ао|нао|ип|нко|ано|тоо|чп|llc|ltd|limited|inc|corp|gmbh|plc|co)(?=[^[:alnum:]])', ' ', 'g'),
                    '[^[:alnum:]]+', ' ', 'g'))
            $$;
            CREATE INDEX ix_companies_name_key_trgm ON companies USING gin (company_name_key(name) gin_trgm_ops);
            """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
            DROP INDEX IF EXISTS ix_companies_name_key_trgm;
            DROP FUNCTION IF EXISTS company_name_key(text);
            """);

            migrationBuilder.DropTable(
                name: "import_changes");

            migrationBuilder.DropTable(
                name: "import_file_rows");

            migrationBuilder.DropTable(
                name: "import_row_plans");

            migrationBuilder.DropTable(
                name: "imports");

            migrationBuilder.DropIndex(
                name: "ix_companies_import_id",
                table: "companies");

            migrationBuilder.DropIndex(
                name: "ix_companies_merged_into_id",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "import_id",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "companies");
        }
    }
}
