-- pgbench: the week view's SQL run straight against PostgreSQL, the query the service's ListItems
-- sends for a team head (visibility own/assigned/participant/watcher or the team they head, the
-- week window, ordered by start), as one query for the whole week (no paging round trips).
\set w random(1, 52)
SELECT i.* FROM items i
WHERE (i.owner_user_id = 'bench-head' OR i.assignee_user_id = 'bench-head' OR 'bench-head' = ANY (i.participant_user_ids)
       OR 'bench-head' = ANY (i.watcher_user_ids) OR (i.team_id IS NOT NULL AND i.team_id = ANY ('{bench-team}'::text[])))
  AND i.starts_at < ((date_trunc('week', now())::date - 364 + 7 * (:w - 1) + 7)::timestamp AT TIME ZONE 'Europe/Berlin')
  AND (i.series_ends_at IS NULL OR i.series_ends_at >= ((date_trunc('week', now())::date - 364 + 7 * (:w - 1))::timestamp AT TIME ZONE 'Europe/Berlin'))
ORDER BY i.starts_at, i.id;
