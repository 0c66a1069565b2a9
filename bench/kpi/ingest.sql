-- pgbench script: the bare SQL of one fact through the inbox, as the KPI service commits it for a
-- call-logged event: the inbox row, the fact, its contribution to the daily projection (upsert),
-- in one transaction. Same managers, teams and days as ingest.lua.
\set m random(1, :managers)
\set d random(0, 364)
\set k random(1, 100)
BEGIN;
INSERT INTO inbox_messages (consumer, event_id, processed_at) VALUES ('/events/call-logged', gen_random_uuid()::text, now());
INSERT INTO facts (id, kind, user_id, team_id, occurred_at, day, amount, currency, days, pipeline_id, stage_id, title, recorded_at)
VALUES (gen_random_uuid(), CASE WHEN :k <= 50 THEN 'call-made' WHEN :k <= 60 THEN 'meeting-held' WHEN :k <= 75 THEN 'deal-created'
          WHEN :k <= 90 THEN 'deal-moved' WHEN :k <= 95 THEN 'deal-won' ELSE 'invoice-paid' END,
        'bench-manager-' || lpad(:m::text, 2, '0'), 'bench-team-' || ((:m - 1) % 8 + 1),
        timestamptz '2026-01-01 09:00Z' + make_interval(days => :d), date '2026-01-01' + :d, 0, 'RUB', 0.003472, '', NULL, 'call', now());
INSERT INTO daily_figures (user_id, team_id, day, kind, pipeline_id, count, amount, days)
VALUES ('bench-manager-' || lpad(:m::text, 2, '0'), 'bench-team-' || ((:m - 1) % 8 + 1), date '2026-01-01' + :d,
        CASE WHEN :k <= 50 THEN 'call-made' WHEN :k <= 60 THEN 'meeting-held' WHEN :k <= 75 THEN 'deal-created'
          WHEN :k <= 90 THEN 'deal-moved' WHEN :k <= 95 THEN 'deal-won' ELSE 'invoice-paid' END, '', 1, 0, 0.003472)
ON CONFLICT (user_id, team_id, day, kind, pipeline_id) DO UPDATE SET
    count = daily_figures.count + excluded.count, amount = daily_figures.amount + excluded.amount, days = daily_figures.days + excluded.days;
END;
