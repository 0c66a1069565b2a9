-- pgbench: the week view's SQL run straight against PostgreSQL: the queries the service's ListItems
-- sends for a team head (visibility own/assigned/participant/watcher or the team they head, the
-- week window as an overlap with the items' GiST-indexed span, keyset pages of PAGE + 1 ordered by start: run.sh passes -D limit=PAGE+1 and appends
-- week_next.sql once for every further page the week needs (none at the default PAGE=1000, as a
-- week holds 1,000 items). \aset keeps the last row's key (the PAGE+1st row), so the next page starts
-- at it (>=), which is the service's "after the PAGE-th". Keys travel as literals (epoch, quoted id) since pgbench has no
-- bind parameters for variables.
\set w random(1, 52)
SELECT i.*, i.xmin, extract(epoch FROM i.starts_at) AS k_at, quote_literal(i.id::text) AS k_id FROM items i
WHERE (i.owner_user_id = 'bench-head' OR i.assignee_user_id = 'bench-head' OR 'bench-head' = ANY (i.participant_user_ids)
       OR 'bench-head' = ANY (i.watcher_user_ids) OR (i.team_id IS NOT NULL AND i.team_id = ANY ('{bench-team}'::text[])))
  AND i.span && tstzrange((date_trunc('week', now())::date - 364 + 7 * (:w - 1))::timestamp AT TIME ZONE 'Europe/Berlin',
                           (date_trunc('week', now())::date - 364 + 7 * :w)::timestamp AT TIME ZONE 'Europe/Berlin')
ORDER BY i.starts_at, i.id
LIMIT :limit
\aset
