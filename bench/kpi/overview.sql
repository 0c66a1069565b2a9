-- pgbench script: the statements the KPI service runs for the director's overview of a random
-- month of 2026 (OverviewQuery: the period's projection rows per person, kind and trend day; the
-- people's names and teams; the funnel from the deals' moves), with the same parameters as literals.
\set m random(1, 12)
SELECT d.user_id, d.kind, CASE WHEN d.kind IN ('deal-won', 'call-made') THEN d.day ELSE make_date(2026, :m, 1) END AS day,
       sum(d.count)::int, sum(d.amount)
FROM daily_figures d
WHERE d.day >= make_date(2026, :m, 1) AND d.day <= (make_date(2026, :m, 1) + interval '1 month - 1 day')::date
  AND d.kind IN ('deal-won', 'invoice-paid', 'call-made', 'meeting-held')
GROUP BY d.user_id, d.kind, 3;
SELECT p.user_id, p.display_name, p.roles, p.team_ids, p.head_of_team_ids, p.disabled FROM people p
WHERE p.user_id = ANY (ARRAY(SELECT 'bench-manager-' || lpad(g::text, 2, '0') FROM generate_series(1, 50) g));
SELECT t.team_id, t.name FROM team_names t WHERE t.team_id = ANY (ARRAY(SELECT 'bench-team-' || g FROM generate_series(1, 8) g));
WITH entered AS (
    SELECT f.deal_id, f.stage_id, min(f.occurred_at) AS entered_at
    FROM facts f
    WHERE f.kind IN ('deal-created', 'deal-moved') AND f.day BETWEEN make_date(2026, :m, 1) AND (make_date(2026, :m, 1) + interval '1 month - 1 day')::date
      AND f.deal_id IS NOT NULL AND f.user_id IS NOT NULL AND f.stage_id IS NOT NULL
    GROUP BY f.deal_id, f.stage_id),
later AS (
    SELECT n.deal_id, n.kind, n.stage_id, n.occurred_at FROM facts n
    WHERE n.kind IN ('deal-moved', 'deal-won') AND n.day >= make_date(2026, :m, 1) AND n.deal_id IS NOT NULL
      AND n.deal_id IN (SELECT deal_id FROM entered)),
per_deal AS (
    SELECT e.stage_id, e.deal_id, bool_or(l.deal_id IS NOT NULL) AS moved_on
    FROM entered e
    LEFT JOIN later l ON l.deal_id = e.deal_id AND l.occurred_at > e.entered_at
        AND (l.kind = 'deal-won' OR l.stage_id <> e.stage_id)
    GROUP BY e.stage_id, e.deal_id)
SELECT stage_id, count(*)::int AS entered, count(*) FILTER (WHERE moved_on)::int AS moved_on
FROM per_deal
GROUP BY stage_id;
