-- pgbench script: the statements the KPI service runs for the director's overview of a random
-- month of 2026 (OverviewQuery: the period's projection sums per person and kind and per kind and
-- day; the people's names and teams; the funnel from the deals' stage entries, funnel_entries),
-- with the same parameters as literals (a director: sees all, no team or pipeline filter).
\set m random(1, 12)
SELECT d.user_id, d.kind, d.day, sum(d.count)::int AS count, sum(d.amount) AS amount
FROM daily_figures d
WHERE d.day BETWEEN make_date(2026, :m, 1) AND (make_date(2026, :m, 1) + interval '1 month - 1 day')::date
  AND d.kind = ANY ('{deal-won,invoice-paid,call-made,meeting-held}'::text[])
  AND (true OR d.user_id = 'director-1' OR d.team_id = ANY ('{}'::text[]))
  AND (NULL::text IS NULL OR d.team_id = NULL) AND (NULL::text IS NULL OR d.pipeline_id = NULL OR d.pipeline_id = '')
GROUP BY GROUPING SETS ((d.user_id, d.kind), (d.kind, d.day));
SELECT p.user_id, p.display_name, p.roles, p.team_ids, p.head_of_team_ids, p.disabled FROM people p
WHERE p.user_id = ANY (ARRAY(SELECT 'bench-manager-' || lpad(g::text, 2, '0') FROM generate_series(1, 50) g));
SELECT t.team_id, t.name FROM team_names t WHERE t.team_id = ANY (ARRAY(SELECT 'bench-team-' || g FROM generate_series(1, 8) g));
SELECT e.stage_id, count(*)::int AS entered, count(*) FILTER (WHERE e.moved_on)::int AS moved_on
FROM funnel_entries e
WHERE e.day BETWEEN make_date(2026, :m, 1) AND (make_date(2026, :m, 1) + interval '1 month - 1 day')::date
  AND (true OR e.user_id = 'director-1' OR e.team_id = ANY ('{}'::text[]))
  AND (NULL::text IS NULL OR e.team_id = NULL) AND (NULL::text IS NULL OR e.pipeline_id = NULL)
  AND (e.previous_day IS NULL OR e.previous_day < make_date(2026, :m, 1) OR NOT EXISTS (
      SELECT 1 FROM funnel_entries p
      WHERE p.deal_id = e.deal_id AND p.stage_id = e.stage_id AND p.day >= make_date(2026, :m, 1)
        AND (p.entered_at, p.fact_id) < (e.entered_at, e.fact_id)
        AND (true OR p.user_id = 'director-1' OR p.team_id = ANY ('{}'::text[]))
        AND (NULL::text IS NULL OR p.team_id = NULL) AND (NULL::text IS NULL OR p.pipeline_id = NULL)))
GROUP BY e.stage_id;
