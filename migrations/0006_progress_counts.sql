-- 0006_progress_counts.sql — every plan target's counts, kept as the inputs change, so that a
-- progress total reads one row per district and indicator instead of every school's values and
-- every procedure's dossiers (the all-districts progress of a whole country: 16,000 rows instead
-- of half a million values).
--
-- progress_counts holds, for each target of a plan, what the progress rules need:
-- - indicators reported by schools or computed from assessments: expected (active schools of the
--   indicator's levels), reported (those with a value or an assessment), true_count (true values;
--   assessments that count), meeting (values meeting the target; assessments that count) and the
--   sums of values, numerators and denominators;
-- - indicators computed from procedures and dossiers: the numerator as true_count and meeting,
--   the denominator as expected and reported (the formulas of GET /v1/procedures/metrics), and
--   for DOSSIER_ONLINE_RATE procedures_below, the online procedures with dossiers whose own rate
--   misses the target;
-- - the office's own values are not counted here (one row per district, read as they are);
-- - changed_at, when the counts last changed: with the other inputs' times, a progress answer's
--   as_of (so a dossier or an assessment that moves a figure moves it too).
-- It is defined by the view progress_counts_live and refreshed a whole (district, year) at a
-- time — at most a district's schools times its plan's targets; only the procedure and dossier
-- targets after a dossier or procedure change — by statement-level triggers on everything it
-- depends on: report values, assessments, schools, plan targets, plans, indicators, procedures
-- and dossier counters. A refresh recounts rather than adding deltas, so the stored rows equal
-- the view's by construction; the HTTP test suite checks that they do (progress_counts_drift).

-- Targets whose indicator is reported by schools or computed from assessments.
CREATE VIEW progress_counts_schools_live AS
SELECT p.id AS plan_id, pt.indicator_code, p.district_id, p.year,
       count(*) AS expected,
       count(v.id) + count(a.id) AS reported,
       count(*) FILTER (WHERE v.value_bool
                           OR edx_assessment_counts(pt.indicator_code, a.state,
                                                    a.recognized_level)) AS true_count,
       count(*) FILTER (WHERE CASE
         WHEN a.id IS NOT NULL THEN edx_assessment_counts(pt.indicator_code, a.state,
                                                          a.recognized_level)
         WHEN i.aggregation = 'share' THEN v.value_bool
         WHEN i.aggregation = 'ratio_of_sums' THEN CASE WHEN v.denominator = 0 THEN NULL
           WHEN pt.comparator = '>=' THEN 100 * v.numerator >= pt.target * v.denominator
           ELSE 100 * v.numerator > pt.target * v.denominator END
         WHEN pt.comparator = '>=' THEN v.value_num >= pt.target
         ELSE v.value_num > pt.target END) AS meeting,
       coalesce(sum(v.value_num), 0) AS sum_value,
       coalesce(sum(v.numerator), 0) AS sum_num,
       coalesce(sum(v.denominator), 0) AS sum_den,
       0::bigint AS procedures_below
FROM plans p
JOIN plan_targets pt ON pt.plan_id = p.id
JOIN indicators i ON i.code = pt.indicator_code AND i.source IN ('school_report', 'assessments')
JOIN schools s ON s.district_id = p.district_id AND s.active AND s.level = ANY (i.levels)
LEFT JOIN report_values v ON i.source = 'school_report' AND v.school_id = s.id
  AND v.year = p.year AND v.indicator_code = pt.indicator_code
LEFT JOIN assessments a ON i.source = 'assessments' AND a.school_id = s.id AND a.year = p.year
GROUP BY p.id, pt.indicator_code, p.district_id, p.year;

-- Targets whose indicator is computed from procedures and dossiers.
CREATE VIEW progress_counts_dossiers_live AS
SELECT p.id AS plan_id, pt.indicator_code, p.district_id, p.year, f.den AS expected,
       f.den AS reported, f.num AS true_count, f.num AS meeting, 0::numeric AS sum_value,
       0::bigint AS sum_num, 0::bigint AS sum_den, f.procedures_below
FROM plans p
JOIN plan_targets pt ON pt.plan_id = p.id
JOIN indicators i ON i.code = pt.indicator_code AND i.source IN ('procedures', 'dossiers')
CROSS JOIN LATERAL (
  SELECT CASE pt.indicator_code
           WHEN 'PROC_ONLINE_PROVISION' THEN count(*) FILTER (WHERE pr.active
             AND pr.eligible_online AND pr.online_mode <> 'none')
           WHEN 'DOSSIER_ONLINE_RATE' THEN coalesce(sum(c.online), 0)
           WHEN 'ONLINE_PAYMENT_RATE' THEN coalesce(sum(c.paid) FILTER (WHERE pr.fee), 0)
           WHEN 'DOSSIER_DIGITIZATION_RATE' THEN coalesce(sum(c.digitized), 0)
           WHEN 'DVCTT_SATISFACTION' THEN coalesce(sum(c.satisfied)
             FILTER (WHERE pr.online_mode <> 'none'), 0)
           ELSE 0 END AS num,
         CASE pt.indicator_code
           WHEN 'PROC_ONLINE_PROVISION' THEN count(*) FILTER (WHERE pr.active
             AND pr.eligible_online)
           WHEN 'DOSSIER_ONLINE_RATE' THEN coalesce(sum(c.n), 0)
           WHEN 'ONLINE_PAYMENT_RATE' THEN coalesce(sum(c.n) FILTER (WHERE pr.fee), 0)
           WHEN 'DOSSIER_DIGITIZATION_RATE' THEN coalesce(sum(c.n), 0)
           WHEN 'DVCTT_SATISFACTION' THEN coalesce(sum(c.rated)
             FILTER (WHERE pr.online_mode <> 'none'), 0)
           ELSE 0 END AS den,
         count(*) FILTER (WHERE pt.indicator_code = 'DOSSIER_ONLINE_RATE'
           AND pr.online_mode <> 'none' AND c.n > 0
           AND NOT CASE WHEN pt.comparator = '>=' THEN 100 * c.online >= pt.target * c.n
                        ELSE 100 * c.online > pt.target * c.n END) AS procedures_below
  FROM procedures pr
  LEFT JOIN dossier_counts c ON c.procedure_id = pr.id AND c.year = p.year
  WHERE pr.district_id = p.district_id) f;

CREATE VIEW progress_counts_live AS
SELECT * FROM progress_counts_schools_live
UNION ALL
SELECT * FROM progress_counts_dossiers_live;

CREATE TABLE progress_counts (
  plan_id        uuid NOT NULL,
  indicator_code text NOT NULL,
  district_id    uuid NOT NULL,
  year           integer NOT NULL,
  expected       bigint NOT NULL,
  reported       bigint NOT NULL,
  true_count     bigint NOT NULL,
  meeting        bigint NOT NULL,
  sum_value      numeric NOT NULL,
  sum_num        bigint NOT NULL,
  sum_den        bigint NOT NULL,
  procedures_below bigint NOT NULL,
  changed_at     timestamptz NOT NULL DEFAULT now(), -- when these counts last changed
  PRIMARY KEY (plan_id, indicator_code),
  FOREIGN KEY (plan_id, indicator_code) REFERENCES plan_targets (plan_id, indicator_code)
    ON DELETE CASCADE
);
CREATE INDEX progress_counts_year ON progress_counts (year, district_id);
-- a progress answer's as_of reads the latest change of the year's counts
CREATE INDEX progress_counts_changed ON progress_counts (year, changed_at);

-- Makes the transaction the districts' only writer of progress counts until it ends (a
-- transaction-level advisory lock per district, taken in district order so that two writers
-- cannot wait for each other). Every refresh takes it; so must, before anything else, a writer
-- that deletes plan targets (write_targets in db/indicators.c): those deletions lock the rows a
-- refresh needs (the targets its counts reference, and the counts themselves by cascade), and
-- taken in the other order the two would deadlock.
CREATE FUNCTION edx_progress_counts_lock(districts uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  d uuid;
BEGIN
  FOR d IN SELECT DISTINCT x FROM unnest(districts) x WHERE x IS NOT NULL ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(4725, hashtext(d::text));
  END LOOP;
END
$$;

-- Recounts every (district, year) with district in districts and year in years: every target,
-- or only those computed from procedures and dossiers when dossiers_only (what a dossier or a
-- procedure can move). Writers of one district take turns (edx_progress_counts_lock): the
-- recount then starts after every other writer of the district has committed, and in READ
-- COMMITTED each statement below sees their writes. Only rows whose counts changed are written.
CREATE FUNCTION edx_progress_counts_refresh(districts uuid[], years integer[],
                                            dossiers_only boolean DEFAULT false) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF districts IS NULL OR years IS NULL THEN
    RETURN;
  END IF;
  PERFORM edx_progress_counts_lock(districts);
  WITH live AS MATERIALIZED (
    SELECT * FROM progress_counts_schools_live
    WHERE NOT dossiers_only AND district_id = ANY (districts) AND year = ANY (years)
    UNION ALL
    SELECT * FROM progress_counts_dossiers_live
    WHERE district_id = ANY (districts) AND year = ANY (years)),
  gone AS (
    DELETE FROM progress_counts k WHERE k.district_id = ANY (districts) AND k.year = ANY (years)
      AND (NOT dossiers_only OR k.indicator_code IN (SELECT code FROM indicators
                                                     WHERE source IN ('procedures', 'dossiers')))
      AND (k.plan_id, k.indicator_code) NOT IN (SELECT plan_id, indicator_code FROM live))
  INSERT INTO progress_counts (plan_id, indicator_code, district_id, year, expected, reported,
                               true_count, meeting, sum_value, sum_num, sum_den,
                               procedures_below)
  SELECT * FROM live
  ON CONFLICT (plan_id, indicator_code) DO UPDATE SET
    district_id = excluded.district_id, year = excluded.year, expected = excluded.expected,
    reported = excluded.reported, true_count = excluded.true_count, meeting = excluded.meeting,
    sum_value = excluded.sum_value, sum_num = excluded.sum_num, sum_den = excluded.sum_den,
    procedures_below = excluded.procedures_below, changed_at = now()
  WHERE (progress_counts.district_id, progress_counts.year, progress_counts.expected,
         progress_counts.reported, progress_counts.true_count, progress_counts.meeting,
         progress_counts.sum_value, progress_counts.sum_num, progress_counts.sum_den,
         progress_counts.procedures_below)
        IS DISTINCT FROM (excluded.district_id, excluded.year, excluded.expected,
                          excluded.reported, excluded.true_count, excluded.meeting,
                          excluded.sum_value, excluded.sum_num, excluded.sum_den,
                          excluded.procedures_below);
END
$$;

-- After report values or assessments change (both have school_id and year): the schools'
-- districts for the years written. Office values (no school) are read as they are.
CREATE FUNCTION edx_progress_counts_on_school_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  districts uuid[];
  years integer[];
BEGIN
  -- each branch names only the transition tables its event has
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT array_agg(DISTINCT s.district_id), array_agg(DISTINCT o.year) INTO districts, years
    FROM old_rows o JOIN schools s ON s.id = o.school_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT districts || array_agg(DISTINCT s.district_id), years || array_agg(DISTINCT n.year)
    INTO districts, years
    FROM new_rows n JOIN schools s ON s.id = n.school_id;
  END IF;
  PERFORM edx_progress_counts_refresh(districts, years);
  RETURN NULL;
END
$$;

CREATE TRIGGER progress_counts_values_insert AFTER INSERT ON report_values
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_school_rows();
CREATE TRIGGER progress_counts_values_update AFTER UPDATE ON report_values
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_school_rows();
CREATE TRIGGER progress_counts_values_delete AFTER DELETE ON report_values
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_school_rows();
CREATE TRIGGER progress_counts_assessments_insert AFTER INSERT ON assessments
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_school_rows();
CREATE TRIGGER progress_counts_assessments_update AFTER UPDATE ON assessments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_school_rows();
CREATE TRIGGER progress_counts_assessments_delete AFTER DELETE ON assessments
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_school_rows();

-- After schools are added, removed, or change whether, where or at which level they count: the
-- districts concerned, for every year they have a plan. Other edits (names, contacts) recount
-- nothing.
CREATE FUNCTION edx_progress_counts_on_schools() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  districts uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT district_id) INTO districts FROM new_rows WHERE active;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT district_id) INTO districts FROM old_rows WHERE active;
  ELSE
    -- the rows whose (active, level, district) changed, before and after; set operations rather
    -- than a join of the two transition tables, which the planner may run as a nested loop (an
    -- import updating 10,000 schools: 100 million comparisons)
    SELECT array_agg(DISTINCT district_id) INTO districts FROM (
      (SELECT id, active, level, district_id FROM old_rows
       EXCEPT SELECT id, active, level, district_id FROM new_rows)
      UNION ALL
      (SELECT id, active, level, district_id FROM new_rows
       EXCEPT SELECT id, active, level, district_id FROM old_rows)) changed;
  END IF;
  PERFORM edx_progress_counts_refresh(districts, (SELECT array_agg(DISTINCT year) FROM plans
                                                  WHERE district_id = ANY (districts)));
  RETURN NULL;
END
$$;

CREATE TRIGGER progress_counts_schools_insert AFTER INSERT ON schools
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_schools();
CREATE TRIGGER progress_counts_schools_update AFTER UPDATE ON schools
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_schools();
CREATE TRIGGER progress_counts_schools_delete AFTER DELETE ON schools
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_schools();

-- After plan targets are added or changed ("meeting" is judged against the target): the plan's
-- district and year. Removed targets take their counts with them (ON DELETE CASCADE).
CREATE FUNCTION edx_progress_counts_on_targets() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  districts uuid[];
  years integer[];
BEGIN
  SELECT array_agg(DISTINCT p.district_id), array_agg(DISTINCT p.year) INTO districts, years
  FROM new_rows n JOIN plans p ON p.id = n.plan_id;
  PERFORM edx_progress_counts_refresh(districts, years);
  RETURN NULL;
END
$$;

CREATE TRIGGER progress_counts_targets_insert AFTER INSERT ON plan_targets
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_targets();
CREATE TRIGGER progress_counts_targets_update AFTER UPDATE ON plan_targets
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_targets();

-- After a plan moves to another district or year: both. Titles and references count nowhere.
CREATE FUNCTION edx_progress_counts_on_plans() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  districts uuid[];
  years integer[];
BEGIN
  SELECT array_agg(DISTINCT district_id), array_agg(DISTINCT year) INTO districts, years FROM (
    (SELECT id, district_id, year FROM old_rows EXCEPT SELECT id, district_id, year FROM new_rows)
    UNION ALL
    (SELECT id, district_id, year FROM new_rows EXCEPT SELECT id, district_id, year FROM old_rows))
    moved;
  PERFORM edx_progress_counts_refresh(districts, years);
  RETURN NULL;
END
$$;

CREATE TRIGGER progress_counts_plans_update AFTER UPDATE ON plans
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_plans();

-- After an indicator's levels or source change (which schools it counts): every plan targeting
-- it. Names and descriptions count nowhere.
CREATE FUNCTION edx_progress_counts_on_indicators() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  districts uuid[];
  years integer[];
BEGIN
  SELECT array_agg(DISTINCT p.district_id), array_agg(DISTINCT p.year) INTO districts, years
  FROM ((SELECT code, levels, source, aggregation FROM old_rows
         EXCEPT SELECT code, levels, source, aggregation FROM new_rows)
        UNION (SELECT code, levels, source, aggregation FROM new_rows
               EXCEPT SELECT code, levels, source, aggregation FROM old_rows)) changed
  JOIN plan_targets pt ON pt.indicator_code = changed.code JOIN plans p ON p.id = pt.plan_id;
  PERFORM edx_progress_counts_refresh(districts, years);
  RETURN NULL;
END
$$;

CREATE TRIGGER progress_counts_indicators_update AFTER UPDATE ON indicators
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_indicators();

-- After dossiers change (their counters, kept by the triggers of 0005, change with them) or
-- procedures do (added, removed, offered online or not, with or without a fee): the procedures'
-- districts, for the dossiers' years or every year with a plan.
CREATE FUNCTION edx_progress_counts_on_dossier_counts() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  districts uuid[];
  years integer[];
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT array_agg(DISTINCT pr.district_id), array_agg(DISTINCT o.year) INTO districts, years
    FROM old_rows o JOIN procedures pr ON pr.id = o.procedure_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT districts || array_agg(DISTINCT pr.district_id), years || array_agg(DISTINCT n.year)
    INTO districts, years
    FROM new_rows n JOIN procedures pr ON pr.id = n.procedure_id;
  END IF;
  PERFORM edx_progress_counts_refresh(districts, years, true);
  RETURN NULL;
END
$$;

CREATE TRIGGER progress_counts_dossier_counts_insert AFTER INSERT ON dossier_counts
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_dossier_counts();
CREATE TRIGGER progress_counts_dossier_counts_update AFTER UPDATE ON dossier_counts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_dossier_counts();
CREATE TRIGGER progress_counts_dossier_counts_delete AFTER DELETE ON dossier_counts
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_dossier_counts();

CREATE FUNCTION edx_progress_counts_on_procedures() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  districts uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT district_id) INTO districts FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT district_id) INTO districts FROM old_rows;
  ELSE -- as for schools: the changed rows by set operations
    SELECT array_agg(DISTINCT district_id) INTO districts FROM (
      (SELECT id, district_id, active, eligible_online, online_mode, fee FROM old_rows
       EXCEPT SELECT id, district_id, active, eligible_online, online_mode, fee FROM new_rows)
      UNION ALL
      (SELECT id, district_id, active, eligible_online, online_mode, fee FROM new_rows
       EXCEPT SELECT id, district_id, active, eligible_online, online_mode, fee FROM old_rows))
      changed;
  END IF;
  PERFORM edx_progress_counts_refresh(districts, (SELECT array_agg(DISTINCT year) FROM plans
                                                  WHERE district_id = ANY (districts)), true);
  RETURN NULL;
END
$$;

CREATE TRIGGER progress_counts_procedures_insert AFTER INSERT ON procedures
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_procedures();
CREATE TRIGGER progress_counts_procedures_update AFTER UPDATE ON procedures
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_procedures();
CREATE TRIGGER progress_counts_procedures_delete AFTER DELETE ON procedures
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_progress_counts_on_procedures();

-- Existing data (a database migrated from 0005) counted once.
INSERT INTO progress_counts (plan_id, indicator_code, district_id, year, expected, reported,
                             true_count, meeting, sum_value, sum_num, sum_den, procedures_below)
SELECT * FROM progress_counts_live;

-- The counts as the views define them, beside the stored ones (for checks): stored rows that
-- differ from a full recount, and recounted rows missing from the store.
CREATE VIEW progress_counts_drift AS
(SELECT plan_id, indicator_code, district_id, year, expected, reported, true_count, meeting,
        sum_value, sum_num, sum_den, procedures_below FROM progress_counts
 EXCEPT TABLE progress_counts_live)
UNION ALL
(TABLE progress_counts_live
 EXCEPT SELECT plan_id, indicator_code, district_id, year, expected, reported, true_count,
               meeting, sum_value, sum_num, sum_den, procedures_below FROM progress_counts);
