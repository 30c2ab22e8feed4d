/* org_units.c — /v1/org-units: the administrative units (provinces, districts, communes) with
 * their official codes, which districts' province_code and province-scoped tokens refer to.
 * Anyone with a token reads them; admins create and correct them with PUT (a unit's code is its
 * name in paths and is never changed: a corrected code is a new unit). */
#include <string.h>
#include "api/lists.h"
#include "api/http.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/org_units.h"
#include "src/rules/district_rules.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"
#include "src/rules/validate.h"

void edx_org_units_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_org_unit_filter f = {0};
  edx_list_params lp;
  int rc;
  edx_query_list(ctx, &lp, edx_org_unit_sort_fields, "code", errors);
  f.level = edx_query_enum(ctx, "level", edx_org_unit_levels, errors);
  f.parent_code = edx_query_text(ctx, "parent_code", 32, errors);
  if (edx_query_list_end(ctx, errors) != 0 || !edx_ctx_conn(ctx))
    return;
  rc = edx_db_org_unit_list(ctx->conn, &list, &f, &lp);
  edx_answer_list_tagged(ctx, rc, &list, edx_org_unit_csv_columns, "org-units");
}

void edx_org_units_get(edx_ctx *ctx)
{
  json_t *unit = NULL;
  int rc;
  if (!edx_ctx_conn(ctx))
    return;
  rc = edx_db_org_unit_get(ctx->conn, &unit, edx_path_param(&ctx->params, "org_unit"), 0);
  edx_answer(ctx, rc, unit);
}

/* The body's parent: absent for a province, else an existing unit one level up. 422 otherwise. */
static int check_parent(edx_ctx *ctx, const json_t *body)
{
  const char *level = edx_json_str(body, "level"), *parent = edx_json_str(body, "parent_code");
  const char *want = edx_org_unit_parent_level(level);
  json_t *errors = json_array(), *unit = NULL;
  int rc = EDX_OK;
  if (!want && parent)
    edx_errors_add(errors, "parent_code", "must be null for a province");
  else if (want && !parent)
    edx_errors_add_code(errors, EDX_ERR_REQUIRED,
                        "parent_code", "is required: the code of the %s it belongs to", want);
  else if (want) {
    rc = edx_db_org_unit_get(ctx->conn, &unit, parent, 0);
    if (rc == EDX_ENOTFOUND || (rc == EDX_OK && strcmp(edx_json_str(unit, "level"), want) != 0))
      edx_errors_add(errors, "parent_code", "must be the code of a %s", want);
    rc = rc == EDX_ENOTFOUND ? EDX_OK : rc;
  }
  json_decref(unit);
  if (rc == EDX_OK && json_array_size(errors) > 0) {
    edx_problem(ctx, EDX_EINVALID, "the org unit has invalid fields", errors);
    return EDX_EINVALID;
  }
  json_decref(errors);
  return rc;
}

static int put_unit(edx_ctx *ctx, void *arg)
{
  const char *code = arg;
  json_t *before = NULL, *unit = NULL;
  int rc = edx_db_org_unit_get(ctx->conn, &before, code, 1);
  int created = rc == EDX_ENOTFOUND;
  if (rc == EDX_OK)
    rc = edx_check_if_match(ctx, before);
  else if (created)
    rc = EDX_OK;
  if (rc == EDX_OK)
    rc = check_parent(ctx, ctx->body);
  json_object_set_new(ctx->body, "code", json_string(code));
  if (rc == EDX_OK)
    rc = created ? edx_db_org_unit_create(ctx->conn, &unit, &ctx->caller, ctx->body)
                 : edx_db_org_unit_update(ctx->conn, &unit, &ctx->caller, before, ctx->body);
  if (rc == EDX_OK)
    edx_respond_json(ctx, created ? 201 : 200, unit);
  json_decref(before);
  json_decref(unit);
  return rc;
}

void edx_org_units_put(edx_ctx *ctx)
{
  const char *code = edx_path_param(&ctx->params, "org_unit");
  const char *in_body = edx_json_str(ctx->body, "code");
  if (!edx_may_manage_catalogue(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin tokens change org units", NULL);
    return;
  }
  if (!edx_is_code(code)) {
    edx_problem(ctx, EDX_ENOTFOUND, "an org unit's code is " EDX_CODE_RULE, NULL);
    return;
  }
  if (in_body && strcmp(in_body, code) != 0) {
    json_t *errors = json_array();
    edx_errors_add(errors, "code", "must be the code in the path (a unit's code never changes)");
    edx_problem(ctx, EDX_EINVALID, "the org unit has invalid fields", errors);
    return;
  }
  if (edx_validate_body(ctx, edx_org_unit_fields, 0, "org unit") == 0)
    edx_run_in_transaction(ctx, put_unit, (void *)code);
}
