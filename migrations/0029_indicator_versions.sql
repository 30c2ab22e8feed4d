-- 0029_indicator_versions.sql — an indicator's version: a receiver (a province's DHIS2, a BI
-- tool) that stores edudx figures by indicator code must know when what a code's figures mean
-- changed, so that it does not chart a figure against another of a different meaning.
--
-- The version starts at 1 and moves up by one whenever a field that enters the computation or
-- changes what the figure counts is changed: source, value_type, aggregation, levels (as a set:
-- another order is the same), registry_count, period_kind and units. Names (name_vi, name_en),
-- measure (a description for people), category (a grouping) and jump_warning_points (a warning
-- threshold: no figure changes) never move it, nor does a write that changes nothing.
-- version_changed_at is when it last moved (its creation for version 1: created_at for the rows
-- already there). A BEFORE UPDATE trigger keeps both, so no writer (API, import or SQL) can
-- forget it or set them itself.

ALTER TABLE indicators ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE indicators ADD COLUMN version_changed_at timestamptz;
-- (an UPDATE of every indicator: the change feed announces each again, with its new fields)
UPDATE indicators SET version_changed_at = created_at;
ALTER TABLE indicators ALTER COLUMN version_changed_at SET NOT NULL;
ALTER TABLE indicators ALTER COLUMN version_changed_at SET DEFAULT now();

-- 1 when the two states of an indicator compute, or count, different figures.
CREATE FUNCTION edx_indicator_meaning_changed(o indicators, n indicators) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT (o.source, o.value_type, o.aggregation, o.registry_count, o.period_kind, o.units)
         IS DISTINCT FROM
         (n.source, n.value_type, n.aggregation, n.registry_count, n.period_kind, n.units)
      OR NOT (o.levels @> n.levels AND n.levels @> o.levels)
$$;

CREATE FUNCTION edx_indicator_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF edx_indicator_meaning_changed(OLD, NEW) THEN
    NEW.version := OLD.version + 1;
    NEW.version_changed_at := now();
  ELSE
    NEW.version := OLD.version;
    NEW.version_changed_at := OLD.version_changed_at;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER indicators_version BEFORE UPDATE ON indicators
  FOR EACH ROW EXECUTE FUNCTION edx_indicator_version();
