using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Documents.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ListFiltersAndSorts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "search_key",
                table: "documents",
                type: "character varying(430)",
                maxLength: 430,
                nullable: false,
                computedColumnSql: "replace(lower((coalesce(number, '') || ' ' || company_name) COLLATE \"und-x-icu\"), 'ё', 'е')",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_documents_company_id_date_id",
                table: "documents",
                columns: new[] { "company_id", "date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_documents_date_id",
                table: "documents",
                columns: new[] { "date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_documents_total_id",
                table: "documents",
                columns: new[] { "total", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_documents_type_state_date_id",
                table: "documents",
                columns: new[] { "type", "state", "date", "id" });

            // The search's words are found anywhere in search_key (LIKE '%word%'): a trigram index; and
            // the number's sort (drafts have none, sorted as empty): an expression index EF cannot model.
            migrationBuilder.Sql("""
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE INDEX ix_documents_search_key_trgm ON documents USING gin (search_key gin_trgm_ops);
            CREATE INDEX ix_documents_number_sort ON documents ((coalesce(number, '')), id);
            """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
            DROP INDEX IF EXISTS ix_documents_number_sort;
            DROP INDEX IF EXISTS ix_documents_search_key_trgm;
            """);

            migrationBuilder.DropIndex(
                name: "ix_documents_company_id_date_id",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_date_id",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_total_id",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_type_state_date_id",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "search_key",
                table: "documents");
        }
    }
}
