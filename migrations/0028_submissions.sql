-- 0028_submissions.sql — period reports (báo cáo định kỳ): a district's progress for a plan
-- period frozen at one moment, numbered and signed, submitted to its province and accepted or
-- returned there, with the history of every move; and the submission deadline of each period as
-- data. Submissions are not in the change feed (0009): a province reads them through
-- /v1/submissions and the summary.

CREATE TABLE submissions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id     uuid NOT NULL REFERENCES districts (id) ON DELETE RESTRICT,
  period          text NOT NULL,    -- as the district wrote it: '2024' or '2023-2024'
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100), -- its plan year
  title           text NOT NULL,
  document_number text NOT NULL,
  signed_by       text NOT NULL,
  note            text,
  state           text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted',
                    'accepted', 'returned', 'superseded')),
  frozen          text NOT NULL,    -- the exact bytes of the frozen document (JSON), never changed
  sha256          text NOT NULL,    -- their SHA-256, lower-case hex
  supersedes      uuid REFERENCES submissions (id) ON DELETE RESTRICT,
  created_by      uuid,             -- the creating token (NULL: the command line)
  created_at      timestamptz NOT NULL DEFAULT now(),
  submitted_at    timestamptz,
  decided_at      timestamptz,      -- accepted or returned
  decision_note   text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX submissions_district_period ON submissions (district_id, year, created_at);
CREATE INDEX submissions_created ON submissions (created_at, id);

-- The frozen document and its hash never change once written.
CREATE FUNCTION edx_submission_frozen_kept() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.frozen IS DISTINCT FROM OLD.frozen OR NEW.sha256 IS DISTINCT FROM OLD.sha256 THEN
    RAISE EXCEPTION 'a submission''s frozen document cannot change' USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER submissions_frozen_kept BEFORE UPDATE ON submissions
  FOR EACH ROW EXECUTE FUNCTION edx_submission_frozen_kept();

CREATE TABLE submission_events (
  id            bigserial PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  at            timestamptz NOT NULL DEFAULT now(),
  token_id      uuid,           -- NULL: edudx itself or the command line
  role          text,           -- 'system' for what edudx did itself (superseding)
  label         text,
  from_state    text,           -- NULL: the creation
  to_state      text NOT NULL,
  note          text
);
CREATE INDEX submission_events_of ON submission_events (submission_id, id);

-- When a period's report is due: province_code NULL for every province without one of its own.
CREATE TABLE submission_deadlines (
  id            bigserial PRIMARY KEY,
  period        text NOT NULL,  -- a plan-year code: '2024' or '2023-2024'
  province_code text REFERENCES org_units (code) ON UPDATE CASCADE ON DELETE CASCADE,
  due           date NOT NULL,  -- the last day, in Vietnam's date
  UNIQUE NULLS NOT DISTINCT (period, province_code)
);

-- ASSUMPTION, not from a decree or the plan: the 2024 report of a district is due on
-- 15 December 2024 in every province. Admins correct it through
-- PUT /v1/submission-deadlines/2024.
INSERT INTO submission_deadlines (period, province_code, due) VALUES ('2024', NULL, '2024-12-15');
