/* submissions.c — period reports, their events, the province's summary and the deadlines (see
 * submissions.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/audit.h"
#include "db/list.h"
#include "db/query.h"
#include "db/submissions.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"

int edx_db_submission_get(edx_conn *c, json_t **out, const char *id, int for_update)
{
  int rc = edx_db_json_row(c, out, "SELECT edx_submission_json(s) FROM submissions s"
                                   " WHERE s.id = $1::uuid",
                           for_update, id);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no submission with this id");
  return rc;
}

static char *dup_value(PGresult *res, int col)
{
  return strdup(PQgetvalue(res, 0, col));
}

int edx_db_submission_frozen(edx_conn *c, edx_frozen *out, const char *id)
{
  const char *params[] = {id};
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res,
                       "SELECT s.frozen, s.sha256, encode(decode(s.sha256, 'hex'), 'base64')"
                       " FROM submissions s WHERE s.id = $1::uuid",
                       1, params);
  memset(out, 0, sizeof(*out));
  if (rc == EDX_OK && PQntuples(res) == 0) {
    edx_error_set("no submission with this id");
    rc = EDX_ENOTFOUND;
  }
  if (rc == EDX_OK) {
    out->len = (size_t)PQgetlength(res, 0, 0);
    out->bytes = dup_value(res, 0);
    out->sha256_hex = dup_value(res, 1);
    out->sha256_b64 = dup_value(res, 2);
    if (!out->bytes || !out->sha256_hex || !out->sha256_b64) {
      edx_frozen_free(out);
      edx_error_set("out of memory");
      rc = EDX_EINTERNAL;
    }
  }
  PQclear(res);
  return rc;
}

void edx_frozen_free(edx_frozen *f)
{
  free(f->bytes);
  free(f->sha256_hex);
  free(f->sha256_b64);
  memset(f, 0, sizeof(*f));
}

int edx_db_submission_history(edx_conn *c, json_t **out, const char *id)
{
  const char *params[] = {id};
  return edx_db_json(c, out,
                     "SELECT json_build_object('items', coalesce(json_agg("
                     "edx_submission_event_json(e) ORDER BY e.id), '[]'))"
                     " FROM submission_events e WHERE e.submission_id = $1::uuid",
                     1, params);
}

int edx_db_submission_inputs(edx_conn *c, json_t **out, const char *district_id, int year)
{
  return edx_db_json_year(
    c, out,
    "SELECT json_build_object("
    "'plan_id', (SELECT p.id FROM plans p WHERE p.district_id = $1::uuid AND p.year = $2::int),"
    "'active_schools', (SELECT count(*) FROM schools s WHERE s.district_id = $1::uuid"
    "  AND s.active),"
    "'school_report_values', (SELECT count(*) FROM report_values v"
    "  WHERE v.district_id = $1::uuid AND v.year = $2::int AND v.school_id IS NOT NULL),"
    "'office_report_values', (SELECT count(*) FROM report_values v"
    "  WHERE v.district_id = $1::uuid AND v.year = $2::int AND v.school_id IS NULL),"
    "'assessments', (SELECT count(*) FROM assessments a WHERE a.district_id = $1::uuid"
    "  AND a.year = $2::int),"
    "'active_procedures', (SELECT count(*) FROM procedures p WHERE p.district_id = $1::uuid"
    "  AND p.active),"
    "'dossiers', (SELECT count(*) FROM dossiers d WHERE d.district_id = $1::uuid"
    "  AND d.received_at >= edx_year_start($2::int)"
    "  AND d.received_at < edx_year_start($2::int + 1)))",
    district_id, year);
}

int edx_db_submission_indicators(edx_conn *c, json_t **out, const json_t *codes)
{
  char *text = json_dumps(codes, JSON_COMPACT);
  const char *params[] = {text};
  int rc = edx_db_json(c, out,
                       "SELECT coalesce(json_agg(edx_indicator_json(i) ORDER BY i.code), '[]')"
                       " FROM indicators i WHERE i.code IN"
                       " (SELECT jsonb_array_elements_text($1::jsonb))",
                       1, params);
  free(text);
  return rc;
}

int edx_db_submission_create(edx_conn *c, json_t **out, const edx_caller *actor,
                             const edx_submission_new *s)
{
  char year[16];
  const char *actor_params[3];
  json_t *row = NULL;
  int rc;
  snprintf(year, sizeof(year), "%d", s->year);
  edx_db_actor_params(actor, actor_params);
  {
    const char *params[] = {s->district_id, s->period, year, s->title, s->document_number,
                            s->signed_by, s->note, s->frozen, actor_params[0], actor_params[1],
                            actor_params[2]};
    rc = edx_db_json(c, &row,
                     "WITH n AS (INSERT INTO submissions (district_id, period, year, title,"
                     " document_number, signed_by, note, frozen, sha256, supersedes, created_by)"
                     " VALUES ($1::uuid, $2, $3::int, normalize($4, NFC), normalize($5, NFC),"
                     " normalize($6, NFC), normalize($7, NFC), $8,"
                     " encode(sha256(convert_to($8, 'UTF8')), 'hex'),"
                     " (SELECT o.id FROM submissions o WHERE o.district_id = $1::uuid"
                     "  AND o.year = $3::int AND o.state IN ('submitted', 'accepted', 'returned')"
                     "  ORDER BY o.submitted_at DESC, o.id DESC LIMIT 1), $9::uuid) RETURNING *),"
                     " e AS (INSERT INTO submission_events (submission_id, token_id, role, label,"
                     " to_state) SELECT n.id, $9::uuid, $10, $11, n.state FROM n)"
                     " SELECT edx_submission_json(n::submissions) FROM n",
                     11, params);
  }
  return edx_db_audit_end(c, rc, row, out, actor,
                          &(edx_audit_entry){"create", "submission", edx_json_str(row, "id"),
                                             s->district_id, NULL});
}

/* On submitting id: every other sent submission of its district and plan year becomes
 * superseded (an event by edudx, an audit row each), and id's supersedes names the latest. */
static int supersede_others(edx_conn *c, const edx_caller *actor, const json_t *before)
{
  const char *id = edx_json_str(before, "id");
  const char *params[] = {id, edx_json_str(before, "district_id"), NULL};
  char year[16];
  json_t *old = NULL, *o;
  size_t i;
  int rc;
  /* two drafts of a district and plan year submitted at once: the second waits for the first
   * and then supersedes it (its statements below read after the first's commit) */
  snprintf(year, sizeof(year), "%lld", (long long)json_integer_value(json_object_get(before,
                                                                                    "year")));
  params[2] = year;
  rc = edx_db_run(c, NULL, "SELECT pg_advisory_xact_lock(hashtextextended('submissions:' || $1"
                           " || ':' || $2, 0))", 2, params + 1);
  if (rc == EDX_OK)
    rc = edx_db_json(c, &old,
                     "WITH o AS (SELECT x.* FROM submissions x, submissions me"
                     " WHERE me.id = $1::uuid AND x.district_id = me.district_id"
                     " AND x.year = me.year AND x.id <> me.id"
                     " AND x.state IN ('submitted', 'accepted', 'returned') FOR NO KEY UPDATE OF x),"
                     " me AS (UPDATE submissions SET supersedes = coalesce((SELECT o.id FROM o"
                     " ORDER BY o.submitted_at DESC, o.id DESC LIMIT 1), supersedes)"
                     " WHERE id = $1::uuid),"
                     " u AS (UPDATE submissions s SET state = 'superseded', updated_at = now()"
                     " FROM o WHERE s.id = o.id RETURNING s.id, o.state AS was),"
                     " e AS (INSERT INTO submission_events (submission_id, role, from_state,"
                     " to_state, note) SELECT u.id, 'system', u.was, 'superseded',"
                     " 'superseded by submission ' || $1 FROM u)"
                     " SELECT coalesce(json_agg(json_build_object('id', o.id, 'before',"
                     " edx_submission_json(o::submissions)) ORDER BY o.id), '[]') FROM o",
                     1, params);
  json_array_foreach(rc == EDX_OK ? old : NULL, i, o) {
    json_t *after = NULL;
    if (rc == EDX_OK)
      rc = edx_db_submission_get(c, &after, edx_json_str(o, "id"), 0);
    if (rc == EDX_OK)
      rc = edx_db_audit_write(c, actor, "update", "submission", edx_json_str(o, "id"),
                              edx_json_str(before, "district_id"), json_object_get(o, "before"),
                              after);
    json_decref(after);
  }
  json_decref(old);
  return rc;
}

int edx_db_submission_move(edx_conn *c, json_t **out, const edx_caller *actor,
                           const json_t *before, const char *to, const char *note)
{
  const char *id = edx_json_str(before, "id");
  const char *actor_params[3];
  json_t *row = NULL;
  int rc = EDX_OK;
  edx_db_actor_params(actor, actor_params);
  if (strcmp(to, "submitted") == 0)
    rc = supersede_others(c, actor, before);
  if (rc == EDX_OK) {
    const char *params[] = {id, to, note, actor_params[0], actor_params[1], actor_params[2],
                            edx_json_str(before, "state")};
    rc = edx_db_json(c, &row,
                     "WITH u AS (UPDATE submissions SET state = $2, updated_at = now(),"
                     " submitted_at = CASE WHEN $2 = 'submitted' THEN now() ELSE submitted_at END,"
                     " decided_at = CASE WHEN $2 IN ('accepted', 'returned') THEN now()"
                     "  ELSE decided_at END,"
                     " decision_note = CASE WHEN $2 IN ('accepted', 'returned')"
                     "  THEN normalize($3, NFC) ELSE decision_note END"
                     " WHERE id = $1::uuid RETURNING *),"
                     " e AS (INSERT INTO submission_events (submission_id, token_id, role, label,"
                     " from_state, to_state, note) SELECT u.id, $4::uuid, $5, $6, $7, u.state,"
                     " normalize($3, NFC) FROM u)"
                     " SELECT edx_submission_json(u::submissions) FROM u",
                     7, params);
  }
  return edx_db_audit_end(c, rc, row, out, actor,
                          &(edx_audit_entry){"update", "submission", id,
                                             edx_json_str(before, "district_id"), before});
}

const char *const edx_submission_sort_fields[] = {"created_at", "submitted_at", "updated_at",
                                                  NULL};
static const edx_sort_column submission_sort_sql[] = {{"s.created_at", EDX_NOT_NULL},
  {"s.submitted_at", EDX_NULLABLE}, {"s.updated_at", EDX_NOT_NULL}};

int edx_db_submission_list(edx_conn *c, edx_list_page *out, const edx_submission_filter *f,
                           const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"s.district_id = $::uuid", f->district_id},
    {EDX_IN_PROVINCE("s.district_id"), f->province},
    {"s.year = $::int", f->year},
    {"s.state = $", f->state},
    {"s.updated_at >= $::timestamptz", f->updated_since},
  };
  return edx_db_list_filtered(c, out, "submissions s WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_submission_json(s)", submission_sort_sql, "s.id", lp);
}

int edx_db_submission_summary(edx_conn *c, json_t **out, const char *province_code, int year,
                              const char *period)
{
  char y[16];
  const char *params[] = {province_code, y, period};
  snprintf(y, sizeof(y), "%d", year);
  return edx_db_json(
    c, out,
    "SELECT json_build_object("
    "'due', (SELECT dl.due FROM submission_deadlines dl WHERE dl.period = $3"
    "  AND (dl.province_code = $1 OR dl.province_code IS NULL)"
    "  ORDER BY dl.province_code NULLS LAST LIMIT 1),"
    "'now', extract(epoch FROM now())::bigint,"
    "'districts', coalesce((SELECT json_agg(json_build_object("
    "  'district', json_build_object('id', d.id, 'code', d.code, 'name', d.name),"
    "  'submission', (SELECT json_build_object('id', s.id, 'state', s.state,"
    "     'created_at', edx_ts(s.created_at), 'submitted_at', edx_ts(s.submitted_at))"
    "     FROM submissions s WHERE s.district_id = d.id AND s.year = $2::int"
    "     ORDER BY s.created_at DESC, s.id DESC LIMIT 1),"
    "  'first_submitted', (SELECT extract(epoch FROM min(s.submitted_at))::bigint"
    "     FROM submissions s WHERE s.district_id = d.id AND s.year = $2::int),"
    "  'first_submitted_at', (SELECT edx_ts(min(s.submitted_at))"
    "     FROM submissions s WHERE s.district_id = d.id AND s.year = $2::int),"
    "  'accepted', EXISTS (SELECT 1 FROM submissions s WHERE s.district_id = d.id"
    "     AND s.year = $2::int AND s.state = 'accepted'))"
    "  ORDER BY d.code) FROM districts d WHERE d.province_code = $1), '[]'))",
    3, params);
}

int edx_db_submission_deadlines(edx_conn *c, json_t **out, const char *period)
{
  const char *params[] = {period};
  return edx_db_json(c, out,
                     "SELECT json_build_object('period', $1::text, 'deadlines',"
                     " coalesce(json_agg(json_build_object('province_code', dl.province_code,"
                     " 'due', dl.due) ORDER BY dl.province_code NULLS FIRST), '[]'))"
                     " FROM submission_deadlines dl WHERE dl.period = $1",
                     1, params);
}

int edx_db_submission_deadlines_put(edx_conn *c, json_t **out, const edx_caller *actor,
                                    const char *period, const json_t *list)
{
  char *text = json_dumps(list, JSON_COMPACT);
  const char *params[] = {period, text};
  json_t *before = NULL, *after = NULL, *missing = NULL;
  char id[64];
  int rc = edx_db_submission_deadlines(c, &before, period);
  if (rc == EDX_OK)
    rc = edx_db_json(c, &missing,
                     "SELECT coalesce(json_agg(x.code), '[]') FROM (SELECT d->>'province_code'"
                     " AS code FROM jsonb_array_elements($1::jsonb) d) x WHERE x.code IS NOT NULL"
                     " AND NOT EXISTS (SELECT 1 FROM org_units u WHERE u.code = x.code"
                     " AND u.level = 'province')",
                     1, params + 1);
  if (rc == EDX_OK && json_array_size(missing) > 0) {
    edx_error_set("province_code '%s' names no province",
                  json_string_value(json_array_get(missing, 0)));
    rc = EDX_EINVALID;
  }
  if (rc == EDX_OK)
    rc = edx_db_run(c, NULL, "DELETE FROM submission_deadlines WHERE period = $1", 1, params);
  if (rc == EDX_OK)
    rc = edx_db_run(c, NULL,
                    "INSERT INTO submission_deadlines (period, province_code, due)"
                    " SELECT $1, d->>'province_code', (d->>'due')::date"
                    " FROM jsonb_array_elements($2::jsonb) d",
                    2, params);
  if (rc == EDX_OK)
    rc = edx_db_submission_deadlines(c, &after, period);
  snprintf(id, sizeof(id), "period-%s", period);
  if (rc == EDX_OK)
    rc = edx_db_audit_write(c, actor, "update", "submission_deadline", id, NULL, before, after);
  if (rc == EDX_OK) {
    *out = after;
    after = NULL;
  }
  free(text);
  json_decref(before);
  json_decref(after);
  json_decref(missing);
  return rc;
}
