-- 0008_procedure_cells_once.sql — the procedure cells of 0007 without a second pass over the
-- plans. 0007's progress_counts_dossiers_live joined every target to progress_procedure_cells,
-- which joins plans, plan targets and indicators again: a district's recount after any write
-- took ~2 ms longer than 0006's (mostly planning a query of eight tables). Now the cells view
-- keeps a target of a district without procedures as one row without a procedure (procedure_id
-- NULL, num and den 0), so the kept counts are a plain GROUP BY over the cells. Readers that
-- list procedures take the rows with a procedure_id. Same counts as before: the migration
-- recounts every district and changes none.

DROP VIEW progress_counts_drift;
DROP VIEW progress_counts_live;
DROP VIEW progress_counts_dossiers_live;
DROP VIEW progress_procedure_cells;

-- One row per target of a plan whose indicator is computed from procedures and dossiers, and per
-- procedure of the plan's district (one row with a NULL procedure_id, num and den 0, when the
-- district has none): its numerator and denominator for that indicator (the formulas of
-- GET /v1/procedures/{id}/metrics; dossiers counted in the plan's year), and for
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
LEFT JOIN procedures pr ON pr.district_id = p.district_id
LEFT JOIN dossier_counts c ON c.procedure_id = pr.id AND c.year = p.year
CROSS JOIN LATERAL (
  SELECT coalesce(CASE pt.indicator_code
           WHEN 'PROC_ONLINE_PROVISION' THEN (pr.active AND pr.eligible_online
                                              AND pr.online_mode <> 'none')::int
           WHEN 'DOSSIER_ONLINE_RATE' THEN coalesce(c.online, 0)
           WHEN 'ONLINE_PAYMENT_RATE' THEN CASE WHEN pr.fee THEN coalesce(c.paid, 0) ELSE 0 END
           WHEN 'DOSSIER_DIGITIZATION_RATE' THEN coalesce(c.digitized, 0)
           WHEN 'DVCTT_SATISFACTION' THEN CASE WHEN pr.online_mode <> 'none'
                                               THEN coalesce(c.satisfied, 0) ELSE 0 END
           ELSE 0 END, 0)::bigint AS num,
         coalesce(CASE pt.indicator_code
           WHEN 'PROC_ONLINE_PROVISION' THEN (pr.active AND pr.eligible_online)::int
           WHEN 'DOSSIER_ONLINE_RATE' THEN coalesce(c.n, 0)
           WHEN 'ONLINE_PAYMENT_RATE' THEN CASE WHEN pr.fee THEN coalesce(c.n, 0) ELSE 0 END
           WHEN 'DOSSIER_DIGITIZATION_RATE' THEN coalesce(c.n, 0)
           WHEN 'DVCTT_SATISFACTION' THEN CASE WHEN pr.online_mode <> 'none'
                                               THEN coalesce(c.rated, 0) ELSE 0 END
           ELSE 0 END, 0)::bigint AS den) f;

-- Every target of these indicators has its row, also in a district without procedures.
CREATE VIEW progress_counts_dossiers_live AS
SELECT plan_id, indicator_code, district_id, year,
       sum(den)::bigint AS expected, sum(den)::bigint AS reported,
       sum(num)::bigint AS true_count, sum(num)::bigint AS meeting,
       0::numeric AS sum_value, 0::bigint AS sum_num, 0::bigint AS sum_den,
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

SELECT edx_progress_counts_refresh(ARRAY(SELECT id FROM districts),
                                   ARRAY(SELECT DISTINCT year FROM plans));
