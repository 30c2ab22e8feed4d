-- 0019_periods.sql — the period an indicator is reported in (issue 14): a calendar year, or a
-- school year (năm học, September to August). Curriculum share, electronic records, fee
-- collection and the other school-practice indicators are reported per school year, assessments
-- run in the spring of a school year, while dossiers, procedures and the office's own figures
-- are calendar-year matters. Rows keep their integer `year`: it is the plan year, the calendar
-- year itself or the year a school year ends in (school year 2023-2024 is stored as 2024), so a
-- plan for 2024 combines the indicators of calendar 2024 and of school year 2023-2024 and the
-- data reported before this migration keeps its meaning. The kind is data, editable through
-- PATCH /v1/indicators/{code}; seeded here by source.

ALTER TABLE indicators ADD COLUMN period_kind text NOT NULL DEFAULT 'calendar_year'
  CHECK (period_kind IN ('calendar_year', 'school_year'));

UPDATE indicators SET period_kind = 'school_year'
WHERE source IN ('school_report', 'assessments');

-- Plans (`periods`), assessments (`school_year`) and indicators (`period_kind`, and the fields
-- of 0020 and 0021) gain fields in db/representations.sql: announce every one again so that a
-- mirror following GET /v1/changes receives the new shape.
INSERT INTO changes (entity, entity_id, district_id, op, xid, seq)
SELECT 'plan', id::text, district_id, 'upsert', pg_current_xact_id(), nextval('change_seq')
FROM plans p ORDER BY p.id
ON CONFLICT (entity, entity_id, district_id) DO UPDATE
  SET op = excluded.op, xid = excluded.xid, seq = excluded.seq, changed_at = now();
INSERT INTO changes (entity, entity_id, district_id, op, xid, seq)
SELECT 'assessment', id::text, district_id, 'upsert', pg_current_xact_id(), nextval('change_seq')
FROM assessments a ORDER BY a.id
ON CONFLICT (entity, entity_id, district_id) DO UPDATE
  SET op = excluded.op, xid = excluded.xid, seq = excluded.seq, changed_at = now();
