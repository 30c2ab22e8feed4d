-- representations.sql — how every resource is written as JSON (the edx_*_json functions) and the
-- fields computed from a row when it is read (a report's value, a dossier's fee, a metric's
-- rate). A representation changes only when a row it reads is written: nothing here depends on
-- the clock (an assessment's lateness and a dossier's overdue state are filters, not fields), so a
-- mirror that follows the change feed equals a fresh read (migration 0009 re-announces the rows
-- whose representation reads another table, 0024 extends it to the embedded school and procedure
-- names). Unlike migrations, this file is not history: it is
-- re-applied (CREATE OR REPLACE) after the migrations whenever its SHA-256 differs from the one
-- recorded in schema_definitions, so a new field of a resource is one line here. Only what is
-- computed when read belongs here: nothing stored or counted depends on these functions. A
-- migration that removes a column these functions read must replace them itself.

-- RFC 3339 UTC text with microseconds, e.g. 2024-05-31T08:00:00.000000Z (0001 declared it
-- IMMUTABLE; to_char is STABLE, and a function declared less volatile than its body is never
-- inlined: STABLE lets every representation below be inlined into the query that reads it).
CREATE OR REPLACE FUNCTION edx_ts(t timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- The code of plan year `year` in a period kind: "2024", or "2023-2024" for a school year
-- (src/rules/periods.h).
CREATE OR REPLACE FUNCTION edx_period_code(year integer, kind text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN kind = 'school_year' THEN (year - 1)::text || '-' || year::text
              ELSE year::text END
$$;

-- The LIKE pattern "contains t once folded" (its %, _ and \ taken literally), for q= on the
-- stored folded search columns of migration 0012. A t holding U+001F, the columns' field
-- separator, could match across two fields.
CREATE OR REPLACE FUNCTION edx_contains_folded(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT '%' || replace(replace(replace(edx_fold(t), '\', '\\'), '%', '\%'), '_', '\_') || '%'
$$;

-- Lookups a representation makes in another table (a function, not a sub-SELECT, so that the
-- representation itself can still be inlined).
CREATE OR REPLACE FUNCTION edx_school_code(id uuid) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT s.code FROM schools s WHERE s.id = $1
$$;

-- {id, code, name} of a school and of a procedure, embedded beside school_id and procedure_id
-- (NULL for a NULL id: the office's own report values). Migration 0024 re-announces what embeds
-- them when a school or procedure is renamed or recoded.
CREATE OR REPLACE FUNCTION edx_school_brief(id uuid) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', s.id, 'code', s.code, 'name', s.name) FROM schools s
  WHERE s.id = $1
$$;

CREATE OR REPLACE FUNCTION edx_procedure_brief(id uuid) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', p.id, 'code', p.code, 'name', p.name) FROM procedures p
  WHERE p.id = $1
$$;

CREATE OR REPLACE FUNCTION edx_procedure_fee(id uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT p.fee FROM procedures p WHERE p.id = $1
$$;

CREATE OR REPLACE FUNCTION edx_district_json(d districts) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', d.id, 'code', d.code, 'name', d.name, 'province', d.province,
                           'province_code', d.province_code, 'office_name', d.office_name,
                           'created_at', edx_ts(d.created_at), 'updated_at', edx_ts(d.updated_at))
$$;

CREATE OR REPLACE FUNCTION edx_token_json(t tokens) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', t.id, 'role', t.role, 'district_id', t.district_id,
                           'school_id', t.school_id, 'province_code', t.province_code,
                           'label', t.label,
                           'created_at', edx_ts(t.created_at), 'updated_at', edx_ts(t.updated_at),
                           'expires_at', edx_ts(t.expires_at), 'revoked_at', edx_ts(t.revoked_at))
$$;

CREATE OR REPLACE FUNCTION edx_audit_json(a audit) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', a.id, 'at', edx_ts(a.at), 'actor_token_id', a.actor_token_id,
                           'actor_role', a.actor_role, 'actor_label', a.actor_label,
                           'action', a.action, 'entity', a.entity, 'entity_id', a.entity_id,
                           'district_id', a.district_id, 'before', a.before, 'after', a.after)
$$;

CREATE OR REPLACE FUNCTION edx_org_unit_json(u org_units) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('code', u.code, 'name', u.name, 'level', u.level,
                           'parent_code', u.parent_code, 'official', u.official, 'note', u.note,
                           'created_at', edx_ts(u.created_at), 'updated_at', edx_ts(u.updated_at))
$$;

CREATE OR REPLACE FUNCTION edx_school_json(s schools) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', s.id, 'code', s.code, 'name', s.name, 'level', s.level,
                           'district_id', s.district_id, 'commune', s.commune,
                           'address', s.address, 'phone', s.phone, 'email', s.email,
                           'website', s.website, 'principal', s.principal,
                           'students', s.students, 'teachers', s.teachers,
                           'satellite_sites', s.satellite_sites, 'active', s.active,
                           'created_at', edx_ts(s.created_at), 'updated_at', edx_ts(s.updated_at))
$$;

CREATE OR REPLACE FUNCTION edx_indicator_json(i indicators) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('code', i.code, 'name_vi', i.name_vi, 'name_en', i.name_en,
                           'category', i.category, 'source', i.source,
                           'value_type', i.value_type, 'aggregation', i.aggregation,
                           'levels', to_json(i.levels), 'measure', i.measure,
                           'registry_count', i.registry_count,
                           'period_kind', i.period_kind, 'units', i.units,
                           'jump_warning_points', i.jump_warning_points,
                           'created_at', edx_ts(i.created_at), 'updated_at', edx_ts(i.updated_at),
                           'version', i.version,
                           'version_changed_at', edx_ts(i.version_changed_at))
$$;

CREATE OR REPLACE FUNCTION edx_plan_json(p plans) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', p.id, 'district_id', p.district_id, 'year', p.year,
    'periods', json_build_object('calendar_year', edx_period_code(p.year, 'calendar_year'),
                                 'school_year', edx_period_code(p.year, 'school_year')),
    'title', p.title, 'document_ref', p.document_ref,
    'targets', coalesce((SELECT json_agg(json_build_object('indicator', t.indicator_code,
                                   'comparator', t.comparator, 'target', t.target)
                                 ORDER BY t.position)
                         FROM plan_targets t WHERE t.plan_id = p.id), '[]'),
    'created_at', edx_ts(p.created_at), 'updated_at', edx_ts(p.updated_at))
$$;

-- The reported value as JSON: true/false, a number, or {"numerator", "denominator"}.
CREATE OR REPLACE FUNCTION edx_report_value(r report_values) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN r.value_bool IS NOT NULL THEN to_json(r.value_bool)
              WHEN r.value_num IS NOT NULL THEN to_json(r.value_num)
              ELSE json_build_object('numerator', r.numerator, 'denominator', r.denominator) END
$$;

CREATE OR REPLACE FUNCTION edx_report_entry_json(r report_values) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('value', edx_report_value(r), 'note', r.note,
                           'evidence_url', r.evidence_url, 'evidence_files', r.evidence_files,
                           'set_by', json_build_object(
                             'token_id', r.set_by_token_id, 'role', r.set_by_role,
                             'label', r.set_by_label), 'set_at', edx_ts(r.set_at))
$$;

-- One value as GET /v1/reports lists it (and the change feed and exports carry it).
CREATE OR REPLACE FUNCTION edx_report_item_json(v report_values) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', v.id::text, 'school_id', v.school_id,
    'school_code', edx_school_code(v.school_id), 'school', edx_school_brief(v.school_id),
    'district_id', v.district_id, 'year', v.year, 'indicator', v.indicator_code,
    'value', edx_report_value(v), 'note', v.note, 'evidence_url', v.evidence_url,
    'set_by_token_id', v.set_by_token_id, 'set_at', edx_ts(v.set_at))
$$;

CREATE OR REPLACE FUNCTION edx_framework_json(f frameworks) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('code', f.code, 'version', f.version, 'title_vi', f.title_vi,
                           'title_en', f.title_en, 'provisional', f.provisional,
                           'groups', f.definition->'groups',
                           'level_bands', f.definition->'level_bands',
                           'mandatory_unmet_max_level', f.definition->'mandatory_unmet_max_level',
                           'level_names', coalesce(f.definition->'level_names', 'null'::jsonb),
                           'created_at', edx_ts(f.created_at))
$$;

-- Late against the plan's dates: submission by 31 May, recognition by 15 June of the year (the
-- late= filter and the overview; not a field).
CREATE OR REPLACE FUNCTION edx_assessment_late(state text, year integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT (state IN ('draft', 'returned') AND current_date > make_date(year, 5, 31))
      OR (state <> 'recognized' AND current_date > make_date(year, 6, 15))
$$;

-- An assessment's workflow position is `status` (issue 15: one word for it, as dossiers and
-- tasks say); `state`, its first name, is given too with the same value until it is removed
-- (deprecated in openapi.yaml). The column keeps its name.
CREATE OR REPLACE FUNCTION edx_assessment_json(a assessments) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', a.id, 'school_id', a.school_id,
    'school', edx_school_brief(a.school_id), 'district_id', a.district_id, 'year', a.year,
    'school_year', edx_period_code(a.year, 'school_year'),
    'framework', json_build_object('code', a.framework_code,
    'version', a.framework_version), 'status', a.state, 'state', a.state, 'answers', a.answers,
    'group_scores', a.scores->'group_scores', 'mandatory_unmet', a.scores->'mandatory_unmet',
    'self_level', a.scores->'level', 'external_answers', a.external_answers,
    'external_group_scores', a.external_scores->'group_scores',
    'external_level', a.external_scores->'level', 'recognized_level', a.recognized_level,
    'decision_ref', a.decision_ref, 'submitted_at', edx_ts(a.submitted_at),
    'approved_at', edx_ts(a.approved_at),
    'externally_assessed_at', edx_ts(a.externally_assessed_at),
    'recognized_at', edx_ts(a.recognized_at),
    'created_at', edx_ts(a.created_at), 'updated_at', edx_ts(a.updated_at))
$$;

-- A school's or the office's value in a progress answer's `below` list: a reported value as it
-- is (a suspect one is always reported: migration 0021); for an assessment indicator, the
-- {state, recognized_level} that the view progress_school_cells (migration 0020) builds, with
-- `status` beside `state` as edx_assessment_json says it (a view is changed only by a
-- migration; this keeps the change to the representations).
CREATE OR REPLACE FUNCTION edx_cell_value(source text, value json) RETURNS json
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN source = 'assessments' AND value IS NOT NULL
              THEN json_build_object('status', value -> 'state', 'state', value -> 'state',
                                     'recognized_level', value -> 'recognized_level')
              ELSE value END
$$;

-- The item `item` of a framework version (a sub-criterion of one of its criteria, migration
-- 0023): {"criterion", "max_points"}, or NULL when that version has no such item.
CREATE OR REPLACE FUNCTION edx_framework_item(code text, version integer, item text)
RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('criterion', c ->> 'code', 'max_points', i -> 'max_points')
  FROM frameworks f, jsonb_array_elements(f.definition -> 'groups') g,
       jsonb_array_elements(g -> 'criteria') c, jsonb_array_elements(c -> 'items') i
  WHERE f.code = $1 AND f.version = $2 AND i ->> 'code' = $3
  LIMIT 1
$$;

-- The points answers give an item when its criterion is answered by items; NULL when it is
-- answered as a whole, or not at all, or the item is left out (item codes are unique in a
-- framework, and answers are checked against theirs).
CREATE OR REPLACE FUNCTION edx_assessment_item_points(answers jsonb, item text) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
  SELECT (e.v -> 'items' -> $2 ->> 'points')::numeric FROM jsonb_each($1) e (k, v)
  WHERE jsonb_typeof(e.v -> 'items') = 'object' AND e.v -> 'items' ? $2
  LIMIT 1
$$;

-- An assessment's answer to one item, with its school named (GET /v1/assessment-items).
CREATE OR REPLACE FUNCTION edx_assessment_item_json(a assessments, item text) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('assessment_id', a.id, 'school_id', a.school_id,
    'school_code', s.code, 'school_name', s.name, 'district_id', a.district_id, 'year', a.year,
    'status', a.state, 'state', a.state, 'framework', json_build_object('code', a.framework_code,
    'version', a.framework_version), 'criterion', fi ->> 'criterion', 'item', item,
    'points', edx_assessment_item_points(a.answers, item), 'max_points', fi -> 'max_points',
    'updated_at', edx_ts(a.updated_at))
  FROM schools s, edx_framework_item(a.framework_code, a.framework_version, item) fi
  WHERE s.id = a.school_id
$$;

CREATE OR REPLACE FUNCTION edx_procedure_json(p procedures) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', p.id, 'district_id', p.district_id, 'code', p.code,
                           'name', p.name, 'field', p.field, 'fee', p.fee,
                           'eligible_online', p.eligible_online, 'online_mode', p.online_mode,
                           'statutory_days', p.statutory_days, 'active', p.active,
                           'created_at', edx_ts(p.created_at), 'updated_at', edx_ts(p.updated_at))
$$;

-- Open (received, processing, supplement requested) and past its due time (the overdue= filter
-- and the metrics; not a field).
CREATE OR REPLACE FUNCTION edx_dossier_overdue(status text, due_at timestamptz) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT status IN ('received', 'processing', 'supplement_requested') AND now() > due_at
$$;

CREATE OR REPLACE FUNCTION edx_dossier_json(d dossiers) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', d.id, 'district_id', d.district_id,
    'procedure_id', d.procedure_id, 'procedure', edx_procedure_brief(d.procedure_id),
    'reference', d.reference, 'channel', d.channel,
    'received_at', edx_ts(d.received_at), 'due_at', edx_ts(d.due_at), 'status', d.status,
    'processing_at', edx_ts(d.processing_at),
    'supplement_requested_at', edx_ts(d.supplement_requested_at),
    'resolved_at', edx_ts(d.resolved_at), 'rejected_at', edx_ts(d.rejected_at),
    'withdrawn_at', edx_ts(d.withdrawn_at),
    'fee', edx_procedure_fee(d.procedure_id),
    'paid_online', d.paid_online, 'e_receipt', d.e_receipt,
    'dossier_digitized', d.dossier_digitized, 'result_digitized', d.result_digitized,
    'satisfaction', d.satisfaction, 'complaint', d.complaint,
    'on_time', CASE WHEN d.status = 'resolved' THEN d.resolved_at <= d.due_at END,
    'created_at', edx_ts(d.created_at), 'updated_at', edx_ts(d.updated_at))
$$;

-- The metric rates of a set of dossiers (see openapi.yaml for each formula).
CREATE OR REPLACE FUNCTION edx_rate(num bigint, den bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('numerator', num, 'denominator', den,
                           'rate', CASE WHEN den > 0 THEN round(100.0 * num / den, 2) END)
$$;


-- The plan's tasks (migration 0026). Unlike the rest of this file, a task's summary and an
-- assignment's overdue read the clock: they change at midnight in Vietnam (UTC+7) when a due date
-- passes (src/rules/task_rules.h has the same rule). Tasks are not in the change feed.
CREATE OR REPLACE FUNCTION edx_vn_today() RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
$$;

-- The last day of a task: its date (kind date), 31 December of its plan year (kind year_end),
-- none for the other kinds.
CREATE OR REPLACE FUNCTION edx_task_last_day(kind text, day date, year integer) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE kind WHEN 'date' THEN day WHEN 'year_end' THEN make_date(year, 12, 31) END
$$;

-- Still to do (not_started, in_progress, blocked) after the task's last day, in Vietnam.
CREATE OR REPLACE FUNCTION edx_assignment_overdue(status text, kind text, day date, year integer)
RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT status IN ('not_started', 'in_progress', 'blocked')
    AND coalesce(edx_task_last_day(kind, day, year) < edx_vn_today(), false)
$$;

CREATE OR REPLACE FUNCTION edx_task_summary(task uuid, kind text, day date, year integer)
RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'assignments', count(*) FILTER (WHERE a.status <> 'cancelled'),
    'not_started', count(*) FILTER (WHERE a.status = 'not_started'),
    'in_progress', count(*) FILTER (WHERE a.status = 'in_progress'),
    'done', count(*) FILTER (WHERE a.status = 'done'),
    'accepted', count(*) FILTER (WHERE a.status = 'accepted'),
    'blocked', count(*) FILTER (WHERE a.status = 'blocked'),
    'cancelled', count(*) FILTER (WHERE a.status = 'cancelled'),
    'overdue', count(*) FILTER (WHERE edx_assignment_overdue(a.status, kind, day, year)))
  FROM task_assignments a WHERE a.task_id = task
$$;

CREATE OR REPLACE FUNCTION edx_task_json(t tasks) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', t.id, 'district_id', t.district_id, 'year', t.year,
    'code', t.code, 'section_vi', t.section_vi, 'title_vi', t.title_vi, 'title_en', t.title_en,
    'description', t.description, 'lead', t.lead, 'lead_detail_vi', t.lead_detail_vi,
    'school_levels', CASE WHEN cardinality(t.school_levels) > 0 THEN to_json(t.school_levels) END,
    'due', json_build_object('kind', t.due_kind,
                             'date', edx_task_last_day(t.due_kind, t.due_date, t.year),
                             'every', t.due_every),
    'indicators', to_json(t.indicators), 'deliverable_vi', t.deliverable_vi,
    'summary', edx_task_summary(t.id, t.due_kind, t.due_date, t.year),
    'created_at', edx_ts(t.created_at), 'updated_at', edx_ts(t.updated_at))
$$;

CREATE OR REPLACE FUNCTION edx_assignment_json(a task_assignments) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', a.id, 'task_id', a.task_id, 'district_id', a.district_id,
    'unit', CASE WHEN a.school_id IS NULL THEN 'office' ELSE 'school' END,
    'school_id', a.school_id, 'school', edx_school_brief(a.school_id), 'status', a.status,
    'progress_percent', a.progress_percent, 'note', a.note, 'evidence', to_json(a.evidence),
    'overdue', edx_assignment_overdue(a.status, t.due_kind, t.due_date, t.year),
    'created_at', edx_ts(a.created_at), 'updated_at', edx_ts(a.updated_at))
  FROM tasks t WHERE t.id = a.task_id
$$;

CREATE OR REPLACE FUNCTION edx_assignment_history_json(h task_assignment_history) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', h.id, 'at', edx_ts(h.at), 'token_id', h.token_id,
    'role', h.role, 'label', h.label, 'from', h.from_status, 'to', h.to_status, 'note', h.note)
$$;

-- An evidence file's metadata (GET /v1/files/{file}/meta).
CREATE OR REPLACE FUNCTION edx_file_json(f files) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', f.id, 'filename', f.filename, 'content_type', f.content_type,
    'size', f.size, 'sha256', f.sha256, 'created_at', edx_ts(f.created_at),
    'created_by', json_build_object('token_id', f.created_by_token, 'role', f.created_by_role,
                                    'label', f.created_by_label),
    'district_id', f.district_id, 'attached', f.attached_at IS NOT NULL)
$$;

-- A period report's metadata (GET /v1/submissions/{submission}), without its frozen document.
CREATE OR REPLACE FUNCTION edx_submission_json(s submissions) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', s.id, 'district_id', s.district_id,
    'district', json_build_object('id', d.id, 'code', d.code, 'name', d.name,
                                  'province_code', d.province_code),
    'period', s.period, 'year', s.year, 'title', s.title,
    'document_number', s.document_number, 'signed_by', s.signed_by, 'note', s.note,
    'state', s.state, 'sha256', s.sha256, 'frozen_bytes', octet_length(s.frozen),
    'supersedes', s.supersedes,
    'superseded_by', (SELECT n.id FROM submissions n WHERE n.supersedes = s.id
                      AND s.state = 'superseded' ORDER BY n.submitted_at DESC NULLS LAST LIMIT 1),
    'created_by', s.created_by, 'created_at', edx_ts(s.created_at),
    'submitted_at', edx_ts(s.submitted_at), 'decided_at', edx_ts(s.decided_at),
    'decision_note', s.decision_note, 'updated_at', edx_ts(s.updated_at),
    'links', json_build_object('self', '/v1/submissions/' || s.id,
                               'frozen', '/v1/submissions/' || s.id || '/frozen',
                               'history', '/v1/submissions/' || s.id || '/history'))
  FROM districts d WHERE d.id = s.district_id
$$;

CREATE OR REPLACE FUNCTION edx_submission_event_json(e submission_events) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', e.id, 'at', edx_ts(e.at), 'token_id', e.token_id,
    'role', e.role, 'label', e.label, 'from', e.from_state, 'to', e.to_state, 'note', e.note)
$$;
