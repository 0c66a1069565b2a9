-- The raw claim loop: the dispatcher's own claim statement (ReminderDispatcher.Claim: FOR UPDATE
-- SKIP LOCKED batch, mark delivered, insert the notifications, one statement, one transaction per
-- batch of @BATCH@, the service's BatchSize), repeated until a claim finds nothing. Two of these run at once, as the two replicas.
DO $$
DECLARE
  claimed int;
  t timestamptz;
BEGIN
  LOOP
    t := clock_timestamp();
    WITH due AS (
        SELECT r.id FROM reminders r
        WHERE r.status = 1 AND r.due_at <= t
        ORDER BY r.due_at, r.id
        LIMIT @BATCH@
        FOR UPDATE SKIP LOCKED),
    delivered AS (
        UPDATE reminders r SET status = 2, delivered_at = t, late = r.due_at < t - interval '1 minute'
        FROM due WHERE r.id = due.id
        RETURNING r.id, r.item_id, r.user_id, r.due_at, r.late)
    INSERT INTO notifications (id, reminder_id, item_id, user_id, title, starts_at, due_at, late, created_at)
    SELECT gen_random_uuid(), d.id, d.item_id, d.user_id, i.title, i.starts_at, d.due_at, d.late, t
    FROM delivered d JOIN items i ON i.id = d.item_id
    ON CONFLICT (reminder_id) DO NOTHING;
    GET DIAGNOSTICS claimed = ROW_COUNT;
    COMMIT;
    EXIT WHEN claimed = 0;
  END LOOP;
END
$$;
