-- 0007_progress_cells.sql — each progress formula written once. What every school contributes to
-- a plan target (progress_school_cells) and what every procedure contributes
-- (progress_procedure_cells) are views; the counts kept on write (progress_counts, 0006) add
-- them up, and so do a district's own progress answer (db/progress.c, db/procedures.c) and a
-- school's scorecard, which read the same views with their lists and breakdowns. Before, the
-- district answer and the kept counts each wrote out "meets the target" and the dossier
-- formulas.

DROP VIEW progress_counts_drift;
DROP VIEW progress_counts_live;
DROP VIEW progress_counts_schools_live;
DROP VIEW progress_counts_dossiers_live;

-- One row per target of a plan whose indicator is reported by schools or computed from
-- assessments, and per school of the plan's district at one of the indicator's levels (inactive
-- schools too: they count nowhere, but their scorecard reads them): whether the school reported
-- for the plan's year, whether its value is true (booleans; assessments that count), its value,
-- and whether that value meets the target (NULL when it has none, or a fraction of 0/0).
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
            WHEN v.id IS NULL THEN NULL
            WHEN i.aggregation = 'share' THEN v.value_bool
            WHEN i.aggregation = 'ratio_of_sums' THEN CASE WHEN v.denominator = 0 THEN NULL
              WHEN pt.comparator = '>=' THEN 100 * v.numerator >= pt.target * v.denominator
              ELSE 100 * v.numerator > pt.target * v.denominator END
            WHEN pt.comparator = '>=' THEN v.value_num >= pt.target
            ELSE v.value_num > pt.target END AS meets,
       CASE WHEN v.id IS NOT NULL THEN edx_report_value(v)
            WHEN a.id IS NOT NULL THEN json_build_object('state', a.state, 'recognized_level',
                                                         a.recognized_level) END AS value
FROM plans p
JOIN plan_targets pt ON pt.plan_id = p.id
JOIN indicators i ON i.code = pt.indicator_code AND i.source IN ('school_report', 'assessments')
JOIN schools s ON s.district_id = p.district_id AND s.level = ANY (i.levels)
LEFT JOIN report_values v ON i.source = 'school_report' AND v.school_id = s.id
  AND v.year = p.year AND v.indicator_code = pt.indicator_code
LEFT JOIN assessments a ON i.source = 'assessments' AND a.school_id = s.id AND a.year = p.year;

-- One row per target of a plan whose indicator is computed from procedures and dossiers, and per
-- procedure of the plan's district: its numerator and denominator for that indicator (the
-- formulas of GET /v1/procedures/{id}/metrics; dossiers counted in the plan's year), and for
-- DOSSIER_ONLINE_RATE whether it is an online procedure with dossiers whose own rate misses the
-- target (the indicator is met only when no procedure does).
CREATE VIEW progress_procedure_cells AS
SELECT p.id AS plan_id, pt.indicator_code, p.district_id, p.year,
       pr.id AS procedure_id, pr.code AS procedure_code, pr.name AS procedure_name,
       pr.online_mode, f.num, f.den,
       pt.indicator_code = 'DOSSIER_ONLINE_RATE' AND pr.online_mode <> 'none' AND f.den > 0
         AND NOT CASE WHEN pt.comparator = '>=' THEN 100 * f.num >= pt.target * f.den
                      ELSE 100 * f.num > pt.target * f.den END AS below_target
FROM plans p
JOIN plan_targets pt ON pt.plan_id = p.id
JOIN indicators i ON i.code = pt.indicator_code AND i.source IN ('procedures', 'dossiers')
JOIN procedures pr ON pr.district_id = p.district_id
LEFT JOIN dossier_counts c ON c.procedure_id = pr.id AND c.year = p.year
CROSS JOIN LATERAL (
  SELECT CASE pt.indicator_code
           WHEN 'PROC_ONLINE_PROVISION' THEN (pr.active AND pr.eligible_online
                                              AND pr.online_mode <> 'none')::int
           WHEN 'DOSSIER_ONLINE_RATE' THEN coalesce(c.online, 0)
           WHEN 'ONLINE_PAYMENT_RATE' THEN CASE WHEN pr.fee THEN coalesce(c.paid, 0) ELSE 0 END
           WHEN 'DOSSIER_DIGITIZATION_RATE' THEN coalesce(c.digitized, 0)
           WHEN 'DVCTT_SATISFACTION' THEN CASE WHEN pr.online_mode <> 'none'
                                               THEN coalesce(c.satisfied, 0) ELSE 0 END
           ELSE 0 END::bigint AS num,
         CASE pt.indicator_code
           WHEN 'PROC_ONLINE_PROVISION' THEN (pr.active AND pr.eligible_online)::int
           WHEN 'DOSSIER_ONLINE_RATE' THEN coalesce(c.n, 0)
           WHEN 'ONLINE_PAYMENT_RATE' THEN CASE WHEN pr.fee THEN coalesce(c.n, 0) ELSE 0 END
           WHEN 'DOSSIER_DIGITIZATION_RATE' THEN coalesce(c.n, 0)
           WHEN 'DVCTT_SATISFACTION' THEN CASE WHEN pr.online_mode <> 'none'
                                               THEN coalesce(c.rated, 0) ELSE 0 END
           ELSE 0 END::bigint AS den) f;

-- The kept counts of 0006, now sums of the cells (same columns, same order).
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

-- Every target of these indicators has its row, also in a district without procedures.
CREATE VIEW progress_counts_dossiers_live AS
SELECT p.id AS plan_id, pt.indicator_code, p.district_id, p.year,
       coalesce(sum(c.den), 0)::bigint AS expected, coalesce(sum(c.den), 0)::bigint AS reported,
       coalesce(sum(c.num), 0)::bigint AS true_count, coalesce(sum(c.num), 0)::bigint AS meeting,
       0::numeric AS sum_value, 0::bigint AS sum_num, 0::bigint AS sum_den,
       count(*) FILTER (WHERE c.below_target) AS procedures_below
FROM plans p
JOIN plan_targets pt ON pt.plan_id = p.id
JOIN indicators i ON i.code = pt.indicator_code AND i.source IN ('procedures', 'dossiers')
LEFT JOIN progress_procedure_cells c ON c.plan_id = p.id AND c.indicator_code = pt.indicator_code
GROUP BY p.id, pt.indicator_code, p.district_id, p.year;

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

-- Every district and year counted again by the new views (only rows that differ are written;
-- they count what 0006's views did, so none should).
SELECT edx_progress_counts_refresh(ARRAY(SELECT id FROM districts),
                                   ARRAY(SELECT DISTINCT year FROM plans));
