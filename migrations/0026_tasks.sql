-- 0026_tasks.sql — the plan's tasks (issue 16): what a district plan asks the office and its
-- schools to do by when, and one assignment per unit that must do it, with the history of every
-- change of an assignment. A task belongs to a district and a plan year and is named there by its
-- code; its assignments are kept by edx_task_sync (below) whenever the task or a school changes,
-- so no write path can forget them.

CREATE TABLE tasks (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id    uuid NOT NULL REFERENCES districts (id) ON DELETE RESTRICT,
  year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  code           text NOT NULL,
  section_vi     text,
  title_vi       text NOT NULL,
  title_en       text,
  description    text,
  lead           text NOT NULL CHECK (lead IN ('office', 'schools', 'office_and_schools')),
  lead_detail_vi text,
  school_levels  text[],        -- NULL: every level
  due_kind       text NOT NULL DEFAULT 'unspecified' CHECK (due_kind IN ('date', 'continuous',
                   'year_end', 'periodic', 'unspecified')),
  due_date       date,          -- kind date only
  due_every      text,          -- kind periodic only
  indicators     text[] NOT NULL DEFAULT '{}',
  deliverable_vi text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  search_folded  text GENERATED ALWAYS AS (edx_fold(code || chr(31) || title_vi || chr(31)
                   || coalesce(title_en, ''))) STORED,
  UNIQUE (district_id, year, code)
);
CREATE INDEX tasks_search ON tasks USING gin (search_folded gin_trgm_ops);

CREATE TABLE task_assignments (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id          uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  district_id      uuid NOT NULL REFERENCES districts (id) ON DELETE RESTRICT,
  school_id        uuid REFERENCES schools (id) ON DELETE CASCADE, -- NULL: the district office
  status           text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started',
                     'in_progress', 'done', 'accepted', 'blocked', 'cancelled')),
  progress_percent integer CHECK (progress_percent BETWEEN 0 AND 100),
  note             text,
  evidence         uuid[] NOT NULL DEFAULT '{}', -- file ids (checked by the files' routes)
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (task_id, school_id)
);
CREATE INDEX task_assignments_school ON task_assignments (school_id, task_id);

CREATE TABLE task_assignment_history (
  id            bigserial PRIMARY KEY,
  assignment_id uuid NOT NULL REFERENCES task_assignments (id) ON DELETE CASCADE,
  at            timestamptz NOT NULL DEFAULT now(),
  token_id      uuid,           -- NULL: edudx itself (a school deactivated, a task changed)
  role          text,
  label         text,
  from_status   text,
  to_status     text NOT NULL,
  note          text
);
CREATE INDEX task_assignment_history_of ON task_assignment_history (assignment_id, id);

-- A plan year is open while it is this year or later in Vietnam: a school created or reactivated
-- gets the assignments of its district's open tasks only.
CREATE FUNCTION edx_task_year_open(year integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT year >= extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::integer
$$;

-- Whether the unit school (NULL: the district office) must do task: the office when the lead
-- includes it; an active school of the task's district and of one of its levels (NULL: any) when
-- the lead includes the schools.
CREATE FUNCTION edx_task_fits(task tasks, school uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN school IS NULL THEN task.lead IN ('office', 'office_and_schools')
    ELSE task.lead IN ('schools', 'office_and_schools') AND EXISTS (
      SELECT 1 FROM schools s WHERE s.id = school AND s.active
        AND s.district_id = task.district_id
        AND (coalesce(cardinality(task.school_levels), 0) = 0
          OR s.level = ANY (task.school_levels))) END
$$;

-- Brings task t's assignments in line with its lead and levels and its district's active
-- schools — all its units, or only the school one_school when that is not NULL: missing ones are
-- made (not_started), cancelled ones that fit again reopen (not_started), open ones (not_started,
-- in_progress, blocked) that no longer fit are cancelled; a reopening or cancelling leaves a
-- history row by edudx itself (role 'system') with why. Done and accepted ones are kept.
CREATE FUNCTION edx_task_sync(t uuid, one_school uuid, why text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  task tasks;
  r record;
BEGIN
  SELECT * INTO task FROM tasks WHERE id = t;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  FOR r IN
    SELECT u.school_id, a.id, a.status
    FROM (SELECT NULL::uuid AS school_id WHERE one_school IS NULL
          UNION ALL SELECT s.id FROM schools s WHERE s.district_id = task.district_id
            AND (one_school IS NULL OR s.id = one_school)) u
    LEFT JOIN task_assignments a ON a.task_id = t AND a.school_id IS NOT DISTINCT FROM u.school_id
    WHERE edx_task_fits(task, u.school_id)
    ORDER BY u.school_id NULLS FIRST
  LOOP
    IF r.id IS NULL THEN
      INSERT INTO task_assignments (task_id, district_id, school_id)
      VALUES (t, task.district_id, r.school_id);
    ELSIF r.status = 'cancelled' THEN
      UPDATE task_assignments SET status = 'not_started', updated_at = now() WHERE id = r.id;
      INSERT INTO task_assignment_history (assignment_id, role, from_status, to_status, note)
      VALUES (r.id, 'system', 'cancelled', 'not_started', why);
    END IF;
  END LOOP;
  FOR r IN
    SELECT a.id, a.status FROM task_assignments a
    WHERE a.task_id = t AND (one_school IS NULL OR a.school_id = one_school)
      AND a.status IN ('not_started', 'in_progress', 'blocked')
      AND NOT edx_task_fits(task, a.school_id)
    ORDER BY a.id
  LOOP
    UPDATE task_assignments SET status = 'cancelled', updated_at = now() WHERE id = r.id;
    INSERT INTO task_assignment_history (assignment_id, role, from_status, to_status, note)
    VALUES (r.id, 'system', r.status, 'cancelled', why);
  END LOOP;
END
$$;

-- A school created, reactivated, deactivated, moved or given another level: its assignments of
-- its district's open tasks (edx_task_year_open) are made or reopened, and its open ones that no
-- longer fit (in any year) cancelled.
CREATE FUNCTION edx_school_tasks() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  why text := CASE WHEN TG_OP = 'INSERT' THEN 'the school was created'
                   WHEN NOT NEW.active THEN 'the school was deactivated'
                   WHEN NOT OLD.active THEN 'the school was reactivated'
                   ELSE 'the school changed district or level' END;
BEGIN
  FOR r IN
    SELECT t.id FROM tasks t WHERE t.district_id = NEW.district_id AND edx_task_year_open(t.year)
    UNION
    SELECT a.task_id FROM task_assignments a WHERE a.school_id = NEW.id
      AND a.status IN ('not_started', 'in_progress', 'blocked')
    ORDER BY 1
  LOOP
    PERFORM edx_task_sync(r.id, NEW.id, why);
  END LOOP;
  RETURN NULL;
END
$$;
CREATE TRIGGER schools_tasks AFTER INSERT OR UPDATE OF active, level, district_id ON schools
  FOR EACH ROW EXECUTE FUNCTION edx_school_tasks();
