-- pgbench script: the first page of the company list, newest first (ListAsync, sort CREATED, descending).
SELECT c.id, c.archived_at, c.created_at, c.email, c.inn, c.name, c.owner_user_id, c.phone, c.search_vector, c.team_id, c.updated_at, c.xmin, (
    SELECT count(*)::int
    FROM contacts AS c0
    WHERE c.id = c0.company_id AND c0.archived_at IS NULL)
FROM companies AS c
WHERE c.archived_at IS NULL
ORDER BY c.created_at DESC, c.id DESC
LIMIT :limit;
