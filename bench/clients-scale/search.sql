-- pgbench script: the clients service's search (CompanySearch.PageAsync in
-- services/Clients/CrmSuite.Clients.Api/Companies/CompanySearch.cs: the page of ids from the word
-- index, then those companies with their contact counts, as CompanyQueries.SearchAsync loads them)
-- as one statement, for a random one of the sampled queries and a caller who sees every company.
-- The service's two statements are joined here (WITH page), so the raw side does the same work in
-- one round trip instead of two. Parameters are looked up first (\gset) and substituted as
-- literals; a query without Russia's trunk 8 has a NULL second run, which reads nothing (the
-- service leaves that run out).
\set i random(1, :nq)
SELECT p1, l1, p2, l2 FROM bench_search_params WHERE i = :i \gset
WITH page AS (
    SELECT m.company_id, m.name
    FROM (
        SELECT DISTINCT ON (w.name, w.company_id) w.name, w.company_id
        FROM ((SELECT name, company_id FROM company_search_words WHERE prefix = :p1 AND word LIKE :l1 ORDER BY name, company_id)
              UNION ALL
              (SELECT name, company_id FROM company_search_words WHERE prefix = :p2 AND word LIKE :l2 ORDER BY name, company_id)) AS w
        ORDER BY w.name, w.company_id
    ) AS m
    JOIN companies AS c ON c.id = m.company_id
    WHERE c.archived_at IS NULL
    ORDER BY m.name, m.company_id
    LIMIT :limit
)
SELECT c.id, c.archived_at, c.created_at, c.email, c.inn, c.name, c.owner_user_id, c.phone, c.search_vector, c.team_id, c.updated_at, c.xmin, (
    SELECT count(*)::int
    FROM contacts AS c0
    WHERE c.id = c0.company_id AND c0.archived_at IS NULL)
FROM companies AS c
JOIN page ON page.company_id = c.id
ORDER BY page.name, page.company_id;
