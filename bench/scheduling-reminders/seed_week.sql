-- A year of a 50-person team's calendar (team :'team', Europe/Berlin): every working day of the
-- last 52 weeks, four items a person: a meeting 09:00-10:00, a call 11:00-11:15, a meeting
-- 14:00-14:30 and a task due 17:00. Past items are done (with their result), as the service
-- leaves them after completion. Rows as the service writes them (local times + zone, UTC
-- instants, series end = the item's end), no reminders (they are long past).
INSERT INTO items (id, kind, title, description, start_local, end_local, time_zone, all_day, starts_at, ends_at,
                   series_ends_at, priority, status, owner_user_id, owner_name, team_id, assignee_user_id,
                   watcher_user_ids, checklist, result_required, result, completed_at, completed_by,
                   participant_user_ids, participant_contact_ids, recurrence_exceptions, reminder_minutes_before,
                   created_at, updated_at, created_by)
SELECT gen_random_uuid(), s.kind, s.title || ' ' || to_char(d.day, 'YYYY-MM-DD'), 'Planned in the bench',
       d.day + s.at, CASE WHEN s.minutes > 0 THEN d.day + s.at + make_interval(mins => s.minutes) END,
       'Europe/Berlin', false,
       (d.day + s.at) AT TIME ZONE 'Europe/Berlin',
       CASE WHEN s.minutes > 0 THEN (d.day + s.at + make_interval(mins => s.minutes)) AT TIME ZONE 'Europe/Berlin' END,
       (d.day + s.at + make_interval(mins => s.minutes)) AT TIME ZONE 'Europe/Berlin',
       2, 3, p.uid, 'Member ' || p.n, :'team', p.uid,
       '{}', '[]', false, 'Done', (d.day + s.at + make_interval(mins => s.minutes)) AT TIME ZONE 'Europe/Berlin', p.uid,
       CASE WHEN s.kind = 2 THEN ARRAY[p.uid] ELSE '{}' END, '{}', '{}', '{15}',
       (d.day + s.at) AT TIME ZONE 'Europe/Berlin' - interval '7 days', (d.day + s.at) AT TIME ZONE 'Europe/Berlin', p.uid
FROM (SELECT n, 'bench-member-' || lpad(n::text, 2, '0') AS uid FROM generate_series(1, 50) n) p
CROSS JOIN (SELECT day::timestamp AS day FROM generate_series(date_trunc('week', now())::date - 364, date_trunc('week', now())::date - 1, interval '1 day') day
            WHERE extract(isodow FROM day) < 6) d
CROSS JOIN (VALUES (2::smallint, 'Team meeting', time '09:00', 60), (3::smallint, 'Client call', time '11:00', 15),
                   (2::smallint, 'Deal review', time '14:00', 30), (1::smallint, 'Report', time '17:00', 0)) s(kind, title, at, minutes);
ANALYZE items;
-- The weeks of that year, as the calendar asks for them: Monday 00:00 to Monday 00:00 local time, in UTC.
-- (week_view.py and the SQL baseline pick from the same list.)
