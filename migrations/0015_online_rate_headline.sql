-- 0015_online_rate_headline.sql — DOSSIER_ONLINE_RATE's headline over the dossiers of online
-- procedures (issue 14): the plan's target is the share of dossiers filed online "của từng
-- DVCTT", yet the district figure counted the dossiers of procedures with no online service too
-- (582 / 900 = 64.67 % in the demo, 582 / 836 = 69.6 % over online procedures). The rule is
-- unchanged (met only when every online procedure with dossiers meets the target); the rate over
-- every procedure stays beside it, in the counts' sum_num / sum_den (unused by this indicator
-- until now), which answers show as `all_procedures`. Same views as 0008 otherwise.

DROP VIEW progress_counts_drift;
DROP VIEW progress_counts_live;
DROP VIEW progress_counts_dossiers_live;
DROP VIEW progress_procedure_cells;

-- One row per target of a plan whose indicator is computed from procedures and dossiers, and per
-- procedure of the plan's district (one row with a NULL procedure_id, num and den 0, when the
-- district has none): its numerator and denominator for that indicator (the formulas of
-- GET /v1/procedures/{id}/metrics; dossiers counted in the plan's year; for DOSSIER_ONLINE_RATE
-- only an online procedure's dossiers, and num_all / den_all any procedure's), and for
-- DOSSIER_ONLINE_RATE whether it is an online procedure with dossiers whose own rate misses the
-- target (the indicator is met only when no procedure does).
CREATE VIEW progress_procedure_cells AS
SELECT p.id AS plan_id, pt.indicator_code, p.district_id, p.year,
       pr.id AS procedure_id, pr.code AS procedure_code, pr.name AS procedure_name,
       pr.online_mode, f.num, f.den, f.num_all, f.den_all,
       pt.indicator_code = 'DOSSIER_ONLINE_RATE' AND pr.online_mode <> 'none' AND f.den > 0
         AND NOT CASE WHEN pt.comparator = '>=' THEN 100 * f.num >= pt.target * f.den
                      ELSE 100 * f.num > pt.target * f.den END AS below_target
FROM plans p
JOIN plan_targets pt ON pt.plan_id = p.id
JOIN indicators i ON i.code = pt.indicator_code AND i.source IN ('procedures', 'dossiers')
LEFT JOIN procedures pr ON pr.district_id = p.district_id
LEFT JOIN dossier_counts c ON c.procedure_id = pr.id AND c.year = p.year
CROSS JOIN LATERAL (
  SELECT coalesce(CASE pt.indicator_code
           WHEN 'PROC_ONLINE_PROVISION' THEN (pr.active AND pr.eligible_online
                                              AND pr.online_mode <> 'none')::int
           WHEN 'DOSSIER_ONLINE_RATE' THEN CASE WHEN pr.online_mode <> 'none'
                                               THEN coalesce(c.online, 0) ELSE 0 END
           WHEN 'ONLINE_PAYMENT_RATE' THEN CASE WHEN pr.fee THEN coalesce(c.paid, 0) ELSE 0 END
           WHEN 'DOSSIER_DIGITIZATION_RATE' THEN coalesce(c.digitized, 0)
           WHEN 'DVCTT_SATISFACTION' THEN CASE WHEN pr.online_mode <> 'none'
                                               THEN coalesce(c.satisfied, 0) ELSE 0 END
           ELSE 0 END, 0)::bigint AS num,
         coalesce(CASE pt.indicator_code
           WHEN 'PROC_ONLINE_PROVISION' THEN (pr.active AND pr.eligible_online)::int
           WHEN 'DOSSIER_ONLINE_RATE' THEN CASE WHEN pr.online_mode <> 'none'
                                               THEN coalesce(c.n, 0) ELSE 0 END
           WHEN 'ONLINE_PAYMENT_RATE' THEN CASE WHEN pr.fee THEN coalesce(c.n, 0) ELSE 0 END
           WHEN 'DOSSIER_DIGITIZATION_RATE' THEN coalesce(c.n, 0)
           WHEN 'DVCTT_SATISFACTION' THEN CASE WHEN pr.online_mode <> 'none'
                                               THEN coalesce(c.rated, 0) ELSE 0 END
           ELSE 0 END, 0)::bigint AS den,
         CASE WHEN pt.indicator_code = 'DOSSIER_ONLINE_RATE' THEN coalesce(c.online, 0)
              ELSE 0 END::bigint AS num_all,
         CASE WHEN pt.indicator_code = 'DOSSIER_ONLINE_RATE' THEN coalesce(c.n, 0)
              ELSE 0 END::bigint AS den_all) f;

-- Every target of these indicators has its row, also in a district without procedures.
CREATE VIEW progress_counts_dossiers_live AS
SELECT plan_id, indicator_code, district_id, year,
       sum(den)::bigint AS expected, sum(den)::bigint AS reported,
       sum(num)::bigint AS true_count, sum(num)::bigint AS meeting,
       0::numeric AS sum_value, sum(num_all)::bigint AS sum_num, sum(den_all)::bigint AS sum_den,
       count(*) FILTER (WHERE below_target) AS procedures_below
FROM progress_procedure_cells
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

UPDATE indicators
SET measure = 'for each online procedure: dossiers received online / all dossiers received in the '
              'year; the indicator is met only when every online procedure that received dossiers '
              'meets the target; the headline rate is over the dossiers of online procedures, and '
              'the rate over every procedure is reported beside it'
WHERE code = 'DOSSIER_ONLINE_RATE';

SELECT edx_progress_counts_refresh(ARRAY(SELECT id FROM districts),
                                   ARRAY(SELECT DISTINCT year FROM plans));
