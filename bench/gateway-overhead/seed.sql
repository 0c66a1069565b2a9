-- Seed data for the gateway-overhead bench, into the fresh database the service's `migrate` made:
--   psql -v ON_ERROR_STOP=1 -v companies=100000 -d clientsdb -f seed.sql
-- Columns follow the schema the migrations create (`\d companies`): search_vector is a generated
-- column and xmin is the row version, so neither is inserted; columns not named here (e.g. the
-- owner and team) keep their defaults. The bench's token sees all companies.
\set ON_ERROR_STOP on

BEGIN;

INSERT INTO companies (id, name, inn, email, phone, created_at, updated_at, archived_at)
SELECT gen_random_uuid(),
       CASE i % 6
           WHEN 0 THEN 'ООО «Компания ' || i || '»'
           WHEN 1 THEN 'Acme Trading ' || i || ' Ltd'
           WHEN 2 THEN 'АО «Северный завод №' || i || '»'
           WHEN 3 THEN 'Globex Solutions ' || i
           WHEN 4 THEN 'ИП Иванов ' || i
           ELSE 'Initech Consulting Group ' || i
       END,
       CASE WHEN i % 3 = 0 THEN NULL ELSE lpad((7700000000::bigint + i)::text, 10, '0') END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE 'office' || i || '@example.com' END,
       CASE WHEN i % 7 = 0 THEN NULL ELSE '+7495' || lpad(i::text, 7, '0') END,
       ts,
       ts,
       CASE WHEN i % 50 = 0 THEN ts + interval '1 day' END
FROM (SELECT i, now() - make_interval(mins => i) AS ts
      FROM generate_series(1, :companies) AS i) AS s;

-- Three contacts for every fourth company, so GetCompany's contact count is sometimes non-zero.
INSERT INTO contacts (id, company_id, full_name, position, email, phone, created_at, updated_at, archived_at)
SELECT gen_random_uuid(),
       c.id,
       CASE n WHEN 1 THEN 'Иван Петров ' || c.rn WHEN 2 THEN 'Anna Smith ' || c.rn ELSE 'Мария Сидорова ' || c.rn END,
       CASE n WHEN 1 THEN 'Генеральный директор' WHEN 2 THEN 'Sales manager' ELSE NULL END,
       'contact' || n || '.' || c.rn || '@example.com',
       NULL,
       c.created_at,
       c.created_at,
       NULL
FROM (SELECT id, created_at, row_number() OVER (ORDER BY created_at) AS rn FROM companies) AS c
CROSS JOIN generate_series(1, 3) AS n
WHERE c.rn % 4 = 0;

COMMIT;

ANALYZE companies;
ANALYZE contacts;

SELECT (SELECT count(*) FROM companies) AS companies, (SELECT count(*) FROM contacts) AS contacts;
