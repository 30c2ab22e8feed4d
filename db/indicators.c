/* indicators.c — indicator catalogue and plans (see indicators.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/audit.h"
#include "db/columns.h"
#include "db/indicators.h"
#include "db/list.h"
#include "db/query.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"

const char *const edx_indicator_sort_fields[] = {"code", "updated_at", NULL};
static const edx_sort_column indicator_sort_sql[] = {{"i.code", EDX_NOT_NULL},
  {"i.updated_at", EDX_NOT_NULL}};
const char *const edx_plan_sort_fields[] = {"year", "updated_at", NULL};
static const edx_sort_column plan_sort_sql[] = {{"p.year", EDX_NOT_NULL},
  {"p.updated_at", EDX_NOT_NULL}};

int edx_db_indicator_get(edx_conn *c, json_t **out, const char *code, int for_update)
{
  int rc = edx_db_json_row(c, out, "SELECT edx_indicator_json(i) FROM indicators i"
                                  " WHERE i.code = $1",
                           for_update, code);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no indicator '%s'", code);
  return rc;
}

int edx_db_indicator_map(edx_conn *c, json_t **out)
{
  return edx_db_json(c, out, "SELECT coalesce(json_object_agg(i.code, edx_indicator_json(i)), '{}')"
                             " FROM indicators i", 0, NULL);
}

int edx_db_indicator_list(edx_conn *c, edx_list_page *out, const edx_indicator_filter *f,
                          const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"i.source = $", f->source},
    {"$ = ANY(i.levels)", f->level},
    {"i.updated_at >= $::timestamptz", f->updated_since},
  };
  return edx_db_list_filtered(c, out, "indicators i WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_indicator_json(i)", indicator_sort_sql, "i.code", lp);
}

static const edx_column indicator_columns[] = {
  {"code", EDX_COL_TEXT, NULL},        {"name_vi", EDX_COL_NFC, NULL},
  {"name_en", EDX_COL_TEXT, NULL},     {"category", EDX_COL_TEXT, NULL},
  {"source", EDX_COL_TEXT, NULL},      {"value_type", EDX_COL_TEXT, NULL},
  {"aggregation", EDX_COL_TEXT, NULL}, {"levels", EDX_COL_TEXT_ARRAY, "'{}'"},
  {"measure", EDX_COL_NFC, NULL},      {"registry_count", EDX_COL_TEXT, NULL},
  {"period_kind", EDX_COL_TEXT, NULL}, {"units", EDX_COL_TEXT, NULL},
  {"jump_warning_points", EDX_COL_INT, NULL}, {NULL, 0, NULL},
};
static const edx_table indicators_table = {"indicators", "i", "edx_indicator_json",
                                           indicator_columns, 1};

int edx_db_indicator_create(edx_conn *c, json_t **out, const edx_caller *actor,
                            const json_t *body)
{
  const char *code = edx_json_str(body, "code");
  json_t *ind = NULL;
  int rc = edx_db_insert(c, &ind, &indicators_table, body);
  if (rc == EDX_ECONFLICT)
    edx_error_set("an indicator with code '%s' already exists", code);
  return edx_db_audit_end(c, rc, ind, out, actor,
                          &(edx_audit_entry){"create", "indicator", code, NULL, NULL});
}

/* 1 when the indicator's kind (source, value type, aggregation) differs in merged. */
static int kind_changes(const json_t *before, const json_t *merged)
{
  static const char *const kind[] = {"source", "value_type", "aggregation", NULL};
  for (int i = 0; kind[i]; i++)
    if (!json_equal(json_object_get(before, kind[i]), json_object_get(merged, kind[i])))
      return 1;
  return 0;
}

int edx_db_indicator_update(edx_conn *c, json_t **out, const edx_caller *actor,
                            const json_t *before, const json_t *merged)
{
  const char *code = edx_json_str(before, "code");
  json_t *ind = NULL;
  long used = 0;
  int rc = EDX_OK;
  if (kind_changes(before, merged)) {
    const char *params[] = {code};
    rc = edx_db_run(c, &used, "SELECT 1 FROM report_values WHERE indicator_code = $1 LIMIT 1", 1,
                    params);
  }
  if (rc == EDX_OK && used) {
    edx_error_set("values have been reported for '%s': its source, value_type and aggregation "
                  "can no longer change; create a new indicator instead", code);
    rc = EDX_ECONFLICT;
  }
  if (rc == EDX_OK)
    rc = edx_db_update(c, &ind, &indicators_table, "code", code, merged);
  return edx_db_audit_end(c, rc, ind, out, actor,
                          &(edx_audit_entry){"update", "indicator", code, NULL, before});
}

int edx_db_plan_get(edx_conn *c, json_t **out, const char *id, int for_update)
{
  int rc = edx_db_json_row(c, out, "SELECT edx_plan_json(p) FROM plans p WHERE p.id = $1::uuid",
                           for_update, id);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no plan with id '%s'", id);
  return rc;
}

int edx_db_plan_list(edx_conn *c, edx_list_page *out, const edx_plan_filter *f,
                     const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"p.district_id = $::uuid", f->district_id},
    {"p.year = $::int", f->year},
    {"p.updated_at >= $::timestamptz", f->updated_since},
    {EDX_IN_PROVINCE("p.district_id"), f->province},
  };
  return edx_db_list_filtered(c, out, "plans p WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_plan_json(p)", plan_sort_sql, "p.id", lp);
}

/* Replaces the plan's targets with the (validated) targets array. The district's progress-count
 * lock comes first (migration 0006: deleting targets before it could deadlock with a report
 * writer recounting the district). */
static int write_targets(edx_conn *c, const char *plan_id, const json_t *targets)
{
  char *text = json_dumps(targets ? targets : json_array(), JSON_COMPACT);
  const char *params[] = {plan_id, text};
  int rc = edx_db_run(c, NULL,
                      "SELECT edx_progress_counts_lock(ARRAY(SELECT district_id FROM plans"
                      " WHERE id = $1::uuid))",
                      1, params);
  if (rc == EDX_OK)
    rc = edx_db_run(c, NULL, "DELETE FROM plan_targets WHERE plan_id = $1::uuid", 1, params);
  if (rc == EDX_OK)
    rc = edx_db_run(c, NULL,
                    "INSERT INTO plan_targets (plan_id, indicator_code, position, comparator,"
                    " target) SELECT $1::uuid, t->>'indicator', n, t->>'comparator',"
                    " (t->>'target')::numeric FROM jsonb_array_elements($2::jsonb)"
                    " WITH ORDINALITY AS x(t, n)",
                    2, params);
  free(text);
  return rc;
}

int edx_db_plan_create(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *body)
{
  char year[16];
  const char *params[] = {edx_json_str(body, "district_id"), year, edx_json_str(body, "title"),
                          edx_json_str(body, "document_ref")};
  json_t *plan = NULL;
  const char *id;
  int rc;
  snprintf(year, sizeof(year), "%lld", (long long)json_integer_value(json_object_get(body, "year")));
  rc = edx_db_json(c, &plan,
                   "INSERT INTO plans AS p (district_id, year, title, document_ref)"
                   " VALUES ($1::uuid, $2::int, normalize($3, NFC), $4) RETURNING to_json(p.id)",
                   4, params);
  if (rc == EDX_ECONFLICT)
    edx_error_set("the district already has a plan for %s; change that one instead", year);
  if (rc != EDX_OK)
    return rc;
  id = json_string_value(plan);
  rc = write_targets(c, id, json_object_get(body, "targets"));
  json_t *full = NULL;
  if (rc == EDX_OK)
    rc = edx_db_plan_get(c, &full, id, 0);
  rc = edx_db_audit_end(c, rc, full, out, actor,
                        &(edx_audit_entry){"create", "plan", id, params[0], NULL});
  json_decref(plan);
  return rc;
}

int edx_db_plan_update(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *before,
                       const json_t *merged)
{
  const char *id = edx_json_str(before, "id");
  const char *params[] = {id, edx_json_str(merged, "title"), edx_json_str(merged, "document_ref")};
  json_t *plan = NULL;
  int rc = edx_db_run(c, NULL,
                      "UPDATE plans SET title = normalize($2, NFC), document_ref = $3,"
                      " updated_at = now() WHERE id = $1::uuid",
                      3, params);
  if (rc == EDX_OK)
    rc = write_targets(c, id, json_object_get(merged, "targets"));
  if (rc == EDX_OK)
    rc = edx_db_plan_get(c, &plan, id, 0);
  return edx_db_audit_end(c, rc, plan, out, actor,
                          &(edx_audit_entry){"update", "plan", id,
                                             edx_json_str(before, "district_id"), before});
}
