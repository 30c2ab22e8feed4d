-- 0024_embedded_names.sql — assessments and report values carry their school as {id, code,
-- name}, dossiers their procedure as {id, code, name} (db/representations.sql, issue 15 finding
-- 9), so a list shows names without a read per row. Those representations now read the school's
-- name and the procedure's code and name: a rename must re-announce them in the change feed
-- (0009), or a mirror that follows the feed would keep the old name. The two trigger functions of
-- 0009 are replaced (their triggers stay): a school whose code or name changes re-announces its
-- report values and assessments; a procedure whose fee, code or name changes its dossiers.

CREATE OR REPLACE FUNCTION edx_changes_on_school_codes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  renamed uuid[];
BEGIN
  SELECT array_agg(id) INTO renamed FROM (SELECT id, code, name FROM new_rows
                                          EXCEPT SELECT id, code, name FROM old_rows) r;
  IF renamed IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM edx_changes_put('report_value', 'upsert', array_agg(v.id::text), array_agg(v.district_id))
  FROM report_values v WHERE v.school_id = ANY (renamed);
  PERFORM edx_changes_put('assessment', 'upsert', array_agg(a.id::text), array_agg(a.district_id))
  FROM assessments a WHERE a.school_id = ANY (renamed);
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION edx_changes_on_procedure_fees() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM edx_changes_put('dossier', 'upsert', array_agg(d.id::text), array_agg(d.district_id))
  FROM dossiers d
  WHERE d.procedure_id IN (SELECT id FROM (SELECT id, fee, code, name FROM new_rows
                                           EXCEPT SELECT id, fee, code, name FROM old_rows) refeed);
  RETURN NULL;
END
$$;
