using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace CrmSuite.Clients.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Deals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pipelines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "und-x-icu"),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pipelines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pipeline_stages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    probability = table.Column<int>(type: "integer", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pipeline_stages", x => x.id);
                    table.CheckConstraint("ck_pipeline_stages_probability", "probability BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_pipeline_stages_pipelines_pipeline_id",
                        column: x => x.pipeline_id,
                        principalTable: "pipelines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "und-x-icu"),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    probability = table.Column<int>(type: "integer", nullable: false),
                    expected_close_date = table.Column<DateOnly>(type: "date", nullable: true),
                    owner_user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    lost_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                        .Annotation("Npgsql:TsVectorConfig", "simple")
                        .Annotation("Npgsql:TsVectorProperties", new[] { "title" })
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deals", x => x.id);
                    table.CheckConstraint("ck_deals_amount", "amount >= 0");
                    table.CheckConstraint("ck_deals_probability", "probability BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_deals_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deals_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deals_pipeline_stages_stage_id",
                        column: x => x.stage_id,
                        principalTable: "pipeline_stages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deals_pipelines_pipeline_id",
                        column: x => x.pipeline_id,
                        principalTable: "pipelines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deal_stage_history",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    deal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_stage_id = table.Column<Guid>(type: "uuid", nullable: true),
                    to_stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deal_stage_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_deal_stage_history_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deal_stage_history_pipeline_stages_from_stage_id",
                        column: x => x.from_stage_id,
                        principalTable: "pipeline_stages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deal_stage_history_pipeline_stages_to_stage_id",
                        column: x => x.to_stage_id,
                        principalTable: "pipeline_stages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_deal_stage_history_deal_id_changed_at",
                table: "deal_stage_history",
                columns: new[] { "deal_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_deal_stage_history_from_stage_id",
                table: "deal_stage_history",
                column: "from_stage_id");

            migrationBuilder.CreateIndex(
                name: "ix_deal_stage_history_to_stage_id_changed_at",
                table: "deal_stage_history",
                columns: new[] { "to_stage_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_deals_amount_id",
                table: "deals",
                columns: new[] { "amount", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_deals_company_id_updated_at_id",
                table: "deals",
                columns: new[] { "company_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_deals_contact_id",
                table: "deals",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_deals_owner_user_id_updated_at_id",
                table: "deals",
                columns: new[] { "owner_user_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_deals_pipeline_id",
                table: "deals",
                column: "pipeline_id");

            migrationBuilder.CreateIndex(
                name: "ix_deals_search_vector",
                table: "deals",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_deals_stage_id_updated_at_id",
                table: "deals",
                columns: new[] { "stage_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_deals_updated_at_id",
                table: "deals",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_pipeline_stages_pipeline_id_position",
                table: "pipeline_stages",
                columns: new[] { "pipeline_id", "position" });

            // A fresh install has one pipeline to sell with; administrators rename or reshape it
            // (clients.configure). Fixed ids, so every installation's default pipeline is the same record.
            migrationBuilder.Sql("""
                INSERT INTO pipelines (id, name, created_at, updated_at)
                VALUES ('01900000-0000-7000-8000-000000000001', 'Продажи', now(), now());
                INSERT INTO pipeline_stages (id, pipeline_id, name, position, kind, probability) VALUES
                  ('01900000-0000-7000-8000-000000000011', '01900000-0000-7000-8000-000000000001', 'Новая', 1, 'Open', 10),
                  ('01900000-0000-7000-8000-000000000012', '01900000-0000-7000-8000-000000000001', 'Квалификация', 2, 'Open', 25),
                  ('01900000-0000-7000-8000-000000000013', '01900000-0000-7000-8000-000000000001', 'Предложение', 3, 'Open', 50),
                  ('01900000-0000-7000-8000-000000000014', '01900000-0000-7000-8000-000000000001', 'Переговоры', 4, 'Open', 75),
                  ('01900000-0000-7000-8000-000000000015', '01900000-0000-7000-8000-000000000001', 'Выиграна', 5, 'Won', 100),
                  ('01900000-0000-7000-8000-000000000016', '01900000-0000-7000-8000-000000000001', 'Проиграна', 6, 'Lost', 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deal_stage_history");

            migrationBuilder.DropTable(
                name: "deals");

            migrationBuilder.DropTable(
                name: "pipeline_stages");

            migrationBuilder.DropTable(
                name: "pipelines");
        }
    }
}
