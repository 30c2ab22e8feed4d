/* districts.c — /v1/districts: list (scoped tokens see their own district), create (admin, with
 * Idempotency-Key), read (ETag / If-None-Match), JSON Merge Patch (If-Match), delete. The path
 * segment may be an id or code:<code>. */
#include <string.h>
#include "api/lists.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/districts.h"
#include "src/rules/district_rules.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"

void edx_districts_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  edx_district_filter f;
  edx_conn *c;
  int rc;
  edx_query_list(ctx, &lp, edx_district_sort_fields, "code", errors);
  f.province = edx_query_text(ctx, "province", 200, errors);
  f.q = edx_query_text(ctx, "q", 200, errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  f.only_id = edx_caller_district_scope(&ctx->caller);
  if (edx_query_list_end(ctx, errors) != 0 || edx_scope_province(ctx, &f.province) != 0 ||
      !(c = edx_ctx_conn(ctx)))
    return;
  rc = edx_db_district_list(c, &list, &f, &lp);
  edx_answer_list_tagged(ctx, rc, &list, edx_district_csv_columns, "districts");
}

/* province_code, when the body sets it, names a province (an org unit of that level); 422
 * naming it otherwise. */
static int check_province(edx_ctx *ctx, const json_t *body)
{
  json_t *errors = json_array();
  int rc = edx_check_province_code(ctx, edx_json_str(body, "province_code"), errors);
  if (rc == EDX_EINVALID)
    edx_problem(ctx, EDX_EINVALID, "the district has invalid fields", errors);
  else
    json_decref(errors);
  return rc;
}

static int create_district(edx_ctx *ctx, void *arg, json_t **out)
{
  int rc = check_province(ctx, ctx->body);
  return rc == EDX_OK ? edx_db_district_create(ctx->conn, out, &ctx->caller, ctx->body) : rc;
}

void edx_districts_create(edx_ctx *ctx)
{
  if (!edx_may_manage_districts(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin tokens may create districts", NULL);
    return;
  }
  if (edx_validate_body(ctx, edx_district_fields, 0, "district") == 0)
    edx_run_create(ctx, create_district, NULL, "/v1/districts/");
}

void edx_districts_get(edx_ctx *ctx)
{
  edx_respond_loaded(ctx, edx_load_district);
}

/* 1 when the body gives the member a value other than before's (null counts as a value). */
static int changes(const json_t *body, const json_t *before, const char *member)
{
  const json_t *v = json_object_get(body, member);
  return v && !json_equal(v, json_object_get(before, member));
}

static int may_patch_district(edx_ctx *ctx, const json_t *before)
{
  if (changes(ctx->body, before, "province_code") &&
      !json_is_null(json_object_get(before, "province_code"))) {
    edx_problem(ctx, EDX_ECONFLICT, "a district's province does not change once set: a "
                                    "province's mirror would keep the district's data", NULL);
    return EDX_ECONFLICT;
  }
  if (edx_may_patch_district(&ctx->caller, edx_json_str(before, "id"),
                             changes(ctx->body, before, "code") ||
                               changes(ctx->body, before, "province_code")))
    return check_province(ctx, ctx->body);
  edx_problem(ctx, EDX_EFORBIDDEN, "this token may not change this district (only admins "
                                   "change codes and provinces)", NULL);
  return EDX_EFORBIDDEN;
}

static int check_district_patch(edx_ctx *ctx)
{
  return edx_validate_body(ctx, edx_district_fields, 1, "district");
}

void edx_districts_patch(edx_ctx *ctx)
{
  static const edx_patch_ops ops = {.load = edx_load_district, .allowed = may_patch_district,
                                    .check_body = check_district_patch,
                                    .update = edx_db_district_update};
  edx_run_patch(ctx, &ops);
}

static int delete_district(edx_ctx *ctx, void *arg)
{
  json_t *before = edx_load_district(ctx, 1);
  int rc;
  if (!before)
    return EDX_ENOTFOUND;
  rc = edx_check_if_match(ctx, before);
  if (rc == EDX_OK)
    rc = edx_db_district_delete(ctx->conn, &ctx->caller, before);
  if (rc == EDX_OK)
    edx_respond_empty(ctx, 204);
  json_decref(before);
  return rc;
}

void edx_districts_delete(edx_ctx *ctx)
{
  if (!edx_may_manage_districts(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin tokens may delete districts", NULL);
    return;
  }
  edx_run_in_transaction(ctx, delete_district, NULL);
}
