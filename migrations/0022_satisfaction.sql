-- 0022_satisfaction.sql — DVCTT_SATISFACTION as Decision 766 words it (issue 14): (dossiers
-- handled − those rated dissatisfied, with a complaint (PAKN) about their reception or handling,
-- or resolved late) / dossiers handled, where edudx reads "handled in the year" as resolved
-- (status resolved) with resolved_at in the year, Vietnam's time, and "late" as resolved_at after
-- due_at (the dossier's on_time false). The earlier figure, (very satisfied + satisfied) / rated
-- dossiers received in the year, stays beside it, in the counts' sum_num / sum_den (unused by this
-- indicator until now), which answers show as `ratings`. Both over the dossiers of online
-- procedures, as before: the plan's indicator is satisfaction with the office's DVCTT.
--
-- A dossier records the complaint as `complaint` (default false). dossier_counts counts the
-- handled dossiers in the row of the year they were resolved in (every other count is of the
-- year a dossier was received in), so a row may count handled dossiers and no received ones.
-- progress_procedure_cells keeps its columns (CREATE OR REPLACE): the views built on it stay.

ALTER TABLE dossiers ADD COLUMN complaint boolean NOT NULL DEFAULT false;

ALTER TABLE dossier_counts
  ADD COLUMN handled    bigint NOT NULL DEFAULT 0,  -- resolved in the row's year
  ADD COLUMN handled_ok bigint NOT NULL DEFAULT 0;  -- of those, not dissatisfied, no complaint,
                                                    -- not late

-- 1 when a dossier is handled and counts for the 766 figure (not dissatisfied, no complaint,
-- resolved by its due time).
CREATE FUNCTION edx_dossier_handled_ok(d dossiers) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT d.status = 'resolved' AND d.resolved_at IS NOT NULL
         AND d.satisfaction IS DISTINCT FROM 'dissatisfied' AND NOT d.complaint
         AND d.resolved_at <= d.due_at
$$;

-- Adds (sign 1) or takes away (sign -1) the contributions of a set of dossiers: the received
-- ones to the year of received_at, the handled ones to the year of resolved_at.
CREATE OR REPLACE FUNCTION edx_dossier_counts_add(rows dossiers[], sign integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO dossier_counts AS c (procedure_id, year, n, online, paid, digitized, satisfied,
                                   rated, resolved, on_time, handled, handled_ok)
  SELECT procedure_id, year, sign * sum(n), sign * sum(online), sign * sum(paid),
         sign * sum(digitized), sign * sum(satisfied), sign * sum(rated), sign * sum(resolved),
         sign * sum(on_time), sign * sum(handled), sign * sum(handled_ok)
  FROM (SELECT procedure_id, edx_dossier_year(received_at) AS year, 1 AS n,
               (channel = 'online')::int AS online, paid_online::int AS paid,
               (dossier_digitized AND (status <> 'resolved' OR result_digitized))::int
                 AS digitized,
               coalesce(satisfaction IN ('very_satisfied', 'satisfied'), false)::int AS satisfied,
               (satisfaction IS NOT NULL)::int AS rated, (status = 'resolved')::int AS resolved,
               coalesce(status = 'resolved' AND resolved_at <= due_at, false)::int AS on_time,
               0 AS handled, 0 AS handled_ok
        FROM unnest(rows)
        UNION ALL
        SELECT procedure_id, edx_dossier_year(resolved_at), 0, 0, 0, 0, 0, 0, 0, 0, 1,
               edx_dossier_handled_ok(r)::int
        FROM unnest(rows) r WHERE status = 'resolved' AND resolved_at IS NOT NULL) x
  GROUP BY 1, 2
  ON CONFLICT (procedure_id, year) DO UPDATE SET
    n = c.n + excluded.n, online = c.online + excluded.online, paid = c.paid + excluded.paid,
    digitized = c.digitized + excluded.digitized, satisfied = c.satisfied + excluded.satisfied,
    rated = c.rated + excluded.rated, resolved = c.resolved + excluded.resolved,
    on_time = c.on_time + excluded.on_time, handled = c.handled + excluded.handled,
    handled_ok = c.handled_ok + excluded.handled_ok
$$;

-- The dossiers already stored, counted by the year they were resolved in.
INSERT INTO dossier_counts AS c (procedure_id, year, handled, handled_ok)
SELECT d.procedure_id, edx_dossier_year(d.resolved_at), count(*),
       count(*) FILTER (WHERE edx_dossier_handled_ok(d))
FROM dossiers d WHERE d.status = 'resolved' AND d.resolved_at IS NOT NULL GROUP BY 1, 2
ON CONFLICT (procedure_id, year) DO UPDATE SET
  handled = excluded.handled, handled_ok = excluded.handled_ok;

-- As 0015, but for DVCTT_SATISFACTION: num / den the 766 figure (handled in the year and
-- counting / handled in the year), num_all / den_all the ratings (very satisfied + satisfied /
-- rated, received in the year); both for online procedures only.
CREATE OR REPLACE VIEW progress_procedure_cells AS
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
                                               THEN coalesce(c.handled_ok, 0) ELSE 0 END
           ELSE 0 END, 0)::bigint AS num,
         coalesce(CASE pt.indicator_code
           WHEN 'PROC_ONLINE_PROVISION' THEN (pr.active AND pr.eligible_online)::int
           WHEN 'DOSSIER_ONLINE_RATE' THEN CASE WHEN pr.online_mode <> 'none'
                                               THEN coalesce(c.n, 0) ELSE 0 END
           WHEN 'ONLINE_PAYMENT_RATE' THEN CASE WHEN pr.fee THEN coalesce(c.n, 0) ELSE 0 END
           WHEN 'DOSSIER_DIGITIZATION_RATE' THEN coalesce(c.n, 0)
           WHEN 'DVCTT_SATISFACTION' THEN CASE WHEN pr.online_mode <> 'none'
                                               THEN coalesce(c.handled, 0) ELSE 0 END
           ELSE 0 END, 0)::bigint AS den,
         CASE pt.indicator_code
           WHEN 'DOSSIER_ONLINE_RATE' THEN coalesce(c.online, 0)
           WHEN 'DVCTT_SATISFACTION' THEN CASE WHEN pr.online_mode <> 'none'
                                               THEN coalesce(c.satisfied, 0) ELSE 0 END
           ELSE 0 END::bigint AS num_all,
         CASE pt.indicator_code
           WHEN 'DOSSIER_ONLINE_RATE' THEN coalesce(c.n, 0)
           WHEN 'DVCTT_SATISFACTION' THEN CASE WHEN pr.online_mode <> 'none'
                                               THEN coalesce(c.rated, 0) ELSE 0 END
           ELSE 0 END::bigint AS den_all) f;

UPDATE indicators
SET measure = '(dossiers of online procedures resolved in the year − those rated dissatisfied, '
              'with a complaint (PAKN) about their reception or handling, or resolved after their '
              'due time) / dossiers of online procedures resolved in the year (Decision 766); the '
              'share of rated dossiers received in the year rated satisfied or very satisfied is '
              'reported beside it'
WHERE code = 'DVCTT_SATISFACTION';

SELECT edx_progress_counts_refresh(ARRAY(SELECT id FROM districts),
                                   ARRAY(SELECT DISTINCT year FROM plans));
