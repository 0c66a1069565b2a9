-- pgbench script: the first page of the company list, most recently active first (ListAsync,
-- sort LAST_ACTIVITY, descending): every company column as EF Core loads it, the contact count
-- and the last activity, walking ix_company_activity_last_activity_at_company_id backwards.
SELECT c.*, (
    SELECT count(*)::int
    FROM contacts AS c0
    WHERE c.id = c0.company_id AND c0.archived_at IS NULL), a.last_activity_at
FROM companies AS c
JOIN company_activity AS a ON c.id = a.company_id
WHERE c.archived_at IS NULL
ORDER BY a.last_activity_at DESC, a.company_id DESC
LIMIT :limit;
