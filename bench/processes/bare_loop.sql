-- The bare SQL loop of bench/processes: the engine's state updates, step by step, with nothing
-- around them. Each `bare_*` table is a copy of the engine's table (same columns, same indexes),
-- filled with the same starting state the API left (1,000 ready start tokens); `bare_work()` is
-- one engine worker: claim the soonest due row FOR UPDATE SKIP LOCKED, lock its instance, write the
-- step's rows, commit, again — the same rows per step the service writes (run.sh prints both), but
-- no definition lookups, no name lookups, no ORM, no round trips. Two psql sessions run it at once,
-- as the service runs two claiming loops (Scheduling:Processes:Workers).
-- Run once after the service's run (it copies the service's starting state and one of its tasks).

DROP TABLE IF EXISTS bare_process_instances, bare_process_tokens, bare_process_timers, bare_process_steps, bare_process_log, bare_items, bare_reminders, bare_outbox_messages;
CREATE TABLE bare_process_instances (LIKE process_instances INCLUDING ALL);
CREATE TABLE bare_process_tokens (LIKE process_tokens INCLUDING ALL);
CREATE TABLE bare_process_timers (LIKE process_timers INCLUDING ALL);
CREATE TABLE bare_process_steps (LIKE process_steps INCLUDING ALL);
CREATE TABLE bare_process_log (LIKE process_log INCLUDING ALL);
CREATE TABLE bare_items (LIKE items INCLUDING ALL);
CREATE TABLE bare_reminders (LIKE reminders INCLUDING ALL);
CREATE TABLE bare_outbox_messages (LIKE outbox_messages INCLUDING ALL);

-- The starting state: what StartProcess wrote (snap_* were taken before the engine ran), due now.
INSERT INTO bare_process_instances SELECT * FROM snap_process_instances;
INSERT INTO bare_process_tokens SELECT * FROM snap_process_tokens;
INSERT INTO bare_process_timers SELECT * FROM snap_process_timers;
UPDATE bare_process_timers SET due_at = now();
INSERT INTO bare_process_log (instance_id, at, element_id, element_name, text_en, text_ru, actor_name, error)
  SELECT instance_id, at, element_id, element_name, text_en, text_ru, actor_name, error FROM snap_process_log;
ANALYZE bare_process_instances, bare_process_tokens, bare_process_timers;

-- The events the service queued with one of its tasks (its audit entry, the task-created event).
DROP TABLE IF EXISTS bare_task_events;
CREATE TABLE bare_task_events AS
  SELECT o.* FROM outbox_messages o, (SELECT id FROM items LIMIT 1) i WHERE o.payload::text LIKE '%' || i.id || '%';

CREATE OR REPLACE FUNCTION bare_next_token(p_instance uuid, p_element text, p_flow text) RETURNS void LANGUAGE sql AS $$
  WITH t AS (
    INSERT INTO bare_process_tokens (id, instance_id, element_id, arrived_by, state, created_at, updated_at)
    VALUES (gen_random_uuid(), p_instance, p_element, p_flow, 1, now(), now()) RETURNING id)
  INSERT INTO bare_process_timers (id, kind, instance_id, token_id, element_id, due_at, status, attempts, created_at)
  SELECT gen_random_uuid(), 1, p_instance, t.id, p_element, now(), 1, 0, now() FROM t;
$$;

CREATE OR REPLACE FUNCTION bare_step(p_instance uuid, p_element text, p_token uuid, p_effect text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO bare_process_steps (id, instance_id, element_id, token_id, state, effect, attempts, at)
  VALUES (gen_random_uuid(), p_instance, p_element, p_token, 1, p_effect, 1, now());
$$;

CREATE OR REPLACE FUNCTION bare_log(p_instance uuid, p_element text, p_text text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO bare_process_log (instance_id, at, element_id, element_name, text_en, text_ru, actor_name, error)
  VALUES (p_instance, now(), p_element, p_element, p_text, p_text, '', false);
$$;

-- A copy of one of the service's tasks with a new id (every column but the generated ones).
DO $do$
DECLARE
  cols text;
  vals text;
BEGIN
  SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position),
         string_agg(CASE column_name WHEN 'id' THEN 'p_id' WHEN 'created_at' THEN 'now()' WHEN 'updated_at' THEN 'now()'
                    ELSE 'i.' || quote_ident(column_name) END, ', ' ORDER BY ordinal_position)
    INTO cols, vals
    FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'items' AND is_generated = 'NEVER';
  EXECUTE format($f$CREATE OR REPLACE FUNCTION bare_insert_item(p_id uuid) RETURNS void LANGUAGE sql AS $b$
    INSERT INTO bare_items (%s) SELECT %s FROM (SELECT * FROM items LIMIT 1) i $b$$f$, cols, vals);
END $do$;

-- One worker: runs until no row is pending, sleeping 10 ms when the soonest row is not due yet.
CREATE OR REPLACE PROCEDURE bare_work(p_timer interval) LANGUAGE plpgsql AS $$
DECLARE
  t bare_process_timers%ROWTYPE;
  item_id uuid;
  event outbox_messages%ROWTYPE;
  reminder reminders%ROWTYPE;
  inst uuid;
BEGIN
  LOOP
    SELECT * INTO t FROM bare_process_timers WHERE status = 1 AND due_at <= now() ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
      COMMIT;
      -- Done when nothing is due within the hour (the tasks' late alerts are due tomorrow).
      EXIT WHEN NOT EXISTS (SELECT 1 FROM bare_process_timers WHERE status = 1 AND due_at < now() + interval '1 hour');
      PERFORM pg_sleep(0.01);
      CONTINUE;
    END IF;
    UPDATE bare_process_timers SET status = 2, fired_at = now() WHERE id = t.id;
    SELECT id INTO inst FROM bare_process_instances WHERE id = t.instance_id FOR UPDATE;
    PERFORM 1 FROM bare_process_tokens WHERE id = t.token_id;
    IF t.kind = 1 AND t.element_id = 'Start_ByHand' THEN
      PERFORM bare_step(inst, t.element_id, t.token_id, NULL);
      UPDATE bare_process_tokens SET state = 3, updated_at = now() WHERE id = t.token_id;
      PERFORM bare_next_token(inst, 'Timer_Wait', 'Flow_Wait');
    ELSIF t.kind = 1 AND t.element_id = 'Timer_Wait' THEN
      UPDATE bare_process_tokens SET state = 2, due_at = now() + p_timer, updated_at = now() WHERE id = t.token_id;
      INSERT INTO bare_process_timers (id, kind, instance_id, token_id, element_id, due_at, status, attempts, created_at)
      VALUES (gen_random_uuid(), 2, inst, t.token_id, t.element_id, now() + p_timer, 1, 0, now());
      PERFORM bare_log(inst, t.element_id, 'Waiting ' || p_timer);
    ELSIF t.kind = 2 THEN
      PERFORM bare_log(inst, t.element_id, 'Timer fired');
      PERFORM bare_step(inst, t.element_id, t.token_id, 'fired');
      UPDATE bare_process_tokens SET state = 3, updated_at = now() WHERE id = t.token_id;
      PERFORM bare_next_token(inst, 'Task_Call', 'Flow_Call');
    ELSIF t.kind = 1 AND t.element_id = 'Task_Call' THEN
      -- The task: a copy of one the service made.
      item_id := gen_random_uuid();
      PERFORM bare_insert_item(item_id);
      -- Its reminder (the task type's default), and the events it queued.
      SELECT * INTO reminder FROM reminders LIMIT 1;
      reminder.id := gen_random_uuid();
      reminder.item_id := item_id;
      reminder.created_at := now();
      INSERT INTO bare_reminders SELECT reminder.*;
      FOR event IN SELECT * FROM bare_task_events LOOP
        event.id := gen_random_uuid();
        event.occurred_at := now();
        event.published_at := NULL;
        INSERT INTO bare_outbox_messages SELECT event.*;
      END LOOP;
      PERFORM bare_step(inst, t.element_id, t.token_id, item_id::text);
      UPDATE bare_process_tokens SET state = 2, task_item_id = item_id, due_at = now() + interval '1 day', updated_at = now() WHERE id = t.token_id;
      PERFORM bare_log(inst, t.element_id, 'Task created');
      INSERT INTO bare_process_timers (id, kind, instance_id, token_id, element_id, due_at, status, attempts, created_at)
      VALUES (gen_random_uuid(), 4, inst, t.token_id, t.element_id, now() + interval '1 day', 1, 0, now());
    END IF;
    UPDATE bare_process_instances SET updated_at = now() WHERE id = inst;
    COMMIT;
  END LOOP;
END $$;
