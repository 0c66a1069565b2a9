-- pgbench script: the first page of the company list in name order (ListAsync, sort NAME): every
-- company column as EF Core loads it, the contact count and the last activity.
SELECT c.*, (
    SELECT count(*)::int
    FROM contacts AS c0
    WHERE c.id = c0.company_id AND c0.archived_at IS NULL), (
    SELECT a.last_activity_at FROM company_activity AS a WHERE a.company_id = c.id LIMIT 1)
FROM companies AS c
WHERE c.archived_at IS NULL
ORDER BY c.name, c.id
LIMIT :limit;
