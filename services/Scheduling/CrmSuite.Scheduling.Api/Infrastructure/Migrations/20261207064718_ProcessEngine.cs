using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrmSuite.Scheduling.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ProcessEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "process_timers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version_id = table.Column<Guid>(type: "uuid", nullable: true),
                    element_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_process_timers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    draft_xml = table.Column<string>(type: "text", nullable: false),
                    owner_user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    owner_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: false),
                    published_version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "process_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    process_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    xml = table.Column<string>(type: "text", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    published_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_process_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_process_versions_processes_process_id",
                        column: x => x.process_id,
                        principalTable: "processes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "process_instances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    process_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version_number = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<short>(type: "smallint", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: true),
                    deal_id = table.Column<Guid>(type: "uuid", nullable: true),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: true),
                    record_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    record_owner_user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    record_team_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    variables = table.Column<string>(type: "jsonb", nullable: false),
                    trigger = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    trigger_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    started_by_user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    started_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_process_instances", x => x.id);
                    table.ForeignKey(
                        name: "fk_process_instances_process_versions_version_id",
                        column: x => x.version_id,
                        principalTable: "process_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_process_instances_processes_process_id",
                        column: x => x.process_id,
                        principalTable: "processes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "process_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    element_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    element_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    text_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    text_ru = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    error = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_process_log", x => x.id);
                    table.ForeignKey(
                        name: "fk_process_log_process_instances_instance_id",
                        column: x => x.instance_id,
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "process_steps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    element_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    token_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<short>(type: "smallint", nullable: false),
                    effect = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assignee_user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    assignee_rule = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_process_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_process_steps_process_instances_instance_id",
                        column: x => x.instance_id,
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "process_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    element_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    arrived_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    state = table.Column<short>(type: "smallint", nullable: false),
                    task_item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_process_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_process_tokens_process_instances_instance_id",
                        column: x => x.instance_id,
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_company_id",
                table: "process_instances",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_deal_id",
                table: "process_instances",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_lead_id",
                table: "process_instances",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_process_id_state",
                table: "process_instances",
                columns: new[] { "process_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_process_id_trigger_key",
                table: "process_instances",
                columns: new[] { "process_id", "trigger_key" },
                unique: true,
                filter: "trigger_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_started_at_id",
                table: "process_instances",
                columns: new[] { "started_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_version_id",
                table: "process_instances",
                column: "version_id");

            migrationBuilder.CreateIndex(
                name: "ix_process_log_instance_id_id",
                table: "process_log",
                columns: new[] { "instance_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_process_steps_assignee_rule_at",
                table: "process_steps",
                columns: new[] { "assignee_rule", "at" },
                filter: "assignee_rule IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_process_steps_instance_id_element_id_token_id",
                table: "process_steps",
                columns: new[] { "instance_id", "element_id", "token_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_process_timers_due_at_id",
                table: "process_timers",
                columns: new[] { "due_at", "id" },
                filter: "status = 1");

            migrationBuilder.CreateIndex(
                name: "ix_process_timers_instance_id",
                table: "process_timers",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_process_timers_token_id_kind_element_id",
                table: "process_timers",
                columns: new[] { "token_id", "kind", "element_id" },
                unique: true,
                filter: "token_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_process_timers_version_id_element_id_due_at",
                table: "process_timers",
                columns: new[] { "version_id", "element_id", "due_at" },
                unique: true,
                filter: "kind = 5");

            migrationBuilder.CreateIndex(
                name: "ix_process_tokens_instance_id_state",
                table: "process_tokens",
                columns: new[] { "instance_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_process_tokens_task_item_id",
                table: "process_tokens",
                column: "task_item_id",
                unique: true,
                filter: "task_item_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_process_versions_process_id_number",
                table: "process_versions",
                columns: new[] { "process_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_processes_name",
                table: "processes",
                column: "name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "process_log");

            migrationBuilder.DropTable(
                name: "process_steps");

            migrationBuilder.DropTable(
                name: "process_timers");

            migrationBuilder.DropTable(
                name: "process_tokens");

            migrationBuilder.DropTable(
                name: "process_instances");

            migrationBuilder.DropTable(
                name: "process_versions");

            migrationBuilder.DropTable(
                name: "processes");
        }
    }
}
