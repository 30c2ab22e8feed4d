/* org_units.c — administrative units (see org_units.h). */
#include "db/audit.h"
#include "db/columns.h"
#include "db/list.h"
#include "db/org_units.h"
#include "db/query.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"

const char *const edx_org_unit_sort_fields[] = {"code", "name", NULL};
static const edx_sort_column org_unit_sort_sql[] = {{"u.code", EDX_NOT_NULL},
                                                    {"u.name", EDX_NOT_NULL}};

int edx_db_org_unit_get(edx_conn *c, json_t **out, const char *code, int for_update)
{
  int rc = edx_db_json_row(c, out, "SELECT edx_org_unit_json(u) FROM org_units u WHERE u.code = $1",
                           for_update, code);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no org unit with code '%s'", code);
  return rc;
}

int edx_db_org_unit_list(edx_conn *c, edx_list_page *out, const edx_org_unit_filter *f,
                         const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"u.level = $", f->level},
    {"u.parent_code = $", f->parent_code},
  };
  return edx_db_list_filtered(c, out, "org_units u WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_org_unit_json(u)", org_unit_sort_sql, "u.code", lp);
}

static const edx_column org_unit_columns[] = {
  {"code", EDX_COL_TEXT, NULL}, {"name", EDX_COL_NFC, NULL}, {"level", EDX_COL_TEXT, NULL},
  {"parent_code", EDX_COL_TEXT, NULL}, {"official", EDX_COL_BOOL, "true"},
  {"note", EDX_COL_NFC, NULL}, {NULL, 0, NULL},
};
static const edx_table org_units_table = {"org_units", "u", "edx_org_unit_json", org_unit_columns,
                                          1};

/* A parent of the wrong level (the table's trigger, 23514) or an unknown one (23503). */
static int explain(int rc, const json_t *unit)
{
  if (rc == EDX_ECONFLICT)
    edx_error_set("there is no org unit '%s' to be this unit's parent, or the code '%s' is "
                  "taken", edx_json_str(unit, "parent_code"), edx_json_str(unit, "code"));
  return rc;
}

int edx_db_org_unit_create(edx_conn *c, json_t **out, const edx_caller *actor,
                           const json_t *body)
{
  json_t *unit = NULL;
  int rc = explain(edx_db_insert(c, &unit, &org_units_table, body), body);
  return edx_db_audit_end(c, rc, unit, out, actor,
                          &(edx_audit_entry){"create", "org_unit", edx_json_str(body, "code"),
                                             NULL, NULL});
}

int edx_db_org_unit_update(edx_conn *c, json_t **out, const edx_caller *actor,
                           const json_t *before, const json_t *merged)
{
  const char *code = edx_json_str(before, "code");
  json_t *unit = NULL;
  int rc = explain(edx_db_update(c, &unit, &org_units_table, "code", code, merged), merged);
  return edx_db_audit_end(c, rc, unit, out, actor,
                          &(edx_audit_entry){"update", "org_unit", code, NULL, before});
}
