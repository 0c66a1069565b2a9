-- One business transaction as the clients service commits it: a change (here a row in
-- bench_commits, never updated, so its xmin keeps the commit time) and its audit event in the
-- outbox, in one transaction, waking the relay with NOTIFY at commit.
\set actor random(1, 20)
BEGIN;
WITH change AS (
  INSERT INTO bench_commits (id, phase) VALUES (gen_random_uuid(), :phase) RETURNING id
)
INSERT INTO outbox_messages (id, topic, payload, occurred_at, attempts)
SELECT id, 'audit', jsonb_build_object(
    'actorId', 'bench-user-' || :actor, 'actorName', 'Bench User ' || :actor, 'actorRole', 'SalesManager',
    'action', 'clients.company.updated', 'entityType', 'company', 'entityId', id::text,
    'ip', '127.0.0.1', 'userAgent', 'pgbench', 'outcome', 'success', 'occurredAt', now(),
    'before', jsonb_build_object('name', 'ООО Ромашка', 'phone', '+74951234567'),
    'after', jsonb_build_object('name', 'ООО Ромашка и партнёры', 'phone', '+74951234567'),
    'details', NULL),
  now(), 0
FROM change;
NOTIFY crm_outbox;
END;
