-- 0020_office_units.sql — the district office as a reporting unit (issue 14). The plan counts the
-- office where an indicator says "cơ quan, đơn vị" (the office and the schools):
-- DIGITAL_INSPECTION_RATE (inspections carried out digitally), PORTAL_COMPLIANT (Circular
-- 37/2020 covers the office's own portal) and DIGITAL_SIGNATURE_USE. Each indicator now says who
-- reports it (`units`: schools, office, or office_and_schools; data, editable): for
-- office_and_schools the office reports it as one more unit beside the schools of the
-- indicator's levels, and progress counts it so (one more expected unit, listed in missing and
-- below as the office).
--
-- DIGITAL_INSPECTION_RATE was the office's figure alone; it becomes a percent every unit reports,
-- read as the mean over the units that reported (the plan gives no formula across units: an
-- assumption, editable as data). The office's value reported before stays its value.

ALTER TABLE indicators ADD COLUMN units text NOT NULL DEFAULT 'schools'
  CHECK (units IN ('schools', 'office', 'office_and_schools'));
UPDATE indicators SET units = 'office' WHERE source IN ('office_report', 'procedures', 'dossiers');
UPDATE indicators SET units = 'office_and_schools'
WHERE code IN ('PORTAL_COMPLIANT', 'DIGITAL_SIGNATURE_USE');
UPDATE indicators
SET units = 'office_and_schools', source = 'school_report', aggregation = 'mean',
    levels = '{preschool,primary,lower_secondary,primary_lower_secondary}',
    measure = 'mean of the percents reported by the district office and by the schools (the '
              'office counts as one more unit)'
WHERE code = 'DIGITAL_INSPECTION_RATE';
UPDATE indicators
SET measure = measure || '; the district office counts as one more unit'
WHERE code IN ('PORTAL_COMPLIANT', 'DIGITAL_SIGNATURE_USE');

DROP VIEW progress_counts_drift;
DROP VIEW progress_counts_live;
DROP VIEW progress_counts_schools_live;
DROP VIEW progress_school_cells;

-- Whether a reported value meets its target (the rule of 0007, written once for both kinds of
-- unit below): NULL when nothing is reported, or for a fraction of 0/0.
CREATE FUNCTION edx_report_meets(aggregation text, comparator text, target numeric,
                                 v report_values) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v.id IS NULL THEN NULL
              WHEN aggregation = 'share' THEN v.value_bool
              WHEN aggregation = 'ratio_of_sums' THEN CASE WHEN v.denominator = 0 THEN NULL
                WHEN comparator = '>=' THEN 100 * v.numerator >= target * v.denominator
                ELSE 100 * v.numerator > target * v.denominator END
              WHEN comparator = '>=' THEN v.value_num >= target
              ELSE v.value_num > target END
$$;

-- As in 0007, plus one row per target of an office_and_schools indicator for the district office
-- itself (school_id NULL, named by the office's name, its value the office's report).
CREATE VIEW progress_school_cells AS
SELECT p.id AS plan_id, pt.indicator_code, pt.position, p.district_id, p.year, i.source,
       s.id AS school_id, s.code AS school_code, s.name AS school_name, s.level,
       coalesce(s.commune, '') AS commune, s.active,
       (v.id IS NOT NULL OR a.id IS NOT NULL) AS reported,
       coalesce(v.value_bool,
                edx_assessment_counts(pt.indicator_code, a.state, a.recognized_level)) AS is_true,
       v.value_num, v.numerator, v.denominator,
       CASE WHEN a.id IS NOT NULL THEN edx_assessment_counts(pt.indicator_code, a.state,
                                                             a.recognized_level)
            ELSE edx_report_meets(i.aggregation, pt.comparator, pt.target, v) END AS meets,
       CASE WHEN v.id IS NOT NULL THEN edx_report_value(v)
            WHEN a.id IS NOT NULL THEN json_build_object('state', a.state, 'recognized_level',
                                                         a.recognized_level) END AS value
FROM plans p
JOIN plan_targets pt ON pt.plan_id = p.id
JOIN indicators i ON i.code = pt.indicator_code AND i.source IN ('school_report', 'assessments')
  AND i.units <> 'office'
JOIN schools s ON s.district_id = p.district_id AND s.level = ANY (i.levels)
LEFT JOIN report_values v ON i.source = 'school_report' AND v.school_id = s.id
  AND v.year = p.year AND v.indicator_code = pt.indicator_code
LEFT JOIN assessments a ON i.source = 'assessments' AND a.school_id = s.id AND a.year = p.year
UNION ALL
SELECT p.id, pt.indicator_code, pt.position, p.district_id, p.year, i.source,
       NULL::uuid, NULL::text, coalesce(d.office_name, d.name), NULL::text, '', true,
       v.id IS NOT NULL, v.value_bool, v.value_num, v.numerator, v.denominator,
       edx_report_meets(i.aggregation, pt.comparator, pt.target, v),
       CASE WHEN v.id IS NOT NULL THEN edx_report_value(v) END
FROM plans p
JOIN districts d ON d.id = p.district_id
JOIN plan_targets pt ON pt.plan_id = p.id
JOIN indicators i ON i.code = pt.indicator_code AND i.source = 'school_report'
  AND i.units = 'office_and_schools'
LEFT JOIN report_values v ON v.school_id IS NULL AND v.district_id = p.district_id
  AND v.year = p.year AND v.indicator_code = pt.indicator_code;

-- Same as 0007.
CREATE VIEW progress_counts_schools_live AS
SELECT plan_id, indicator_code, district_id, year,
       count(*) AS expected,
       count(*) FILTER (WHERE reported) AS reported,
       count(*) FILTER (WHERE is_true) AS true_count,
       count(*) FILTER (WHERE meets) AS meeting,
       coalesce(sum(value_num), 0) AS sum_value,
       coalesce(sum(numerator), 0) AS sum_num,
       coalesce(sum(denominator), 0) AS sum_den,
       0::bigint AS procedures_below
FROM progress_school_cells WHERE active
GROUP BY plan_id, indicator_code, district_id, year;

CREATE VIEW progress_counts_live AS
SELECT * FROM progress_counts_schools_live
UNION ALL
SELECT * FROM progress_counts_dossiers_live;

CREATE VIEW progress_counts_drift AS
(SELECT plan_id, indicator_code, district_id, year, expected, reported, true_count, meeting,
        sum_value, sum_num, sum_den, procedures_below FROM progress_counts
 EXCEPT TABLE progress_counts_live)
UNION ALL
(TABLE progress_counts_live
 EXCEPT SELECT plan_id, indicator_code, district_id, year, expected, reported, true_count,
               meeting, sum_value, sum_num, sum_den, procedures_below FROM progress_counts);

-- Report values and assessments: the district of a school's row is its school's (a moved
-- school's rows count where it is now); an office row (no school) names its district itself.
CREATE OR REPLACE FUNCTION edx_progress_counts_on_school_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  districts uuid[];
  years integer[];
BEGIN
  -- each branch names only the transition tables its event has
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT array_agg(DISTINCT coalesce(s.district_id, o.district_id)), array_agg(DISTINCT o.year)
    INTO districts, years
    FROM old_rows o LEFT JOIN schools s ON s.id = o.school_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT districts || array_agg(DISTINCT coalesce(s.district_id, n.district_id)),
           years || array_agg(DISTINCT n.year)
    INTO districts, years
    FROM new_rows n LEFT JOIN schools s ON s.id = n.school_id;
  END IF;
  PERFORM edx_progress_counts_refresh(districts, years);
  RETURN NULL;
END
$$;

-- After an indicator's levels, source, aggregation or units change (which units it counts).
CREATE OR REPLACE FUNCTION edx_progress_counts_on_indicators() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  districts uuid[];
  years integer[];
BEGIN
  SELECT array_agg(DISTINCT p.district_id), array_agg(DISTINCT p.year) INTO districts, years
  FROM ((SELECT code, levels, source, aggregation, units FROM old_rows
         EXCEPT SELECT code, levels, source, aggregation, units FROM new_rows)
        UNION (SELECT code, levels, source, aggregation, units FROM new_rows
               EXCEPT SELECT code, levels, source, aggregation, units FROM old_rows)) changed
  JOIN plan_targets pt ON pt.indicator_code = changed.code JOIN plans p ON p.id = pt.plan_id;
  PERFORM edx_progress_counts_refresh(districts, years);
  RETURN NULL;
END
$$;

SELECT edx_progress_counts_refresh(ARRAY(SELECT id FROM districts),
                                   ARRAY(SELECT DISTINCT year FROM plans));
