-- 0009_change_feed.sql — the change feed behind GET /v1/changes and the exports' cursors.
--
-- One row per entity (and district it is seen in) that changed: written by triggers in the same
-- transaction as the change, so a rolled-back change never appears and no write path can forget
-- it. A later change of the same entity moves its row to the later position (coalescing), so the
-- table holds one row per live entity plus the tombstones of deleted ones.
--
-- A position is (xid, seq): the writing transaction's id (xid8) and a sequence number inside it.
-- Transactions commit out of xid order, so the feed serves only rows whose xid is below the
-- oldest transaction still running (pg_snapshot_xmin of the reader's snapshot): every such
-- transaction has ended, so no row can appear later below a position already served, and a
-- transaction that commits after a reader passed its xid is impossible (it would have been
-- running, holding the horizon back). See README "Mirroring a district or a province".
--
-- An entity that leaves a district (a school moved by an admin) gets a 'delete' row for the
-- district it left, written before its 'upsert' row for the district it joined, so a mirror of
-- either district, and of everything, ends up right.

CREATE SEQUENCE change_seq;

CREATE TABLE changes (
  entity      text NOT NULL CHECK (entity IN ('district', 'school', 'plan', 'report_value',
                                              'assessment', 'framework', 'indicator',
                                              'procedure', 'dossier')),
  entity_id   text NOT NULL,
  district_id uuid,            -- the district the entity is (or was) in; NULL: the catalogue
  op          text NOT NULL CHECK (op IN ('upsert', 'delete')),
  xid         xid8 NOT NULL,
  seq         bigint NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (entity, entity_id, district_id)
);
CREATE INDEX changes_position ON changes (xid, seq);
CREATE INDEX changes_district_position ON changes (district_id, xid, seq);
CREATE INDEX changes_tombstones ON changes (changed_at) WHERE op = 'delete';

-- The newest position of a purged tombstone: a cursor below it may have missed a deletion
-- (410 cursor-expired), and when the last purge ran.
CREATE TABLE change_feed_state (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  purged_xid xid8 NOT NULL DEFAULT '0',
  purged_seq bigint NOT NULL DEFAULT 0,
  purged_at  timestamptz NOT NULL DEFAULT '-infinity'
);
INSERT INTO change_feed_state DEFAULT VALUES;

-- Records op for the entities ids (each in the district at the same index) at the current
-- position. Rows are written in key order, so that two writers lock them in the same order.
CREATE FUNCTION edx_changes_put(kind text, what text, ids text[], districts uuid[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO changes AS c (entity, entity_id, district_id, op, xid, seq)
  SELECT kind, k.id, k.district_id, what, pg_current_xact_id(), nextval('change_seq')
  FROM (SELECT DISTINCT u.id, u.district_id FROM unnest(ids, districts) AS u(id, district_id)
        WHERE u.id IS NOT NULL ORDER BY u.id, u.district_id) k
  ON CONFLICT (entity, entity_id, district_id) DO UPDATE
    SET op = excluded.op, xid = excluded.xid, seq = excluded.seq, changed_at = now()
$$;

-- The statement trigger of every table the feed follows. Arguments: the entity's name, its id
-- and its district as SQL expressions over a row r of the transition table.
CREATE FUNCTION edx_changes_capture() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  kind text := TG_ARGV[0];
  id_of text := TG_ARGV[1];
  district_of text := TG_ARGV[2];
BEGIN
  IF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT edx_changes_put(%L, ''delete'', array_agg(%s), array_agg(%s))'
                   ' FROM old_rows r', kind, id_of, district_of);
  ELSIF TG_OP = 'UPDATE' THEN
    -- rows that left their district (or changed their key): gone from where they were
    EXECUTE format('SELECT edx_changes_put(%L, ''delete'', array_agg(g.id), array_agg(g.d))'
                   ' FROM (SELECT %s AS id, %s AS d FROM old_rows r'
                   ' EXCEPT SELECT %s, %s FROM new_rows r) g',
                   kind, id_of, district_of, id_of, district_of);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('SELECT edx_changes_put(%L, ''upsert'', array_agg(%s), array_agg(%s))'
                   ' FROM new_rows r', kind, id_of, district_of);
  END IF;
  RETURN NULL;
END
$$;

-- Three triggers per table (a trigger with transition tables takes one event).
CREATE FUNCTION edx_changes_follow(tab regclass, kind text, id_of text, district_of text)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER changes_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS'
                 ' new_rows FOR EACH STATEMENT EXECUTE FUNCTION edx_changes_capture(%L, %L, %L)',
                 tab, kind, id_of, district_of);
  EXECUTE format('CREATE TRIGGER changes_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS'
                 ' old_rows NEW TABLE AS new_rows FOR EACH STATEMENT'
                 ' EXECUTE FUNCTION edx_changes_capture(%L, %L, %L)',
                 tab, kind, id_of, district_of);
  EXECUTE format('CREATE TRIGGER changes_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS'
                 ' old_rows FOR EACH STATEMENT EXECUTE FUNCTION edx_changes_capture(%L, %L, %L)',
                 tab, kind, id_of, district_of);
END
$$;

SELECT edx_changes_follow('districts', 'district', 'r.id::text', 'r.id');
SELECT edx_changes_follow('schools', 'school', 'r.id::text', 'r.district_id');
SELECT edx_changes_follow('plans', 'plan', 'r.id::text', 'r.district_id');
SELECT edx_changes_follow('report_values', 'report_value', 'r.id::text', 'r.district_id');
SELECT edx_changes_follow('assessments', 'assessment', 'r.id::text', 'r.district_id');
SELECT edx_changes_follow('frameworks', 'framework', 'r.code', 'NULL::uuid');
SELECT edx_changes_follow('indicators', 'indicator', 'r.code', 'NULL::uuid');
SELECT edx_changes_follow('procedures', 'procedure', 'r.id::text', 'r.district_id');
SELECT edx_changes_follow('dossiers', 'dossier', 'r.id::text', 'r.district_id');

-- Representations that read another table change with it: a plan with its targets, a report
-- value with its school's code, a dossier with its procedure's fee.
CREATE FUNCTION edx_changes_on_targets() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  plan_ids uuid[];
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT array_agg(plan_id) INTO plan_ids FROM old_rows;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT plan_ids || array_agg(plan_id) INTO plan_ids FROM new_rows;
  END IF;
  -- a plan deleted with its targets has its own 'delete'
  PERFORM edx_changes_put('plan', 'upsert', array_agg(p.id::text), array_agg(p.district_id))
  FROM plans p WHERE p.id = ANY (plan_ids);
  RETURN NULL;
END
$$;
CREATE TRIGGER changes_targets_insert AFTER INSERT ON plan_targets
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_changes_on_targets();
CREATE TRIGGER changes_targets_update AFTER UPDATE ON plan_targets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_changes_on_targets();
CREATE TRIGGER changes_targets_delete AFTER DELETE ON plan_targets
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_changes_on_targets();

CREATE FUNCTION edx_changes_on_school_codes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM edx_changes_put('report_value', 'upsert', array_agg(v.id::text), array_agg(v.district_id))
  FROM report_values v
  WHERE v.school_id IN (SELECT id FROM (SELECT id, code FROM new_rows
                                        EXCEPT SELECT id, code FROM old_rows) recoded);
  RETURN NULL;
END
$$;
CREATE TRIGGER changes_school_codes AFTER UPDATE ON schools
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_changes_on_school_codes();

CREATE FUNCTION edx_changes_on_procedure_fees() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM edx_changes_put('dossier', 'upsert', array_agg(d.id::text), array_agg(d.district_id))
  FROM dossiers d
  WHERE d.procedure_id IN (SELECT id FROM (SELECT id, fee FROM new_rows
                                           EXCEPT SELECT id, fee FROM old_rows) refeed);
  RETURN NULL;
END
$$;
CREATE TRIGGER changes_procedure_fees AFTER UPDATE ON procedures
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_changes_on_procedure_fees();

-- Deletes tombstones older than keep, remembers the newest position it deleted, and when it ran.
-- Returns how many it deleted.
CREATE FUNCTION edx_changes_purge(keep interval) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
  last_xid xid8;
  last_seq bigint;
BEGIN
  PERFORM 1 FROM change_feed_state FOR UPDATE;
  WITH gone AS (DELETE FROM changes WHERE op = 'delete' AND changed_at < now() - keep
                RETURNING xid, seq)
  SELECT count(*) OVER (), xid, seq INTO n, last_xid, last_seq
  FROM gone ORDER BY xid DESC, seq DESC LIMIT 1;
  UPDATE change_feed_state s SET purged_at = now(),
    purged_xid = CASE WHEN (last_xid, last_seq) > (s.purged_xid, s.purged_seq) THEN last_xid
                      ELSE s.purged_xid END,
    purged_seq = CASE WHEN (last_xid, last_seq) > (s.purged_xid, s.purged_seq) THEN last_seq
                      ELSE s.purged_seq END;
  RETURN coalesce(n, 0);
END
$$;

-- Everything there is now, as if just written (one position per row, in this transaction).
INSERT INTO changes (entity, entity_id, district_id, op, xid, seq)
SELECT 'district', id::text, id, 'upsert', pg_current_xact_id(), nextval('change_seq')
FROM districts d ORDER BY d.id;
INSERT INTO changes (entity, entity_id, district_id, op, xid, seq)
SELECT 'indicator', code, NULL, 'upsert', pg_current_xact_id(), nextval('change_seq')
FROM indicators i ORDER BY i.code;
INSERT INTO changes (entity, entity_id, district_id, op, xid, seq)
SELECT 'framework', code, NULL, 'upsert', pg_current_xact_id(), nextval('change_seq')
FROM (SELECT DISTINCT code FROM frameworks ORDER BY code) f;
INSERT INTO changes (entity, entity_id, district_id, op, xid, seq)
SELECT 'school', id::text, district_id, 'upsert', pg_current_xact_id(), nextval('change_seq')
FROM schools s ORDER BY s.id;
INSERT INTO changes (entity, entity_id, district_id, op, xid, seq)
SELECT 'plan', id::text, district_id, 'upsert', pg_current_xact_id(), nextval('change_seq')
FROM plans p ORDER BY p.id;
INSERT INTO changes (entity, entity_id, district_id, op, xid, seq)
SELECT 'report_value', id::text, district_id, 'upsert', pg_current_xact_id(),
       nextval('change_seq')
FROM report_values v ORDER BY v.id;
INSERT INTO changes (entity, entity_id, district_id, op, xid, seq)
SELECT 'assessment', id::text, district_id, 'upsert', pg_current_xact_id(), nextval('change_seq')
FROM assessments a ORDER BY a.id;
INSERT INTO changes (entity, entity_id, district_id, op, xid, seq)
SELECT 'procedure', id::text, district_id, 'upsert', pg_current_xact_id(), nextval('change_seq')
FROM procedures pr ORDER BY pr.id;
INSERT INTO changes (entity, entity_id, district_id, op, xid, seq)
SELECT 'dossier', id::text, district_id, 'upsert', pg_current_xact_id(), nextval('change_seq')
FROM dossiers o ORDER BY o.id;
