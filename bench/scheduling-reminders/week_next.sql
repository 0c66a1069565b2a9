-- pgbench: one further keyset page of the week view (see week.sql).
SELECT i.*, i.xmin, extract(epoch FROM i.starts_at) AS k_at, quote_literal(i.id::text) AS k_id FROM items i
WHERE (i.owner_user_id = 'bench-head' OR i.assignee_user_id = 'bench-head' OR 'bench-head' = ANY (i.participant_user_ids)
       OR 'bench-head' = ANY (i.watcher_user_ids) OR (i.team_id IS NOT NULL AND i.team_id = ANY ('{bench-team}'::text[])))
  AND i.span && tstzrange((date_trunc('week', now())::date - 364 + 7 * (:w - 1))::timestamp AT TIME ZONE 'Europe/Berlin',
                           (date_trunc('week', now())::date - 364 + 7 * :w)::timestamp AT TIME ZONE 'Europe/Berlin')
  AND (i.starts_at, i.id) >= (to_timestamp(:k_at), :k_id::uuid)
ORDER BY i.starts_at, i.id
LIMIT :limit
\aset
