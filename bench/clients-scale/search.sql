-- pgbench script: the clients service's search statement (SearchAsync in CompanyQueries.cs, as EF
-- Core logs it with Microsoft.EntityFrameworkCore.Database.Command at Information), for a random
-- one of the sampled queries. Its parameters are looked up first (\gset): pgbench substitutes
-- them as literals, so PostgreSQL plans with the values as it does for EF's unprepared statement,
-- and a NULL parameter drops its OR branch as EF's SQL does. The lookup is a primary key read in
-- the same transaction; it costs the raw side a little, not the service side.
\set i random(1, :nq)
SELECT name_q, inn_like, phone_like, trunk_like, email_like FROM bench_search_params WHERE i = :i \gset
SELECT c.id, c.archived_at, c.created_at, c.email, c.inn, c.name, c.owner_user_id, c.phone, c.search_vector, c.team_id, c.updated_at, c.xmin, (
    SELECT count(*)::int
    FROM contacts AS c0
    WHERE c.id = c0.company_id AND c0.archived_at IS NULL)
FROM companies AS c
WHERE c.archived_at IS NULL AND (c.search_vector @@ to_tsquery('simple', :name_q)
    OR (:inn_like IS NOT NULL AND c.inn LIKE :inn_like)
    OR (:phone_like IS NOT NULL AND c.phone LIKE :phone_like)
    OR (:trunk_like IS NOT NULL AND c.phone LIKE :trunk_like)
    OR c.email LIKE :email_like)
ORDER BY c.name, c.id
LIMIT :limit;
