-- 0005_procedures_dossiers.sql — administrative procedures (TTHC) offered by a district office and
-- the dossiers it receives (one row per application; no personal data beyond the reference).

CREATE TABLE procedures (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id     uuid NOT NULL REFERENCES districts (id) ON DELETE RESTRICT,
  code            text,
  name            text NOT NULL,
  field           text,
  fee             boolean NOT NULL DEFAULT false,
  eligible_online boolean NOT NULL DEFAULT true,
  online_mode     text NOT NULL DEFAULT 'none' CHECK (online_mode IN ('full', 'partial', 'none')),
  statutory_days  integer CHECK (statutory_days BETWEEN 1 AND 365),
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX procedures_district ON procedures (district_id);

CREATE TABLE dossiers (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id             uuid NOT NULL REFERENCES districts (id) ON DELETE RESTRICT,
  procedure_id            uuid NOT NULL REFERENCES procedures (id) ON DELETE RESTRICT,
  reference               text NOT NULL,
  channel                 text NOT NULL CHECK (channel IN ('online', 'in_person', 'postal')),
  received_at             timestamptz NOT NULL,
  due_at                  timestamptz NOT NULL,
  status                  text NOT NULL DEFAULT 'received' CHECK (status IN ('received',
                            'processing', 'supplement_requested', 'resolved', 'rejected',
                            'withdrawn')),
  processing_at           timestamptz,
  supplement_requested_at timestamptz,
  resolved_at             timestamptz,
  rejected_at             timestamptz,
  withdrawn_at            timestamptz,
  paid_online             boolean NOT NULL DEFAULT false,
  e_receipt               boolean NOT NULL DEFAULT false,
  dossier_digitized       boolean NOT NULL DEFAULT false,
  result_digitized        boolean NOT NULL DEFAULT false,
  satisfaction            text CHECK (satisfaction IN ('very_satisfied', 'satisfied',
                            'dissatisfied')),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, reference)
);
CREATE INDEX dossiers_procedure_received ON dossiers (procedure_id, received_at);
CREATE INDEX dossiers_district_received ON dossiers (district_id, received_at);
CREATE INDEX dossiers_open_due ON dossiers (procedure_id, due_at)
  WHERE status IN ('received', 'processing', 'supplement_requested');
CREATE INDEX dossiers_updated ON dossiers (updated_at, id);

CREATE FUNCTION edx_procedure_json(p procedures) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', p.id, 'district_id', p.district_id, 'code', p.code,
                           'name', p.name, 'field', p.field, 'fee', p.fee,
                           'eligible_online', p.eligible_online, 'online_mode', p.online_mode,
                           'statutory_days', p.statutory_days, 'active', p.active,
                           'created_at', edx_ts(p.created_at), 'updated_at', edx_ts(p.updated_at))
$$;

-- Open (received, processing, supplement requested) and past its due time.
CREATE FUNCTION edx_dossier_overdue(status text, due_at timestamptz) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT status IN ('received', 'processing', 'supplement_requested') AND now() > due_at
$$;

CREATE FUNCTION edx_dossier_json(d dossiers) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', d.id, 'district_id', d.district_id,
    'procedure_id', d.procedure_id, 'reference', d.reference, 'channel', d.channel,
    'received_at', edx_ts(d.received_at), 'due_at', edx_ts(d.due_at), 'status', d.status,
    'processing_at', edx_ts(d.processing_at),
    'supplement_requested_at', edx_ts(d.supplement_requested_at),
    'resolved_at', edx_ts(d.resolved_at), 'rejected_at', edx_ts(d.rejected_at),
    'withdrawn_at', edx_ts(d.withdrawn_at),
    'fee', (SELECT p.fee FROM procedures p WHERE p.id = d.procedure_id),
    'paid_online', d.paid_online, 'e_receipt', d.e_receipt,
    'dossier_digitized', d.dossier_digitized, 'result_digitized', d.result_digitized,
    'satisfaction', d.satisfaction, 'overdue', edx_dossier_overdue(d.status, d.due_at),
    'on_time', CASE WHEN d.status = 'resolved' THEN d.resolved_at <= d.due_at END,
    'created_at', edx_ts(d.created_at), 'updated_at', edx_ts(d.updated_at))
$$;

-- The metric rates of a set of dossiers (see openapi.yaml for each formula).
CREATE FUNCTION edx_rate(num bigint, den bigint) RETURNS json
LANGUAGE sql IMMUTABLE AS $$
  SELECT json_build_object('numerator', num, 'denominator', den,
                           'rate', CASE WHEN den > 0 THEN round(100.0 * num / den, 2) END)
$$;

-- The start of a year in Vietnam's time (UTC+7): "received in 2024" means from this instant of
-- 2024 to that of 2025.
CREATE FUNCTION edx_year_start(y integer) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
  SELECT make_timestamptz(y, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')
$$;

-- The year a dossier counts in (received, in Vietnam's time).
CREATE FUNCTION edx_dossier_year(t timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT extract(year FROM t AT TIME ZONE 'Asia/Ho_Chi_Minh')::integer
$$;

-- Per procedure and year, the counts every dossier metric is made of, kept exact by the
-- triggers below in the same transaction as each change, so metrics and progress read a few
-- rows per procedure instead of every dossier. Only "overdue now" depends on the clock and is
-- counted live (from the partial index of open dossiers).
CREATE TABLE dossier_counts (
  procedure_id uuid NOT NULL REFERENCES procedures (id) ON DELETE CASCADE,
  year         integer NOT NULL,
  n            bigint NOT NULL DEFAULT 0,
  online       bigint NOT NULL DEFAULT 0,
  paid         bigint NOT NULL DEFAULT 0,
  digitized    bigint NOT NULL DEFAULT 0,
  satisfied    bigint NOT NULL DEFAULT 0,
  rated        bigint NOT NULL DEFAULT 0,
  resolved     bigint NOT NULL DEFAULT 0,
  on_time      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (procedure_id, year)
);

-- Adds (sign 1) or takes away (sign -1) the contributions of a set of dossiers.
CREATE FUNCTION edx_dossier_counts_add(rows dossiers[], sign integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO dossier_counts AS c (procedure_id, year, n, online, paid, digitized, satisfied,
                                   rated, resolved, on_time)
  SELECT procedure_id, edx_dossier_year(received_at), sign * count(*),
         sign * count(*) FILTER (WHERE channel = 'online'),
         sign * count(*) FILTER (WHERE paid_online),
         sign * count(*) FILTER (WHERE dossier_digitized AND (status <> 'resolved'
                                                              OR result_digitized)),
         sign * count(*) FILTER (WHERE satisfaction IN ('very_satisfied', 'satisfied')),
         sign * count(*) FILTER (WHERE satisfaction IS NOT NULL),
         sign * count(*) FILTER (WHERE status = 'resolved'),
         sign * count(*) FILTER (WHERE status = 'resolved' AND resolved_at <= due_at)
  FROM unnest(rows) GROUP BY 1, 2
  ON CONFLICT (procedure_id, year) DO UPDATE SET
    n = c.n + excluded.n, online = c.online + excluded.online, paid = c.paid + excluded.paid,
    digitized = c.digitized + excluded.digitized, satisfied = c.satisfied + excluded.satisfied,
    rated = c.rated + excluded.rated, resolved = c.resolved + excluded.resolved,
    on_time = c.on_time + excluded.on_time
$$;

CREATE FUNCTION edx_dossier_counts_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- each branch names only the transition tables its event has
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM edx_dossier_counts_add(ARRAY(SELECT ROW(o.*)::dossiers FROM old_rows o), -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM edx_dossier_counts_add(ARRAY(SELECT ROW(n.*)::dossiers FROM new_rows n), 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER dossier_counts_insert AFTER INSERT ON dossiers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION edx_dossier_counts_apply();
CREATE TRIGGER dossier_counts_update AFTER UPDATE ON dossiers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_dossier_counts_apply();
CREATE TRIGGER dossier_counts_delete AFTER DELETE ON dossiers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION edx_dossier_counts_apply();
