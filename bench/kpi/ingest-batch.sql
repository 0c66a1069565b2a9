-- pgbench script: the bare SQL of :bulk facts through the inbox in ONE transaction, set-based, as a
-- subscriber applying one bulk delivery would: the inbox rows, the fact rows and their contributions
-- to the daily projection summed per row and upserted once. Same managers, teams, days and mix of
-- kinds as ingest.lua (and ingest.sql, its one-fact-per-transaction counterpart).
BEGIN;
WITH ev AS (
    SELECT (floor(random() * :managers) + 1)::int AS m, floor(random() * 365)::int AS d, (floor(random() * 100) + 1)::int AS k
    FROM generate_series(1, :bulk)),
inbox AS (
    INSERT INTO inbox_messages (consumer, event_id, processed_at)
    SELECT '/events/call-logged', gen_random_uuid()::text, now() FROM ev),
f AS (
    INSERT INTO facts (id, kind, user_id, team_id, occurred_at, day, amount, currency, days, pipeline_id, stage_id, title, recorded_at)
    SELECT gen_random_uuid(), CASE WHEN k <= 50 THEN 'call-made' WHEN k <= 60 THEN 'meeting-held' WHEN k <= 75 THEN 'deal-created'
               WHEN k <= 90 THEN 'deal-moved' WHEN k <= 95 THEN 'deal-won' ELSE 'invoice-paid' END,
           'bench-manager-' || lpad(m::text, 2, '0'), 'bench-team-' || ((m - 1) % 8 + 1),
           timestamptz '2026-01-01 09:00Z' + make_interval(days => d), date '2026-01-01' + d, 0, 'RUB', 0.003472, '', NULL, 'call', now()
    FROM ev
    RETURNING user_id, team_id, day, kind, pipeline_id, amount, days)
INSERT INTO daily_figures (user_id, team_id, day, kind, pipeline_id, count, amount, days)
SELECT user_id, team_id, day, kind, pipeline_id, count(*), sum(amount), sum(days)
FROM f GROUP BY user_id, team_id, day, kind, pipeline_id ORDER BY user_id, team_id, day, kind, pipeline_id
ON CONFLICT (user_id, team_id, day, kind, pipeline_id) DO UPDATE SET
    count = daily_figures.count + excluded.count, amount = daily_figures.amount + excluded.amount, days = daily_figures.days + excluded.days;
END;
