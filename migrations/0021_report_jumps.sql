-- 0021_report_jumps.sql — plausibility against the previous period (issue 14): a reported
-- figure far from the same unit's figure for the previous period is accepted, but the write
-- answers a warning and progress lists it as suspect. How far is data: an indicator's
-- `jump_warning_points` (whole percentage points; NULL = not checked), seeded with 30 for the
-- school-reported percents and fractions (a round figure, not taken from the plan: editable).
-- The previous period is the plan year before (the previous calendar year, or the previous
-- school year for a school-year indicator). Booleans are never checked: a change is all there
-- is to report.

ALTER TABLE indicators ADD COLUMN jump_warning_points integer
  CHECK (jump_warning_points BETWEEN 1 AND 100);
UPDATE indicators SET jump_warning_points = 30
WHERE source = 'school_report' AND value_type IN ('percent', 'fraction');

-- A value as a percent: the percent itself, or 100 × numerator / denominator (NULL for booleans
-- and for 0/0).
CREATE FUNCTION edx_report_percent(value_num numeric, numerator integer, denominator integer)
RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(value_num, CASE WHEN denominator > 0 THEN 100.0 * numerator / denominator END)
$$;

-- Every value more than its indicator's jump_warning_points away from the same unit's value
-- for the year before (a school's, or the office's when school_id is NULL).
CREATE VIEW report_value_jumps AS
SELECT v.id, v.district_id, v.school_id, v.year, v.indicator_code,
       edx_report_value(v) AS value, edx_report_value(pv) AS previous,
       i.jump_warning_points,
       round(abs(edx_report_percent(v.value_num, v.numerator, v.denominator)
                 - edx_report_percent(pv.value_num, pv.numerator, pv.denominator)), 2) AS change
FROM report_values v
JOIN indicators i ON i.code = v.indicator_code AND i.jump_warning_points IS NOT NULL
JOIN report_values pv ON pv.indicator_code = v.indicator_code AND pv.year = v.year - 1
  AND ((v.school_id IS NULL AND pv.school_id IS NULL AND pv.district_id = v.district_id)
       OR pv.school_id = v.school_id)
WHERE abs(edx_report_percent(v.value_num, v.numerator, v.denominator)
          - edx_report_percent(pv.value_num, pv.numerator, pv.denominator))
      > i.jump_warning_points;
