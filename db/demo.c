/* demo.c — demo data (see demo.h), from db/demo-tuyenhoa.json compiled into the binary: the
 * Tuyên Hoá district (GSO code 453, Quảng Bình) with its real schools from
 * ../shared/domain/tuyenhoa-schools.json and clearly marked sample schools ("(trường mẫu)",
 * codes MAU-…) so that every level and commune has some. */
#include <stdlib.h>
#include <string.h>
#include "db/audit.h"
#include "db/assessments.h"
#include "db/demo.h"
#include "db/indicators.h"
#include "db/query.h"
#include "db/schools.h"
#include "src/runtime/embedded.h"
#include "src/rules/dt_scoring.h"
#include "src/rules/errors.h"

/* Inserts the demo district unless any district exists; *out is it (EDX_ENOTFOUND: skipped). */
static int load_district(edx_conn *c, const json_t *data, json_t **out)
{
  const json_t *d = json_object_get(data, "district");
  const char *params[] = {json_string_value(json_object_get(d, "code")),
                          json_string_value(json_object_get(d, "name")),
                          json_string_value(json_object_get(d, "province")),
                          json_string_value(json_object_get(d, "office_name")),
                          json_string_value(json_object_get(d, "province_code"))};
  int rc = edx_db_json(c, out,
                       "INSERT INTO districts AS d (code, name, province, office_name,"
                       " province_code) SELECT $1, $2, $3, $4, $5"
                       " WHERE NOT EXISTS (SELECT 1 FROM districts)"
                       " RETURNING edx_district_json(d)",
                       5, params);
  if (rc == EDX_OK) {
    const char *id = json_string_value(json_object_get(*out, "id"));
    rc = edx_db_audit_write(c, NULL, "create", "district", id, id, NULL, *out);
  }
  return rc;
}

/* The district's communes as org units under it, with provisional codes (see the JSON's note). */
static int load_communes(edx_conn *c, const json_t *data)
{
  char *communes = json_dumps(json_object_get(data, "communes"), JSON_COMPACT);
  const char *params[] = {json_string_value(json_object_get(json_object_get(data, "district"),
                                                            "code")),
                          communes, json_string_value(json_object_get(data, "communes_note"))};
  int rc = edx_db_run(c, NULL,
                      "INSERT INTO org_units (code, name, level, parent_code, official, note)"
                      " SELECT u->>'code', u->>'name', 'commune', $1, false, $3"
                      " FROM jsonb_array_elements($2::jsonb) u ON CONFLICT (code) DO NOTHING",
                      3, params);
  free(communes);
  return rc;
}

static int load_schools(edx_conn *c, const json_t *data, const char *district_id)
{
  json_t *rows = json_deep_copy(json_object_get(data, "schools")), *row;
  char *text;
  long created = 0, updated = 0;
  size_t i;
  int rc = EDX_EINTERNAL;
  json_array_foreach(rows, i, row) {
    json_object_del(row, "sample");
    json_object_del(row, "source");
    json_object_set_new(row, "district_id", json_string(district_id));
  }
  if ((text = json_dumps(rows, JSON_COMPACT)))
    rc = edx_db_schools_upsert(c, NULL, text, &created, &updated);
  free(text);
  json_decref(rows);
  return rc;
}

/* The 2024 plan of the demo district, with its targets. */
static int load_plan(edx_conn *c, const json_t *data, const char *district_id)
{
  json_t *body = json_deep_copy(json_object_get(data, "plan")), *plan = NULL;
  int rc;
  json_object_set_new(body, "district_id", json_string(district_id));
  rc = edx_db_plan_create(c, &plan, NULL, body);
  json_decref(plan);
  json_decref(body);
  return rc;
}

/* Sample 2024 values of the schools and the office, with their history. */
static int load_reports(edx_conn *c, const json_t *data, const char *district_id)
{
  char *schools = json_dumps(json_object_get(data, "reports"), JSON_COMPACT);
  char *office = json_dumps(json_object_get(data, "office_reports"), JSON_COMPACT);
  const char *params[] = {district_id, schools, office};
  int rc = edx_db_run(
    c, NULL,
    "WITH input AS (SELECT s.id AS school_id, r FROM jsonb_array_elements($2::jsonb) r"
    "   JOIN schools s ON s.code = r->>'school_code'"
    "   UNION ALL SELECT NULL, r FROM jsonb_array_elements($3::jsonb) r),"
    " ins AS (INSERT INTO report_values (district_id, school_id, year, indicator_code, value_bool,"
    "   value_num, numerator, denominator, note, set_by_role, set_by_label)"
    "   SELECT $1::uuid, school_id, 2024, r->>'indicator', (r->>'value_bool')::boolean,"
    "   (r->>'value_num')::numeric, (r->>'numerator')::int, (r->>'denominator')::int, r->>'note',"
    "   NULL, 'demo data' FROM input RETURNING *)"
    " INSERT INTO report_value_history (district_id, school_id, year, indicator_code, value_bool,"
    "   value_num, numerator, denominator, note, set_by_label)"
    " SELECT district_id, school_id, year, indicator_code, value_bool, value_num, numerator,"
    "   denominator, note, set_by_label FROM ins",
    3, params);
  free(schools);
  free(office);
  return rc;
}

/* Sample 2024 assessments in every workflow state, scored by the seeded framework's latest
 * version (the one they are stored with); recognized
 * ones get the level their answers give. Their moves are recorded like real ones. */
static int load_assessments(edx_conn *c, const json_t *data)
{
  static const char *const path[] = {"draft", "submitted", "approved", "externally_assessed",
                                     "recognized", NULL};
  json_t *fw = NULL, *rows = json_array(), *a;
  size_t i;
  char *text = NULL;
  int rc = edx_db_framework_get(c, &fw, "4725", 0);
  json_array_foreach(json_object_get(data, "assessments"), i, a) {
    const char *state = json_string_value(json_object_get(a, "state"));
    json_t *scores = rc == EDX_OK ? edx_dt_score(fw, json_object_get(a, "answers")) : NULL;
    json_t *row = json_pack("{s:O,s:s,s:O,s:o,s:O}", "school_code", json_object_get(a, "school_code"),
                            "state", state, "answers", json_object_get(a, "answers"), "scores",
                            scores ? scores : json_object(), "note",
                            json_object_get(a, "note") ? json_object_get(a, "note") : json_null());
    json_t *moves = json_array();
    for (int k = 1; path[k] && strcmp(path[k - 1], state) != 0 && strcmp(state, "draft") != 0; k++) {
      json_array_append_new(moves, json_pack("{s:s,s:s}", "from", path[k - 1], "to", path[k]));
      if (strcmp(path[k], state) == 0)
        break;
    }
    if (strcmp(state, "returned") == 0)
      json_array_append_new(moves, json_pack("{s:s,s:s}", "from", "submitted", "to", "returned"));
    json_object_set_new(row, "moves", moves);
    json_array_append_new(rows, row);
  }
  text = json_dumps(rows, JSON_COMPACT);
  if (rc == EDX_OK) {
    const char *params[] = {text};
    rc = edx_db_run(
      c, NULL,
      "WITH input AS (SELECT r, s.id AS school_id, s.district_id FROM jsonb_array_elements($1::jsonb) r"
      "   JOIN schools s ON s.code = r->>'school_code'),"
      " ins AS (INSERT INTO assessments (school_id, district_id, year, framework_code,"
      "   framework_version, state, answers, scores, external_answers, external_scores,"
      "   recognized_level, decision_ref, submitted_at, approved_at, externally_assessed_at,"
      "   recognized_at) SELECT school_id, district_id, 2024, '4725',"
      "   (SELECT max(version) FROM frameworks WHERE code = '4725'), r->>'state', r->'answers',"
      "   r->'scores', CASE WHEN r->>'state' IN ('externally_assessed', 'recognized') THEN"
      "   r->'answers' END, CASE WHEN r->>'state' IN ('externally_assessed', 'recognized') THEN"
      "   r->'scores' END, CASE WHEN r->>'state' = 'recognized' THEN (r->'scores'->>'level')::int"
      "   END, CASE WHEN r->>'state' = 'recognized' THEN 'QĐ số 215/QĐ-PGDĐT (mẫu)' END,"
      "   CASE WHEN r->>'state' NOT IN ('draft') THEN '2024-05-20'::timestamptz END,"
      "   CASE WHEN r->>'state' IN ('approved', 'externally_assessed', 'recognized')"
      "     THEN '2024-06-03'::timestamptz END,"
      "   CASE WHEN r->>'state' IN ('externally_assessed', 'recognized')"
      "     THEN '2024-06-07'::timestamptz END,"
      "   CASE WHEN r->>'state' = 'recognized' THEN '2024-06-12'::timestamptz END FROM input"
      "   RETURNING id, school_id)"
      " INSERT INTO assessment_moves (assessment_id, from_state, to_state, by_label, note)"
      " SELECT ins.id, NULL, 'draft', 'demo data', NULL FROM ins"
      " UNION ALL SELECT ins.id, m->>'from', m->>'to', 'demo data',"
      "   CASE WHEN m->>'to' = 'returned' THEN i.r->>'note' END"
      " FROM ins JOIN input i USING (school_id), jsonb_array_elements(i.r->'moves') m",
      1, params);
  }
  free(text);
  json_decref(rows);
  json_decref(fw);
  return rc;
}

/* The procedure catalogue and a year of sample dossiers (dates relative to received_at, due
 * dates counted in working days in SQL from the procedure's statutory days, against the
 * calendar's days off and worked Saturdays). */
static int load_procedures(edx_conn *c, const json_t *data, const char *district_id)
{
  char *procs = json_dumps(json_object_get(data, "procedures"), JSON_COMPACT);
  char *dossiers = json_dumps(json_object_get(data, "dossiers"), JSON_COMPACT);
  const char *params[] = {district_id, procs, dossiers};
  int rc = edx_db_run(
    c, NULL,
    "WITH p AS (INSERT INTO procedures (district_id, code, name, field, fee, eligible_online,"
    "   online_mode, statutory_days) SELECT $1::uuid, r->>'code', r->>'name', r->>'field',"
    "   (r->>'fee')::boolean, (r->>'eligible_online')::boolean, r->>'online_mode',"
    "   (r->>'statutory_days')::int FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY"
    "   AS x(r, n) ORDER BY n RETURNING id, statutory_days),"
    " numbered AS (SELECT id, statutory_days, row_number() OVER () - 1 AS i FROM p),"
    " d AS (SELECT r, (r->>'received_at')::timestamptz AS received, n.id AS procedure_id,"
    "   n.statutory_days AS days FROM jsonb_array_elements($3::jsonb) r"
    "   JOIN numbered n ON n.i = (r->>'procedure_index')::int)"
    " INSERT INTO dossiers (district_id, procedure_id, reference, channel, received_at, due_at,"
    "   status, resolved_at, rejected_at, withdrawn_at, processing_at, paid_online, e_receipt,"
    "   dossier_digitized, result_digitized, satisfaction, complaint)"
    " SELECT $1::uuid, procedure_id, r->>'reference', r->>'channel', received,"
    "   received + (SELECT max(g) - received::date FROM (SELECT g::date AS g FROM"
    "     generate_series(received::date + 1, received::date + days * 2 + 7, '1 day') g"
    "     WHERE coalesce((SELECT c.kind = 'working_day' FROM calendar_days c WHERE c.country = 'vn'"
    "       AND c.day = g), extract(isodow FROM g) < 6) ORDER BY g LIMIT days) w) * interval '1 day',"
    "   r->>'status',"
    "   CASE WHEN r->>'status' = 'resolved' THEN received + (r->>'resolved_after_days')::int"
    "     * interval '1 day' END,"
    "   CASE WHEN r->>'status' = 'rejected' THEN received + (r->>'other_after_days')::int"
    "     * interval '1 day' END,"
    "   CASE WHEN r->>'status' = 'withdrawn' THEN received + (r->>'other_after_days')::int"
    "     * interval '1 day' END,"
    "   CASE WHEN r->>'status' = 'processing' THEN received + (r->>'other_after_days')::int"
    "     * interval '1 day' END,"
    "   coalesce((r->>'paid_online')::boolean, false), coalesce((r->>'e_receipt')::boolean, false),"
    "   coalesce((r->>'dossier_digitized')::boolean, false),"
    "   coalesce((r->>'result_digitized')::boolean, false), r->>'satisfaction',"
    "   coalesce((r->>'complaint')::boolean, false) FROM d",
    3, params);
  free(procs);
  free(dossiers);
  return rc;
}

/* The 48 tasks of the 2024 plan (db/demo-tasks-2024.json, the extraction of
 * ../shared/domain/plan-2024-tasks.json) with their assignments, then varied statuses: each
 * assignment's place in the order (task code, office first, school code) modulo 8 gives it
 * not_started, in_progress (30 %), done, accepted, in_progress (60 %), blocked, not_started or
 * done, each move recorded in its history as by "demo data". */
static int load_tasks(edx_conn *c, const char *district_id)
{
  json_t *doc = json_loadb(edx_demo_tasks[0].text, edx_demo_tasks[0].length, 0, NULL);
  char *tasks = json_dumps(json_object_get(doc, "tasks"), JSON_COMPACT);
  const char *params[] = {district_id, tasks};
  int rc = tasks ? EDX_OK : EDX_EINTERNAL;
  if (rc == EDX_OK)
    rc = edx_db_run(
      c, NULL,
      "INSERT INTO tasks (district_id, year, code, section_vi, title_vi, title_en, lead,"
      "   lead_detail_vi, school_levels, due_kind, due_date, due_every, indicators,"
      "   deliverable_vi)"
      " SELECT $1::uuid, 2024, r->>'code', r->>'section_vi', r->>'title_vi', r->>'title_en',"
      "   r->>'lead', r->>'lead_detail_vi', CASE WHEN jsonb_typeof(r->'school_levels') = 'array'"
      "   THEN ARRAY(SELECT jsonb_array_elements_text(r->'school_levels')) END,"
      "   r->'due'->>'kind', CASE WHEN r->'due'->>'kind' = 'date' THEN (r->'due'->>'date')::date"
      "   END, r->'due'->>'every', ARRAY(SELECT jsonb_array_elements_text(r->'indicators')),"
      "   r->>'deliverable_vi' FROM jsonb_array_elements($2::jsonb) r",
      2, params);
  if (rc == EDX_OK)
    rc = edx_db_run(c, NULL,
                    "SELECT count(edx_task_sync(t.id, NULL, NULL)) FROM tasks t"
                    " WHERE t.district_id = $1::uuid",
                    1, params);
  if (rc == EDX_OK)
    rc = edx_db_run(
      c, NULL,
      "WITH o AS (SELECT a.id, (row_number() OVER (ORDER BY t.code, a.school_id IS NOT NULL,"
      "   edx_school_code(a.school_id)) - 1) % 8 AS k FROM task_assignments a"
      "   JOIN tasks t ON t.id = a.task_id WHERE a.district_id = $1::uuid),"
      " s AS (SELECT o.id, (ARRAY['not_started', 'in_progress', 'done', 'accepted',"
      "   'in_progress', 'blocked', 'not_started', 'done'])[o.k + 1] AS status,"
      "   (ARRAY[NULL, 30, 100, 100, 60, 20, NULL, 100])[o.k + 1] AS pct FROM o),"
      " u AS (UPDATE task_assignments a SET status = s.status, progress_percent = s.pct,"
      "   note = CASE s.status WHEN 'blocked' THEN 'Chờ trang bị thiết bị (dữ liệu mẫu)' END"
      "   FROM s WHERE a.id = s.id AND s.status <> 'not_started' RETURNING a.id, a.status)"
      " INSERT INTO task_assignment_history (assignment_id, label, from_status, to_status)"
      " SELECT x.id, 'demo data', x.f, x.t FROM (SELECT u.id, f.f, f.t, f.n FROM u,"
      "   LATERAL (VALUES ('not_started', 'in_progress', 1), ('in_progress', 'done', 2),"
      "   ('done', 'accepted', 3)) f(f, t, n) WHERE f.n <= CASE u.status WHEN 'in_progress'"
      "   THEN 1 WHEN 'done' THEN 2 WHEN 'accepted' THEN 3 ELSE 0 END"
      "   UNION ALL SELECT u.id, 'not_started', 'blocked', 1 FROM u WHERE u.status = 'blocked')"
      "   x ORDER BY x.id, x.n",
      1, params);
  free(tasks);
  json_decref(doc);
  return rc;
}

int edx_db_demo_load(edx_conn *c, int *loaded)
{
  json_t *data = json_loadb(edx_demo_data[0].text, edx_demo_data[0].length, 0, NULL);
  json_t *district = NULL;
  int rc;
  *loaded = 0;
  if (!data) {
    edx_error_set("the demo data compiled into this binary is not valid JSON");
    return EDX_EINTERNAL;
  }
  rc = edx_db_begin(c);
  if (rc == EDX_OK)
    rc = load_district(c, data, &district);
  if (rc == EDX_ENOTFOUND) {
    rc = EDX_OK; /* the database already holds data */
    goto cleanup;
  }
  if (rc == EDX_OK)
    rc = load_communes(c, data);
  if (rc == EDX_OK)
    rc = load_schools(c, data, json_string_value(json_object_get(district, "id")));
  if (rc == EDX_OK)
    rc = load_plan(c, data, json_string_value(json_object_get(district, "id")));
  if (rc == EDX_OK)
    rc = load_reports(c, data, json_string_value(json_object_get(district, "id")));
  if (rc == EDX_OK)
    rc = load_assessments(c, data);
  if (rc == EDX_OK)
    rc = load_procedures(c, data, json_string_value(json_object_get(district, "id")));
  if (rc == EDX_OK)
    rc = load_tasks(c, json_string_value(json_object_get(district, "id")));
  if (rc == EDX_OK)
    *loaded = 1;
cleanup:
  if (rc == EDX_OK)
    rc = edx_db_commit(c);
  else
    edx_db_rollback(c);
  json_decref(district);
  json_decref(data);
  return rc;
}
