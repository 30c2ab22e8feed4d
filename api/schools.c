/* schools.c — /v1/schools: list (filters, accent-insensitive search, CSV), create, read, JSON
 * Merge Patch, delete. Admins manage every school, district tokens their district's, a school
 * token reads its own school and may change only its contact fields, readers read. */
#include <stdio.h>
#include <string.h>
#include "api/lists.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/districts.h"
#include "db/schools.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"
#include "src/rules/school_rules.h"


/* Sends 422 naming district_id when the district does not exist; returns the edx code. */
static int check_district(edx_ctx *ctx, const char *district_id)
{
  json_t *district = NULL;
  int rc = edx_db_district_get(ctx->conn, &district, EDX_REF_ID, district_id, 0);
  json_decref(district);
  if (rc == EDX_ENOTFOUND) {
    json_t *errors = json_array();
    edx_errors_add_code(errors, EDX_ERR_NOT_FOUND, "district_id", "no district with this id");
    edx_problem(ctx, EDX_EINVALID, "the school has invalid fields", errors);
  } else if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
  }
  return rc;
}

void edx_schools_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  const char *levels = edx_query(ctx, "level");
  char levels_literal[128];
  edx_list_params lp;
  edx_school_filter f = {0};
  int rc;
  edx_query_list(ctx, &lp, edx_school_sort_fields, "code", errors);
  f.district_id = edx_query_uuid(ctx, "district_id", errors);
  if (levels && edx_school_levels_literal(levels, levels_literal, sizeof(levels_literal)) != 0)
    edx_errors_add(errors, "level", "must be one or more of preschool, primary, lower_secondary, "
                                    "primary_lower_secondary, separated by commas");
  f.levels = levels ? levels_literal : NULL;
  f.commune = edx_query_text(ctx, "commune", 100, errors);
  f.active = edx_query_bool(ctx, "active", errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  f.q = edx_query_text(ctx, "q", 200, errors);
  f.province = edx_query_code(ctx, "province", errors);
  if (edx_list_begin(ctx, errors, &f.district_id, &f.province, 0) != 0)
    return;
  f.only_school = edx_caller_school_scope(&ctx->caller);
  rc = edx_db_school_list(ctx->conn, &list, &f, &lp);
  edx_answer_list_tagged(ctx, rc, &list, edx_school_csv_columns, "schools");
}

static int create_school(edx_ctx *ctx, void *arg, json_t **out)
{
  return edx_db_school_create(ctx->conn, out, &ctx->caller, ctx->body);
}

void edx_schools_create(edx_ctx *ctx)
{
  edx_default_district(ctx);
  if (edx_body_scope_first(ctx, "this token may not create schools in that district") != 0 ||
      edx_validate_body(ctx, edx_school_fields, 0, "school") != 0 ||
      edx_create_in_district(ctx, "this token may not create schools in that district",
                             "the school has invalid fields") != 0)
    return;
  edx_run_create(ctx, create_school, NULL, "/v1/schools/");
}

void edx_schools_get(edx_ctx *ctx)
{
  edx_respond_loaded(ctx, edx_load_school);
}

/* Checks who may apply this patch to this school; sends 403/422 and returns an edx code. */
static int check_patch_allowed(edx_ctx *ctx, const json_t *before)
{
  const char *to = edx_json_str(ctx->body, "district_id"), *fields[32], *key;
  int moves = to && strcmp(to, edx_json_str(before, "district_id")) != 0;
  json_t *value, *errors = json_array();
  size_t n = 0;
  json_object_foreach(ctx->body, key, value)
    if (n < 31)
      fields[n++] = key;
  fields[n] = NULL;
  switch (edx_may_patch_school(&ctx->caller, edx_json_str(before, "district_id"), moves, fields,
                               errors)) {
  case EDX_SCHOOL_PATCH_CONTACTS_ONLY:
    edx_problem(ctx, EDX_EFORBIDDEN, "a school token may change only its contact fields", errors);
    return EDX_EFORBIDDEN;
  case EDX_SCHOOL_PATCH_FORBIDDEN:
    edx_problem(ctx, EDX_EFORBIDDEN, "this token may not change this school", NULL);
    break;
  case EDX_SCHOOL_PATCH_NO_MOVE:
    edx_problem(ctx, EDX_EFORBIDDEN, "only admins move schools between districts", NULL);
    break;
  case EDX_SCHOOL_PATCH_OK:
    json_decref(errors);
    return moves ? check_district(ctx, to) : EDX_OK;
  }
  json_decref(errors);
  return EDX_EFORBIDDEN;
}

static int check_school_patch(edx_ctx *ctx)
{
  return edx_validate_body(ctx, edx_school_fields, 1, "school");
}

void edx_schools_patch(edx_ctx *ctx)
{
  if (edx_caller_read_only(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "reader tokens are read-only", NULL);
    return;
  }
  static const edx_patch_ops ops = {.load = edx_load_school, .allowed = check_patch_allowed,
                                    .check_body = check_school_patch,
                                    .update = edx_db_school_update};
  edx_run_patch(ctx, &ops);
}

static int delete_school(edx_ctx *ctx, void *arg)
{
  json_t *before = edx_load_school(ctx, 1);
  int rc = EDX_EFORBIDDEN;
  if (!before)
    return EDX_ENOTFOUND;
  if (!edx_may_manage_district(&ctx->caller, edx_json_str(before, "district_id")))
    edx_problem(ctx, EDX_EFORBIDDEN, "this token may not delete this school", NULL);
  else if ((rc = edx_check_if_match(ctx, before)) == EDX_OK)
    rc = edx_db_school_delete(ctx->conn, &ctx->caller, before);
  if (rc == EDX_OK)
    edx_respond_empty(ctx, 204);
  json_decref(before);
  return rc;
}

void edx_schools_delete(edx_ctx *ctx)
{
  if (!edx_may_manage_some_district(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin and district tokens may delete schools", NULL);
    return;
  }
  edx_run_in_transaction(ctx, delete_school, NULL);
}
