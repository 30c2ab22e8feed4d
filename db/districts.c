/* districts.c — district storage (see districts.h). Text is stored in Unicode NFC. */
#include <stdio.h>
#include "db/audit.h"
#include "db/columns.h"
#include "db/districts.h"
#include "db/list.h"
#include "db/query.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"

const char *const edx_district_sort_fields[] = {"code", "name", "province", "created_at",
                                                "updated_at", NULL};
static const edx_sort_column district_sort_sql[] = {{"d.code", EDX_NOT_NULL},
  {"d.name", EDX_NOT_NULL}, {"d.province", EDX_NOT_NULL}, {"d.created_at", EDX_NOT_NULL},
  {"d.updated_at", EDX_NOT_NULL}};

int edx_db_district_get(edx_conn *c, json_t **out, edx_ref_kind kind, const char *ref,
                        int for_update)
{
  int rc = edx_db_json_row(c, out, kind == EDX_REF_CODE
                                      ? "SELECT edx_district_json(d) FROM districts d"
                                        " WHERE d.code = $1"
                                      : "SELECT edx_district_json(d) FROM districts d"
                                        " WHERE d.id = $1::uuid",
                           for_update, ref);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no district %s '%s'", kind == EDX_REF_CODE ? "with code" : "with id", ref);
  return rc;
}

int edx_db_district_list(edx_conn *c, edx_list_page *out, const edx_district_filter *f,
                         const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"d.province_code = $ OR d.province = normalize($, NFC)", f->province},
    {"strpos(edx_fold(d.name), edx_fold($)) > 0"
     " OR strpos(edx_fold(d.code), edx_fold($)) > 0", f->q},
    {"d.updated_at >= $::timestamptz", f->updated_since},
    {"d.id = $::uuid", f->only_id},
  };
  return edx_db_list_filtered(c, out, "districts d WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_district_json(d)", district_sort_sql, "d.id", lp);
}

static const edx_column district_columns[] = {
  {"code", EDX_COL_TEXT, NULL}, {"name", EDX_COL_NFC, NULL}, {"province", EDX_COL_NFC, NULL},
  {"province_code", EDX_COL_TEXT, NULL}, {"office_name", EDX_COL_NFC, NULL}, {NULL, 0, NULL},
};
static const edx_table districts_table = {"districts", "d", "edx_district_json",
                                          district_columns, 1};

static int duplicate_code(int rc, const json_t *fields)
{
  if (rc == EDX_ECONFLICT)
    edx_error_set("a district with code '%s' already exists", edx_json_str(fields, "code"));
  return rc;
}

int edx_db_district_create(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *body)
{
  json_t *district = NULL;
  int rc = duplicate_code(edx_db_insert(c, &district, &districts_table, body), body);
  const char *id = edx_json_str(district, "id");
  return edx_db_audit_end(c, rc, district, out, actor,
                          &(edx_audit_entry){"create", "district", id, id, NULL});
}

int edx_db_district_update(edx_conn *c, json_t **out, const edx_caller *actor,
                           const json_t *before, const json_t *merged)
{
  const char *id = edx_json_str(before, "id");
  json_t *district = NULL;
  int rc = duplicate_code(edx_db_update(c, &district, &districts_table, "id", id, merged),
                          merged);
  return edx_db_audit_end(c, rc, district, out, actor,
                          &(edx_audit_entry){"update", "district", id, id, before});
}

int edx_db_district_delete(edx_conn *c, const edx_caller *actor, const json_t *before)
{
  const char *id = edx_json_str(before, "id");
  const char *params[] = {id};
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res, "SELECT count(*) FROM schools WHERE district_id = $1::uuid", 1,
                       params);
  if (rc == EDX_OK && PQgetvalue(res, 0, 0)[0] != '0') {
    edx_error_set("district '%s' still has %s school(s); move or delete them first",
                  edx_json_str(before, "code"), PQgetvalue(res, 0, 0));
    rc = EDX_ECONFLICT;
  }
  if (rc == EDX_OK)
    rc = edx_db_run(c, NULL, "DELETE FROM districts WHERE id = $1::uuid", 1, params);
  if (rc == EDX_OK)
    rc = edx_db_audit_write(c, actor, "delete", "district", id, id, before, NULL);
  PQclear(res);
  return rc;
}
