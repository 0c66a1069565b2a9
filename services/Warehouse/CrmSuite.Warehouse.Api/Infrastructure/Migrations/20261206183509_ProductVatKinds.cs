using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Warehouse.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ProductVatKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A product keeps a VAT kind, no longer a percentage: the percentage depends on the date
            // (BuildingBlocks/Russian/VatRates.cs). Existing rows keep what their number meant:
            // 10 reduced, 0 zero, 5 and 7 the УСН rates; 18, 20, 22 (and any other number, which the
            // old form allowed but no law had) the standard rate, 22 % from 2026.
            migrationBuilder.AddColumn<string>(
                name: "vat_kind",
                table: "products",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "standard");

            migrationBuilder.Sql("""
                UPDATE products SET vat_kind = CASE vat_rate
                    WHEN 10 THEN 'reduced'
                    WHEN 0 THEN 'zero'
                    WHEN 5 THEN 'usn5'
                    WHEN 7 THEN 'usn7'
                    ELSE 'standard' END;
                """);

            migrationBuilder.DropColumn(
                name: "vat_rate",
                table: "products");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "vat_rate",
                table: "products",
                type: "numeric(5,2)",
                nullable: false,
                defaultValue: 0m);

            // Back to the percentage valid today ("without VAT" had no number: 0).
            migrationBuilder.Sql("""
                UPDATE products SET vat_rate = CASE vat_kind
                    WHEN 'standard' THEN CASE WHEN (now() AT TIME ZONE 'Europe/Moscow')::date >= DATE '2026-01-01' THEN 22 ELSE 20 END
                    WHEN 'reduced' THEN 10
                    WHEN 'usn5' THEN 5
                    WHEN 'usn7' THEN 7
                    ELSE 0 END;
                """);

            migrationBuilder.DropColumn(
                name: "vat_kind",
                table: "products");
        }
    }
}
