/* assessments.c — frameworks, assessments, moves and overview (see assessments.h). */
#include <stdio.h>
#include <stdlib.h>
#include "db/assessments.h"
#include "db/audit.h"
#include "db/list.h"
#include "db/query.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"

const char *const edx_assessment_sort_fields[] = {"year", "updated_at", NULL};
static const edx_sort_column assessment_sort_sql[] = {{"a.year", EDX_NOT_NULL},
  {"a.updated_at", EDX_NOT_NULL}};
const char *const edx_item_answer_sort_fields[] = {"points", "school_code", "year", NULL};
/* $1 is the item: the first filter, always given */
static const edx_sort_column item_answer_sort_sql[] = {
  {"edx_assessment_item_points(a.answers, $1)", EDX_NULLABLE},
  {"edx_school_code(a.school_id)", EDX_NOT_NULL}, {"a.year", EDX_NOT_NULL}};
static const edx_sort_column framework_sort_sql[] = {{"f.code", EDX_NOT_NULL}};

int edx_db_framework_get(edx_conn *c, json_t **out, const char *code, int version)
{
  char v[16];
  const char *params[] = {code, v};
  int rc;
  snprintf(v, sizeof(v), "%d", version);
  rc = edx_db_json(c, out,
                   "SELECT edx_framework_json(f) FROM frameworks f WHERE f.code = $1"
                   " AND ($2::int = 0 OR f.version = $2::int) ORDER BY f.version DESC LIMIT 1",
                   2, params);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no framework '%s'%s", code, version ? " in that version" : "");
  return rc;
}

int edx_db_framework_list(edx_conn *c, edx_list_page *out, const edx_list_params *lp)
{
  return edx_db_list(c, out,
                     "frameworks f WHERE f.version = (SELECT max(version) FROM frameworks l"
                     " WHERE l.code = f.code)",
                     "edx_framework_json(f)", framework_sort_sql, "f.code", lp, 0, NULL);
}

int edx_db_framework_put(edx_conn *c, json_t **out, int *created, const edx_caller *actor,
                         const char *code, const json_t *fw)
{
  const json_t *cap = json_object_get(fw, "mandatory_unmet_max_level");
  const json_t *names = json_object_get(fw, "level_names");
  json_t *definition = json_pack("{s:O,s:O,s:O,s:O}", "groups", json_object_get(fw, "groups"),
                                 "level_bands", json_object_get(fw, "level_bands"),
                                 "mandatory_unmet_max_level", cap ? cap : json_null(),
                                 "level_names", names ? names : json_null());
  char *text = json_dumps(definition, JSON_COMPACT);
  const json_t *prov = json_object_get(fw, "provisional");
  const char *params[] = {code, edx_json_str(fw, "title_vi"), edx_json_str(fw, "title_en"),
                          json_is_true(prov) ? "true" : "false", text};
  int rc = edx_db_json(c, out,
                       "INSERT INTO frameworks AS f (code, version, title_vi, title_en, provisional,"
                       " definition) SELECT $1, coalesce(max(version), 0) + 1, normalize($2, NFC),"
                       " $3, $4::boolean, $5::jsonb FROM frameworks WHERE code = $1"
                       " RETURNING edx_framework_json(f)",
                       5, params);
  if (rc == EDX_OK) {
    *created = json_integer_value(json_object_get(*out, "version")) == 1;
    rc = edx_db_audit_write(c, actor, *created ? "create" : "update", "framework", code, NULL,
                            NULL, *out);
  }
  free(text);
  json_decref(definition);
  return rc;
}

int edx_db_assessment_get(edx_conn *c, json_t **out, const char *id, int for_update)
{
  int rc = edx_db_json_row(c, out, "SELECT edx_assessment_json(a) FROM assessments a"
                                  " WHERE a.id = $1::uuid",
                           for_update, id);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no assessment with this id");
  return rc;
}

static int record_move(edx_conn *c, const edx_caller *actor, const char *id, const char *from,
                       const char *to, const char *note)
{
  const char *params[] = {id, from, to, NULL, NULL, NULL, note};
  edx_db_actor_params(actor, params + 3);
  return edx_db_run(c, NULL,
                    "INSERT INTO assessment_moves (assessment_id, from_state, to_state,"
                    " by_token_id, by_role, by_label, note) VALUES ($1::uuid, $2, $3, $4::uuid,"
                    " $5, $6, $7)",
                    7, params);
}

int edx_db_assessment_create(edx_conn *c, json_t **out, const edx_caller *actor,
                             const json_t *school, int year, const json_t *fw,
                             const json_t *scores)
{
  char y[16], v[16], *scores_text = json_dumps(scores, JSON_COMPACT);
  const char *params[] = {edx_json_str(school, "id"), edx_json_str(school, "district_id"), y,
                          edx_json_str(fw, "code"), v, scores_text};
  int rc;
  snprintf(y, sizeof(y), "%d", year);
  snprintf(v, sizeof(v), "%lld", (long long)json_integer_value(json_object_get(fw, "version")));
  rc = edx_db_json(c, out,
                   "INSERT INTO assessments AS a (school_id, district_id, year, framework_code,"
                   " framework_version, scores) VALUES ($1::uuid, $2::uuid, $3::int, $4, $5::int,"
                   " $6::jsonb) RETURNING edx_assessment_json(a)",
                   6, params);
  if (rc == EDX_ECONFLICT)
    edx_error_set("the school already has an assessment for %d", year);
  if (rc == EDX_OK)
    rc = record_move(c, actor, edx_json_str(*out, "id"), NULL, "draft", NULL);
  free(scores_text);
  return rc;
}

int edx_db_assessment_set_answers(edx_conn *c, json_t **out, const char *id, const json_t *answers,
                                  const json_t *scores)
{
  char *a = json_dumps(answers, JSON_COMPACT), *s = json_dumps(scores, JSON_COMPACT);
  const char *params[] = {id, a, s};
  int rc = edx_db_json(c, out,
                       "UPDATE assessments a SET answers = $2::jsonb, scores = $3::jsonb,"
                       " updated_at = now() WHERE a.id = $1::uuid RETURNING edx_assessment_json(a)",
                       3, params);
  free(a);
  free(s);
  return rc;
}

int edx_db_assessment_move(edx_conn *c, json_t **out, const edx_caller *actor, const char *id,
                           const edx_assessment_move *m)
{
  char level[8];
  char *ext = m->external_answers ? json_dumps(m->external_answers, JSON_COMPACT) : NULL;
  char *ext_scores = m->external_scores ? json_dumps(m->external_scores, JSON_COMPACT) : NULL;
  const char *params[] = {id, m->to, ext, ext_scores, m->recognized_level ? level : NULL,
                          m->decision_ref};
  int rc;
  snprintf(level, sizeof(level), "%d", m->recognized_level);
  rc = edx_db_json(
    c, out,
    "UPDATE assessments a SET state = $2, updated_at = now(),"
    " submitted_at = CASE WHEN $2 = 'submitted' THEN now() ELSE submitted_at END,"
    " approved_at = CASE WHEN $2 = 'approved' THEN now() ELSE approved_at END,"
    " externally_assessed_at = CASE WHEN $2 = 'externally_assessed' THEN now()"
    "   ELSE externally_assessed_at END,"
    " recognized_at = CASE WHEN $2 = 'recognized' THEN now() ELSE recognized_at END,"
    " external_answers = coalesce($3::jsonb, external_answers),"
    " external_scores = coalesce($4::jsonb, external_scores),"
    " recognized_level = coalesce($5::int, recognized_level),"
    " decision_ref = coalesce($6, decision_ref)"
    " WHERE a.id = $1::uuid RETURNING edx_assessment_json(a)",
    6, params);
  if (rc == EDX_OK)
    rc = record_move(c, actor, id, m->from, m->to, m->note);
  free(ext);
  free(ext_scores);
  return rc;
}

int edx_db_assessment_history(edx_conn *c, json_t **out, const char *id)
{
  const char *params[] = {id};
  return edx_db_json(c, out,
                     "SELECT json_build_object('items', coalesce(json_agg(json_build_object("
                     "'from', m.from_state, 'to', m.to_state, 'by', json_build_object('token_id',"
                     " m.by_token_id, 'role', m.by_role, 'label', m.by_label), 'at', edx_ts(m.at),"
                     " 'note', m.note) ORDER BY m.id), '[]')) FROM assessment_moves m"
                     " WHERE m.assessment_id = $1::uuid",
                     1, params);
}

int edx_db_assessment_list(edx_conn *c, edx_list_page *out, const edx_assessment_filter *f,
                           const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"a.district_id = $::uuid", f->district_id},
    {"a.school_id = $::uuid", f->school_id},
    {"a.year = $::int", f->year},
    {"a.state = $", f->status},
    {"a.recognized_level = $::int", f->level},
    {"edx_assessment_late(a.state, a.year) = $::boolean", f->late},
    {"a.updated_at >= $::timestamptz", f->updated_since},
    {"a.district_id = $::uuid", f->scope_district},
    {"a.school_id = $::uuid", f->scope_school},
    {EDX_IN_PROVINCE("a.district_id"), f->province},
  };
  return edx_db_list_filtered(c, out, "assessments a WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_assessment_json(a)", assessment_sort_sql, "a.id", lp);
}

int edx_db_item_answer_list(edx_conn *c, edx_list_page *out, const edx_item_answer_filter *f,
                            const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"edx_framework_item(a.framework_code, a.framework_version, $) IS NOT NULL", f->item},
    {"edx_assessment_item_points(a.answers, $1) < $::numeric", f->below},
    {"a.district_id = $::uuid", f->district_id},
    {"a.year = $::int", f->year},
    {"a.state = $", f->status},
    {"a.updated_at >= $::timestamptz", f->updated_since},
    {"a.school_id = $::uuid", f->scope_school},
    {EDX_IN_PROVINCE("a.district_id"), f->province},
  };
  return edx_db_list_filtered(c, out, "assessments a WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_assessment_item_json(a, $1)", item_answer_sort_sql, "a.id",
                              lp);
}

int edx_db_framework_item_known(edx_conn *c, const char *item)
{
  json_t *found = NULL;
  const char *params[] = {item};
  int rc = edx_db_json(c, &found,
                       "SELECT 'true'::json FROM frameworks f"
                       " WHERE edx_framework_item(f.code, f.version, $1) IS NOT NULL LIMIT 1",
                       1, params);
  json_decref(found);
  return rc;
}

int edx_db_assessment_overview(edx_conn *c, json_t **out, const char *district_id, int year)
{
  return edx_db_json_year(
    c, out,
    "WITH s AS (SELECT s.id, s.code, s.name, coalesce(a.state, 'not_started') AS status,"
    "   a.recognized_level FROM schools s LEFT JOIN assessments a ON a.school_id = s.id"
    "   AND a.year = $2::int WHERE s.district_id = $1::uuid AND s.active"
    "   AND s.level IN ('primary', 'lower_secondary', 'primary_lower_secondary')),"
    " counts AS (SELECT json_build_object("
    "   'not_started', count(*) FILTER (WHERE status = 'not_started'),"
    "   'draft', count(*) FILTER (WHERE status = 'draft'),"
    "   'submitted', count(*) FILTER (WHERE status = 'submitted'),"
    "   'returned', count(*) FILTER (WHERE status = 'returned'),"
    "   'approved', count(*) FILTER (WHERE status = 'approved'),"
    "   'externally_assessed', count(*) FILTER (WHERE status = 'externally_assessed'),"
    "   'recognized', count(*) FILTER (WHERE status = 'recognized')) AS by_status FROM s)"
    " SELECT json_build_object('year', $2::int, 'deadlines', json_build_object('submission',"
    "   make_date($2::int, 5, 31), 'recognition', make_date($2::int, 6, 15)),"
    " 'schools', (SELECT count(*) FROM s),"
    " 'by_status', (SELECT by_status FROM counts), 'by_state', (SELECT by_status FROM counts),"
    " 'by_level', (SELECT json_build_object('1', count(*) FILTER (WHERE recognized_level = 1),"
    "   '2', count(*) FILTER (WHERE recognized_level = 2),"
    "   '3', count(*) FILTER (WHERE recognized_level = 3),"
    "   'unrecognized', count(*) FILTER (WHERE recognized_level IS NULL)) FROM s),"
    " 'late_submission', (SELECT coalesce(json_agg(json_build_object('id', id, 'code', code,"
    "   'name', name, 'status', status, 'state', status) ORDER BY code), '[]') FROM s"
    "   WHERE status IN ('not_started', 'draft', 'returned')"
    "   AND current_date > make_date($2::int, 5, 31)),"
    " 'late_recognition', (SELECT coalesce(json_agg(json_build_object('id', id, 'code', code,"
    "   'name', name, 'status', status, 'state', status) ORDER BY code), '[]') FROM s"
    "   WHERE status <> 'recognized'"
    "   AND current_date > make_date($2::int, 6, 15)))",
    district_id, year);
}
