using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Clients.Api.Infrastructure.Migrations
{
    /// <summary>
    /// A btree over the name key (legal form, case and punctuation ignored) and the id, for the
    /// import preview: each file row without an INN, email or phone match looks up the first
    /// active company of the same name key in one index probe. The trigram index answers "similar"
    /// for one name typed in the form; over a 100,000-row file at a million companies it took
    /// 0.4–0.5 s per row (bench/clients-scale), so a file is matched on the same name key instead.
    /// </summary>
    [DbContext(typeof(ClientsDbContext))]
    [Migration("20261127130000_CompanyNameKeyIndex")]
    public partial class CompanyNameKeyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_companies_name_key ON companies (company_name_key(name), id) WHERE archived_at IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_companies_name_key;");
        }
    }
}
