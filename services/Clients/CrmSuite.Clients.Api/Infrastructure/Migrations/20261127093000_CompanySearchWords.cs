using CrmSuite.Clients.Api.Companies;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Clients.Api.Infrastructure.Migrations
{
    /// <summary>
    /// The word index behind search-as-you-type (see <see cref="CompanySearch"/>): one row per word
    /// of a company's name, email and searchable custom fields, its INN and phone digits, keyed so that the companies whose word
    /// starts with the typed text come out of one btree already in name order. Kept by a trigger, so
    /// every path that writes companies (service, import, merge, a DBA's UPDATE) keeps it right.
    /// Measured by bench/clients-scale.
    /// </summary>
    [DbContext(typeof(ClientsDbContext))]
    [Migration("20261127093000_CompanySearchWords")]
    public partial class CompanySearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE company_search_words (
                    prefix text COLLATE "C" NOT NULL,
                    name varchar(300) COLLATE "und-x-icu" NOT NULL,
                    company_id uuid NOT NULL,
                    word text COLLATE "C" NOT NULL,
                    CONSTRAINT pk_company_search_words PRIMARY KEY (prefix, name, company_id, word)
                );
                CREATE INDEX ix_company_search_words_company_id_word ON company_search_words (company_id, word);

                -- Words as WordSearchPlan reads a query: letters and digits, lower case (ICU, so
                -- Cyrillic too whatever the cluster's locale); the INN and the phone's digits whole. Words
                -- compare byte-wise (COLLATE "C"), whatever collation the arguments bring when inlined.
                CREATE FUNCTION company_search_words_of(name text, email text, inn text, phone text, custom text)
                RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT w COLLATE "C"
                    FROM regexp_split_to_table(lower((coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(custom, '')) COLLATE "und-x-icu"), '[^[:alnum:]]+') AS w
                    WHERE length(w) >= 2
                    UNION
                    SELECT inn COLLATE "C" WHERE inn IS NOT NULL AND inn <> ''
                    UNION
                    SELECT regexp_replace(phone COLLATE "C", '[^0-9]', '', 'g') WHERE phone IS NOT NULL AND phone <> ''
                $$;

                -- Statement-level triggers over transition tables: an import or a bulk update
                -- maintains the index in one set-based statement, not a function call per row.
                CREATE FUNCTION company_search_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO company_search_words (prefix, name, company_id, word)
                    SELECT left(w, 3), n.name, n.id, w
                    FROM added AS n, company_search_words_of(n.name, n.email, n.inn, n.phone, n.custom_search_text) AS w;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION company_search_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM company_search_words w
                    USING after_rows AS n JOIN before_rows AS o ON o.id = n.id
                    WHERE w.company_id = n.id
                      AND (n.name, n.email, n.inn, n.phone, n.custom_search_text) IS DISTINCT FROM (o.name, o.email, o.inn, o.phone, o.custom_search_text);
                    INSERT INTO company_search_words (prefix, name, company_id, word)
                    SELECT left(w, 3), n.name, n.id, w
                    FROM after_rows AS n JOIN before_rows AS o ON o.id = n.id,
                         company_search_words_of(n.name, n.email, n.inn, n.phone, n.custom_search_text) AS w
                    WHERE (n.name, n.email, n.inn, n.phone, n.custom_search_text) IS DISTINCT FROM (o.name, o.email, o.inn, o.phone, o.custom_search_text);
                    RETURN NULL;
                END $$;

                CREATE FUNCTION company_search_words_removed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM company_search_words w USING removed AS o WHERE w.company_id = o.id;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER company_search_words_added AFTER INSERT ON companies
                    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION company_search_words_added();
                CREATE TRIGGER company_search_words_changed AFTER UPDATE ON companies
                    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION company_search_words_changed();
                CREATE TRIGGER company_search_words_removed AFTER DELETE ON companies
                    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION company_search_words_removed();

                INSERT INTO company_search_words (prefix, name, company_id, word)
                SELECT left(w, 3), c.name, c.id, w
                FROM companies c, company_search_words_of(c.name, c.email, c.inn, c.phone, c.custom_search_text) AS w;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER company_search_words_removed ON companies;
                DROP TRIGGER company_search_words_changed ON companies;
                DROP TRIGGER company_search_words_added ON companies;
                DROP FUNCTION company_search_words_removed();
                DROP FUNCTION company_search_words_changed();
                DROP FUNCTION company_search_words_added();
                DROP FUNCTION company_search_words_of(text, text, text, text, text);
                DROP TABLE company_search_words;
                """);
        }
    }
}
