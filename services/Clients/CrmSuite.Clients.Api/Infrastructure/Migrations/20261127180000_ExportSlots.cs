using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Clients.Api.Infrastructure.Migrations
{
    /// <summary>
    /// The export throttle's window per person, shared by every replica of the service (it was
    /// kept in each process's memory). Rows older than the window are deleted as the person exports.
    /// </summary>
    [DbContext(typeof(ClientsDbContext))]
    [Migration("20261127180000_ExportSlots")]
    public partial class ExportSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE export_slots (
                    user_id text NOT NULL,
                    at timestamptz NOT NULL
                );
                CREATE INDEX ix_export_slots_user_at ON export_slots (user_id, at);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS export_slots;");
        }
    }
}
