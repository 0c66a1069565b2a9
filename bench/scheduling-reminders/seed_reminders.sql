-- :reminders reminders due at the same instant (:due, epoch seconds) across :people people: one
-- meeting each (an hour long, starting 15 minutes after :due, Europe/Berlin), its reminder 15
-- minutes before the start, exactly the rows the service writes when a meeting with a 15-minute
-- reminder is created (items + reminders, pending). :tag marks the run (raw / service).
BEGIN;
CREATE TEMP TABLE bench_new ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, n,
       'bench-person-' || lpad((1 + (n - 1) % :people)::text, 3, '0') AS uid,
       to_timestamp(:due) + interval '15 minutes' AS starts_at
FROM generate_series(1, :reminders) n;

INSERT INTO items (id, kind, title, description, start_local, end_local, time_zone, all_day, starts_at, ends_at,
                   series_ends_at, priority, status, owner_user_id, owner_name, team_id, assignee_user_id,
                   watcher_user_ids, checklist, result_required, participant_user_ids, participant_contact_ids,
                   recurrence_exceptions, reminder_minutes_before, created_at, updated_at, created_by)
SELECT id, 2, :'tag' || ' meeting ' || n, NULL,
       starts_at AT TIME ZONE 'Europe/Berlin', (starts_at + interval '1 hour') AT TIME ZONE 'Europe/Berlin',
       'Europe/Berlin', false, starts_at, starts_at + interval '1 hour', starts_at + interval '1 hour',
       2, 1, uid, 'Person ' || uid, NULL, uid, '{}', '[]', false, '{}', '{}', '{}', '{15}', now(), now(), uid
FROM bench_new;

-- The people as identity announces them (identity.person-changed), each with an e-mail address: the
-- service's in-app delivery queues one e-mail per reminder for them (the raw claim loop does not).
INSERT INTO people (user_id, display_name, email, language, disabled, changed_at, updated_at)
SELECT DISTINCT uid, 'Person ' || uid, uid || '@bench.example', CASE WHEN right(uid, 1)::int % 2 = 0 THEN 'en' ELSE 'ru' END, false, now(), now()
FROM bench_new
ON CONFLICT (user_id) DO NOTHING;

INSERT INTO reminders (id, item_id, user_id, minutes_before, due_at, status, created_at, delivered_at, late)
SELECT gen_random_uuid(), id, uid, 15, starts_at - interval '15 minutes', 1, now(), NULL, false
FROM bench_new;
COMMIT;
ANALYZE items;
ANALYZE reminders;
