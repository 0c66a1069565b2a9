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

                -- Words as SearchTerms.Parse reads a query: letters and digits, lower case (ICU, so
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

                CREATE FUNCTION company_search_words_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        IF NEW.name IS NOT DISTINCT FROM OLD.name AND NEW.email IS NOT DISTINCT FROM OLD.email
                           AND NEW.inn IS NOT DISTINCT FROM OLD.inn AND NEW.phone IS NOT DISTINCT FROM OLD.phone
                           AND NEW.custom_search_text IS NOT DISTINCT FROM OLD.custom_search_text THEN
                            RETURN NULL;
                        END IF;
                        DELETE FROM company_search_words WHERE company_id = NEW.id;
                    END IF;
                    INSERT INTO company_search_words (prefix, name, company_id, word)
                    SELECT left(w, 3), NEW.name, NEW.id, w
                    FROM company_search_words_of(NEW.name, NEW.email, NEW.inn, NEW.phone, NEW.custom_search_text) AS w;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER company_search_words_refresh AFTER INSERT OR UPDATE ON companies
                    FOR EACH ROW EXECUTE FUNCTION company_search_words_refresh();

                CREATE FUNCTION company_search_words_forget() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM company_search_words WHERE company_id = OLD.id;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER company_search_words_forget AFTER DELETE ON companies
                    FOR EACH ROW EXECUTE FUNCTION company_search_words_forget();

                INSERT INTO company_search_words (prefix, name, company_id, word)
                SELECT left(w, 3), c.name, c.id, w
                FROM companies c, company_search_words_of(c.name, c.email, c.inn, c.phone, c.custom_search_text) AS w;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER company_search_words_forget ON companies;
                DROP TRIGGER company_search_words_refresh ON companies;
                DROP FUNCTION company_search_words_forget();
                DROP FUNCTION company_search_words_refresh();
                DROP FUNCTION company_search_words_of(text, text, text, text, text);
                DROP TABLE company_search_words;
                """);
        }
    }
}
