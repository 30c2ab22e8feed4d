/* reports.c — report values and their history (see reports.h). */
#include <stdio.h>
#include <stdlib.h>
#include "db/audit.h"
#include "db/list.h"
#include "db/query.h"
#include "db/reports.h"

const char *const edx_report_sort_fields[] = {"set_at", "indicator", "school_code", NULL};
static const edx_sort_column report_sort_sql[] = {{"v.set_at", EDX_NOT_NULL},
  {"v.indicator_code", EDX_NOT_NULL}, {"s.code", EDX_NULLABLE}};
const char *const edx_history_sort_fields[] = {"set_at", NULL};

/* Rows of alias a owned by school $1, or by the office when $1 is NULL. Not "IS NOT DISTINCT
 * FROM", which no index serves: with the value of $1 known when the statement is planned, this
 * becomes "school_id = $1" (the school index) or "school_id IS NULL" (the office index). */
#define OWNER(a) "(" a ".school_id = $1::uuid OR ($1::uuid IS NULL AND " a ".school_id IS NULL))"
static const edx_sort_column history_sort_sql[] = {{"h.set_at", EDX_NOT_NULL}};

/* Indicators of alias a's indicator_code are of the kind $n, or any when it is NULL. */
#define OF_KIND(a, n)                                                                             \
  "($" n "::text IS NULL OR " a ".indicator_code IN (SELECT code FROM indicators"                \
  " WHERE period_kind = $" n "))"

int edx_db_report_get(edx_conn *c, json_t **out, const edx_report_key *k)
{
  char y[16];
  const char *params[] = {k->school_id, k->district_id, y, k->only_kind, k->period};
  snprintf(y, sizeof(y), "%d", k->year);
  return edx_db_json(c, out,
                     "SELECT json_build_object('school_id', $1::uuid, 'district_id', $2::uuid,"
                     " 'year', $3::int, 'period', $5::text, 'values',"
                     " coalesce((SELECT json_object_agg(v.indicator_code,"
                     " edx_report_entry_json(v) ORDER BY v.indicator_code) FROM report_values v"
                     " WHERE v.year = $3::int AND v.district_id = $2::uuid AND " OWNER("v")
                     " AND " OF_KIND("v", "4") "), '{}'))",
                     5, params);
}

/* The statement that writes a school's or an office's values; they differ only in the unique
 * index ON CONFLICT names. */
#define REPORT_WRITE(conflict)                                                                    \
  "WITH input AS (SELECT r FROM jsonb_array_elements($4::jsonb) r),"                             \
  " gone AS (DELETE FROM report_values v WHERE v.year = $3::int AND v.district_id = $2::uuid"    \
  "   AND " OWNER("v") " AND (($6::boolean AND " OF_KIND("v", "10") " AND v.indicator_code NOT" \
  "   IN (SELECT r->>'indicator' FROM input)) OR v.indicator_code IN"                           \
  "   (SELECT jsonb_array_elements_text($5::jsonb))) RETURNING v.*),"                            \
  " up AS (INSERT INTO report_values AS v (district_id, school_id, year, indicator_code,"        \
  "   value_bool, value_num, numerator, denominator, note, evidence_url, evidence_files,"        \
  "   set_by_token_id, set_by_role, set_by_label) SELECT $2::uuid, $1::uuid, $3::int,"           \
  "   r->>'indicator',"                                                                          \
  "   (r->>'value_bool')::boolean, (r->>'value_num')::numeric, (r->>'numerator')::int,"          \
  "   (r->>'denominator')::int, normalize(r->>'note', NFC), r->>'evidence_url',"               \
  "   coalesce(r->'evidence_files', '[]'), $7::uuid, $8, $9"                                     \
  "   FROM input ON CONFLICT " conflict " DO UPDATE SET value_bool = excluded.value_bool,"       \
  "   value_num = excluded.value_num, numerator = excluded.numerator,"                           \
  "   denominator = excluded.denominator, note = excluded.note,"                                 \
  "   evidence_url = excluded.evidence_url, evidence_files = excluded.evidence_files,"           \
  "   set_by_token_id = excluded.set_by_token_id,"                                               \
  "   set_by_role = excluded.set_by_role, set_by_label = excluded.set_by_label, set_at = now()"  \
  "   WHERE (v.value_bool, v.value_num, v.numerator, v.denominator, v.note, v.evidence_url,"     \
  "   v.evidence_files) IS DISTINCT FROM (excluded.value_bool, excluded.value_num,"              \
  "   excluded.numerator, excluded.denominator, excluded.note, excluded.evidence_url,"           \
  "   excluded.evidence_files) RETURNING v.*)"                                                   \
  " INSERT INTO report_value_history (district_id, school_id, year, indicator_code, value_bool," \
  "   value_num, numerator, denominator, note, evidence_url, evidence_files, removed,"           \
  "   set_by_token_id,"                                                                          \
  "   set_by_role, set_by_label)"                                                                \
  " SELECT district_id, school_id, year, indicator_code, value_bool, value_num, numerator,"      \
  "   denominator, note, evidence_url, evidence_files, false, set_by_token_id, set_by_role,"     \
  "   set_by_label FROM up"                                                                      \
  " UNION ALL SELECT district_id, school_id, year, indicator_code, NULL, NULL, NULL, NULL, NULL," \
  "   NULL, '[]', true, $7::uuid, $8, $9 FROM gone"

int edx_db_report_write(edx_conn *c, const edx_caller *actor, const edx_report_key *k,
                        const json_t *rows, const json_t *removals, int replace)
{
  char y[16];
  char *rows_text = json_dumps(rows, JSON_COMPACT), *removals_text = json_dumps(removals,
                                                                                JSON_COMPACT);
  const char *params[] = {k->school_id, k->district_id, y, rows_text, removals_text,
                          replace ? "true" : "false", NULL, NULL, NULL, k->only_kind};
  int rc;
  edx_db_actor_params(actor, params + 6);
  snprintf(y, sizeof(y), "%d", k->year);
  rc = edx_db_run(c, NULL,
                  k->school_id ? REPORT_WRITE("(school_id, year, indicator_code) WHERE school_id IS"
                                           " NOT NULL")
                               : REPORT_WRITE("(district_id, year, indicator_code) WHERE"
                                              " school_id IS NULL"),
                  10, params);
  free(rows_text);
  free(removals_text);
  return rc;
}

int edx_db_report_jumps(edx_conn *c, json_t **out, const edx_report_key *k, const json_t *rows)
{
  char y[16];
  char *rows_text = json_dumps(rows, JSON_COMPACT);
  const char *params[] = {k->school_id, k->district_id, y, rows_text};
  int rc;
  snprintf(y, sizeof(y), "%d", k->year);
  rc = edx_db_json(c, out,
                   "SELECT coalesce(json_agg(json_build_object('indicator', j.indicator_code,"
                   " 'value', j.value, 'previous', j.previous, 'change_points', j.change,"
                   " 'jump_warning_points', j.jump_warning_points) ORDER BY j.indicator_code),"
                   " '[]') FROM report_value_jumps j WHERE j.year = $3::int"
                   " AND j.district_id = $2::uuid AND " OWNER("j")
                   " AND j.indicator_code IN (SELECT r->>'indicator'"
                   "   FROM jsonb_array_elements($4::jsonb) r)",
                   4, params);
  free(rows_text);
  return rc;
}

int edx_db_report_history(edx_conn *c, edx_list_page *out, const edx_report_key *k,
                          const char *indicator, const edx_list_params *lp)
{
  char y[16];
  const char *params[] = {k->school_id, k->district_id, y, indicator, k->only_kind};
  snprintf(y, sizeof(y), "%d", k->year);
  return edx_db_list(c, out,
                     "report_value_history h WHERE h.year = $3::int AND h.district_id = $2::uuid"
                     " AND " OWNER("h")
                     " AND ($4::text IS NULL OR h.indicator_code = $4) AND " OF_KIND("h", "5"),
                     "json_build_object('indicator', h.indicator_code, 'value', CASE WHEN"
                     " h.removed THEN NULL WHEN h.value_bool IS NOT NULL THEN to_json(h.value_bool)"
                     " WHEN h.value_num IS NOT NULL THEN to_json(h.value_num) ELSE"
                     " json_build_object('numerator', h.numerator, 'denominator', h.denominator)"
                     " END, 'note', h.note, 'evidence_url', h.evidence_url, 'removed', h.removed,"
                     " 'set_by', json_build_object('token_id', h.set_by_token_id, 'role',"
                     " h.set_by_role, 'label', h.set_by_label), 'set_at', edx_ts(h.set_at))",
                     history_sort_sql, "h.id", lp, 5, params);
}

int edx_db_reports_list(edx_conn *c, edx_list_page *out, const edx_report_filter *f,
                        const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"v.year = $::int", f->year},
    {"v.indicator_code IN (SELECT code FROM indicators WHERE period_kind = $)", f->only_kind},
    {"v.indicator_code = $", f->indicator},
    {"v.district_id = $::uuid", f->district_id},
    {"v.school_id = $::uuid", f->school_id},
    {"v.set_at >= $::timestamptz", f->updated_since},
    {"v.district_id = $::uuid", f->scope_district},
    {"v.school_id = $::uuid", f->scope_school},
    {EDX_IN_PROVINCE("v.district_id"), f->province},
  };
  return edx_db_list_filtered(c, out,
                              "report_values v LEFT JOIN schools s ON s.id = v.school_id"
                              " WHERE true",
                              filters, EDX_NFILTERS(filters), "edx_report_item_json(v)",
                              report_sort_sql, "v.id", lp);
}
