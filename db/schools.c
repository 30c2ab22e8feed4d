/* schools.c — school storage (see schools.h). Text is stored in Unicode NFC. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/audit.h"
#include "db/columns.h"
#include "db/list.h"
#include "db/query.h"
#include "db/schools.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"

const char *const edx_school_sort_fields[] = {"name", "code", "level", "updated_at", NULL};
static const edx_sort_column school_sort_sql[] = {{"s.name", EDX_NOT_NULL},
  {"s.code", EDX_NOT_NULL}, {"s.level", EDX_NOT_NULL}, {"s.updated_at", EDX_NOT_NULL}};

/* The columns clients set: every write of a school is made from this table. */
static const edx_column school_columns[] = {
  {"code", EDX_COL_TEXT, NULL},          {"name", EDX_COL_NFC, NULL},
  {"level", EDX_COL_TEXT, NULL},         {"district_id", EDX_COL_UUID, NULL},
  {"commune", EDX_COL_NFC, NULL},        {"address", EDX_COL_NFC, NULL},
  {"phone", EDX_COL_TEXT, NULL},         {"email", EDX_COL_TEXT, NULL},
  {"website", EDX_COL_TEXT, NULL},       {"principal", EDX_COL_NFC, NULL},
  {"students", EDX_COL_INT, NULL},       {"teachers", EDX_COL_INT, NULL},
  {"satellite_sites", EDX_COL_INT, NULL}, {"active", EDX_COL_BOOL, "true"},
  {NULL, 0, NULL},
};
static const edx_table schools_table = {"schools", "s", "edx_school_json", school_columns, 1};

int edx_db_school_get(edx_conn *c, json_t **out, edx_ref_kind kind, const char *ref,
                      int for_update)
{
  int rc = edx_db_json_row(c, out, kind == EDX_REF_CODE
                                      ? "SELECT edx_school_json(s) FROM schools s WHERE s.code = $1"
                                      : "SELECT edx_school_json(s) FROM schools s"
                                        " WHERE s.id = $1::uuid",
                           for_update, ref);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no school %s '%s'", kind == EDX_REF_CODE ? "with code" : "with id", ref);
  return rc;
}

int edx_db_school_list(edx_conn *c, edx_list_page *out, const edx_school_filter *f,
                       const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"s.district_id = $::uuid", f->district_id},
    {"s.level = ANY($::text[])", f->levels},
    {"edx_fold(s.commune) = edx_fold($)", f->commune},
    {"s.active = $::boolean", f->active},
    {"s.updated_at >= $::timestamptz", f->updated_since},
    {"s.search_folded LIKE edx_contains_folded($)", f->q}, /* name, code or commune */
    {"s.id = $::uuid", f->only_school},
    {EDX_IN_PROVINCE("s.district_id"), f->province},
  };
  return edx_db_list_filtered(c, out, "schools s WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_school_json(s)", school_sort_sql, "s.id", lp);
}

static int duplicate_code(int rc, const json_t *fields)
{
  if (rc == EDX_ECONFLICT)
    edx_error_set("a school with code '%s' already exists", edx_json_str(fields, "code"));
  return rc;
}

int edx_db_school_create(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *body)
{
  json_t *school = NULL;
  int rc = duplicate_code(edx_db_insert(c, &school, &schools_table, body), body);
  return edx_db_audit_end(c, rc, school, out, actor,
                          &(edx_audit_entry){"create", "school", edx_json_str(school, "id"),
                                             edx_json_str(school, "district_id"), NULL});
}

int edx_db_school_update(edx_conn *c, json_t **out, const edx_caller *actor,
                         const json_t *before, const json_t *merged)
{
  const char *id = edx_json_str(before, "id");
  json_t *school = NULL;
  int rc = duplicate_code(edx_db_update(c, &school, &schools_table, "id", id, merged), merged);
  return edx_db_audit_end(c, rc, school, out, actor,
                          &(edx_audit_entry){"update", "school", id,
                                             edx_json_str(school, "district_id"), before});
}

int edx_db_school_delete(edx_conn *c, const edx_caller *actor, const json_t *before)
{
  const char *id = edx_json_str(before, "id");
  const char *params[] = {id};
  int rc = edx_db_run(c, NULL, "DELETE FROM schools WHERE id = $1::uuid", 1, params);
  if (rc == EDX_ECONFLICT)
    edx_error_set("school '%s' already has reports, assessments or dossiers and cannot be "
                  "deleted; set active to false instead", edx_json_str(before, "code"));
  if (rc == EDX_OK)
    rc = edx_db_audit_write(c, actor, "delete", "school", id, edx_json_str(before, "district_id"),
                            before, NULL);
  return rc;
}

int edx_db_schools_by_code(edx_conn *c, json_t **out, const char *codes)
{
  const char *params[] = {codes};
  return edx_db_json(c, out,
                     "SELECT coalesce(json_object_agg(s.code, edx_school_json(s)), '{}')"
                     " FROM schools s WHERE s.code IN"
                     " (SELECT jsonb_array_elements_text($1::jsonb))",
                     1, params);
}

int edx_db_district_maps(edx_conn *c, json_t **by_id, json_t **by_code)
{
  int rc = edx_db_json(c, by_id,
                       "SELECT coalesce(json_object_agg(id, code), '{}') FROM districts", 0, NULL);
  if (rc == EDX_OK) {
    rc = edx_db_json(c, by_code,
                     "SELECT coalesce(json_object_agg(code, id), '{}') FROM districts", 0, NULL);
    if (rc != EDX_OK)
      json_decref(*by_id);
  }
  return rc;
}

/* Schools are upserted by code, written in code order (see edx_db_schools_upsert). */
static const edx_upsert schools_upsert = {
  &schools_table, "code",
  "SELECT s.code, edx_school_json(s)::jsonb AS j FROM schools s"
  " WHERE s.code IN (SELECT r->>'code' FROM input)",
  "ORDER BY r->>'code'", "s.id, s.code, s.district_id", "school"};

int edx_db_schools_upsert(edx_conn *c, const edx_caller *actor, const char *rows,
                          long *created, long *updated)
{
  char *sql = NULL;
  int rc = EDX_EINTERNAL;
  /* Two imports touching the same schools or districts at once must not wait for each other:
   * the districts' progress-count locks come first, in district order (migration 0006), and
   * the rows are written in code order. */
  if (asprintf(&sql, "WITH input AS (%s) SELECT edx_progress_counts_lock(ARRAY(SELECT"
                     " (r->>'district_id')::uuid FROM input UNION SELECT s.district_id"
                     " FROM schools s WHERE s.code IN (SELECT r->>'code' FROM input)))",
               edx_sql_input(!rows)) >= 0) {
    const char *params[] = {rows ? rows : "[]"};
    rc = edx_db_run(c, NULL, sql, 1, params);
  } else {
    sql = NULL;
  }
  if (rc == EDX_OK)
    rc = edx_db_upsert_counted(c, &schools_upsert, actor, rows, created, updated);
  if (rc == EDX_ECONFLICT)
    edx_error_set("another request changed these schools at the same time; try again");
  free(sql);
  return rc;
}
