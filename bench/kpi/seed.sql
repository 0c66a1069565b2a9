-- A year (2026) of facts for :managers managers in 8 teams, as the KPI service stores them; the
-- daily projection is then rebuilt from them by the service's own `rebuild` command.
-- Per manager and day: 2 deals created at the first stage, 70 % of them moved to the second the
-- next day, 40 % to the third two days later, 20 % won two days after that; 8 calls; 1 meeting;
-- a paid invoice on 20 % of the days. About 13.8 facts per manager and day.
INSERT INTO team_names (team_id, name, changed_at)
SELECT 'bench-team-' || t, 'Отдел продаж ' || t, now() FROM generate_series(1, 8) t;
INSERT INTO people (user_id, display_name, roles, team_ids, head_of_team_ids, disabled, changed_at, updated_at)
SELECT 'bench-manager-' || lpad(m::text, 2, '0'), 'Менеджер ' || lpad(m::text, 2, '0'), ARRAY['SalesManager'],
       ARRAY['bench-team-' || ((m - 1) % 8 + 1)], ARRAY[]::text[], false, now(), now()
FROM generate_series(1, :managers) m;

CREATE TEMP TABLE bench_deals AS
SELECT m, d, i, md5(m || '-' || d || '-' || i)::uuid AS deal_id, random() AS fate,
       'bench-manager-' || lpad(m::text, 2, '0') AS user_id, 'bench-team-' || ((m - 1) % 8 + 1) AS team_id,
       CASE WHEN i = 1 THEN '6b1f0c1e-0000-4000-8000-000000000001' ELSE '6b1f0c1e-0000-4000-8000-000000000002' END AS pipeline_id,
       (1000 + floor(random() * 499000))::numeric AS amount
FROM generate_series(1, :managers) m, generate_series(0, 364) d, generate_series(1, 2) i;

INSERT INTO facts (id, kind, user_id, team_id, occurred_at, day, amount, currency, days, pipeline_id, stage_id, started_at, deal_id, title, recorded_at)
SELECT gen_random_uuid(), kind, user_id, team_id, at, (at AT TIME ZONE 'Europe/Moscow')::date, amount, 'RUB', days, pipeline_id, stage_id, started_at, deal_id, 'Bench deal', now()
FROM (
    SELECT 'deal-created' AS kind, user_id, team_id, timestamptz '2026-01-01 07:00Z' + make_interval(days => d) AS at, amount, 0::numeric AS days,
           pipeline_id, '5a000000-0000-4000-8000-000000000001' AS stage_id, NULL::timestamptz AS started_at, deal_id FROM bench_deals
    UNION ALL
    SELECT 'deal-moved', user_id, team_id, timestamptz '2026-01-02 08:00Z' + make_interval(days => d), 0, 0,
           pipeline_id, '5a000000-0000-4000-8000-000000000002', NULL, deal_id FROM bench_deals WHERE fate < 0.7
    UNION ALL
    SELECT 'deal-moved', user_id, team_id, timestamptz '2026-01-04 08:00Z' + make_interval(days => d), 0, 0,
           pipeline_id, '5a000000-0000-4000-8000-000000000003', NULL, deal_id FROM bench_deals WHERE fate < 0.4
    UNION ALL
    SELECT 'deal-won', user_id, team_id, timestamptz '2026-01-06 10:00Z' + make_interval(days => d), amount, 5.125,
           pipeline_id, NULL, timestamptz '2026-01-01 07:00Z' + make_interval(days => d), deal_id FROM bench_deals WHERE fate < 0.2
) deals
WHERE at < timestamptz '2026-12-31 20:00Z';

INSERT INTO facts (id, kind, user_id, team_id, occurred_at, day, amount, currency, days, item_id, title, recorded_at)
SELECT gen_random_uuid(), kind, 'bench-manager-' || lpad(m::text, 2, '0'), 'bench-team-' || ((m - 1) % 8 + 1), at,
       (at AT TIME ZONE 'Europe/Moscow')::date, 0, NULL, days, gen_random_uuid(), 'Bench', now()
FROM (
    SELECT 'call-made' AS kind, m, timestamptz '2026-01-01 06:00Z' + make_interval(days => d, hours => c) AS at, 0.003472 AS days
    FROM generate_series(1, :managers) m, generate_series(0, 364) d, generate_series(1, 8) c
    UNION ALL
    SELECT 'meeting-held', m, timestamptz '2026-01-01 12:30Z' + make_interval(days => d), 0
    FROM generate_series(1, :managers) m, generate_series(0, 364) d
) activities;

INSERT INTO facts (id, kind, user_id, team_id, occurred_at, day, amount, currency, days, document_id, title, recorded_at)
SELECT gen_random_uuid(), 'invoice-paid', 'bench-manager-' || lpad(m::text, 2, '0'), 'bench-team-' || ((m - 1) % 8 + 1),
       timestamptz '2026-01-01 11:00Z' + make_interval(days => d), date '2026-01-01' + d, (1000 + floor(random() * 299000))::numeric, 'RUB', 0,
       gen_random_uuid(), 'СЧ-' || m || '-' || d, now()
FROM generate_series(1, :managers) m, generate_series(0, 364) d
WHERE random() < 0.2;
