/* frameworks.c — /v1/frameworks: digital-transformation frameworks as data. Every token reads;
 * admins PUT a new version (earlier versions stay, so assessments keep the version they used). */
#include <stdio.h>
#include <string.h>
#include "api/lists.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/assessments.h"
#include "src/rules/dt_scoring.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/validate.h"

void edx_frameworks_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  static const char *const sorts[] = {"code", NULL};
  int rc;
  edx_query_list(ctx, &lp, sorts, "code", errors);
  if (edx_query_errors(ctx, errors) != 0 || !edx_ctx_conn(ctx))
    return;
  rc = edx_db_framework_list(ctx->conn, &list, &lp);
  edx_answer_list_tagged(ctx, rc, &list, NULL, NULL); /* JSON only */
}

void edx_frameworks_get(edx_ctx *ctx)
{
  json_t *fw = NULL, *errors = json_array();
  const char *v = edx_query(ctx, "version");
  long version = 0;
  int rc;
  if (v && edx_parse_int(v, 1, 100000, &version) != 0)
    edx_errors_add(errors, "version", "must be a version number from 1");
  if (edx_query_errors(ctx, errors) != 0 || !edx_ctx_conn(ctx))
    return;
  rc = edx_db_framework_get(ctx->conn, &fw, edx_path_param(&ctx->params, "framework"),
                            (int)version);
  edx_answer(ctx, rc, fw);
}

static int put_framework(edx_ctx *ctx, void *arg)
{
  json_t *fw = NULL, *current = NULL;
  int created = 0;
  int rc = edx_db_framework_get(ctx->conn, &current, arg, 0);
  if (rc == EDX_OK)
    rc = edx_check_if_match(ctx, current); /* If-Match names the latest version */
  else if (rc == EDX_ENOTFOUND)
    rc = EDX_OK;
  json_decref(current);
  if (rc == EDX_OK)
    rc = edx_db_framework_put(ctx->conn, &fw, &created, &ctx->caller, arg, ctx->body);
  if (rc == EDX_OK) {
    char location[96];
    snprintf(location, sizeof(location), "/v1/frameworks/%s", (const char *)arg);
    if (created)
      edx_add_header(ctx, "Location", location);
    edx_respond_json(ctx, created ? 201 : 200, fw);
  }
  json_decref(fw);
  return rc;
}

void edx_frameworks_put(edx_ctx *ctx)
{
  const char *code = edx_path_param(&ctx->params, "framework");
  json_t *errors = json_array(), *bands = json_object_get(ctx->body, "level_bands");
  json_t *names = json_object_get(ctx->body, "level_names");
  if (!edx_may_manage_catalogue(&ctx->caller)) {
    json_decref(errors);
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin tokens may change frameworks", NULL);
    return;
  }
  /* level_bands and level_names, objects, are checked by edx_dt_framework_check rather than
   * by the spec */
  json_incref(bands);
  json_incref(names);
  json_object_del(ctx->body, "level_bands");
  json_object_del(ctx->body, "level_names");
  if (edx_fields_reject_unknown(ctx->body, edx_framework_fields, errors)) {
    json_decref(bands);
    json_decref(names);
    edx_problem(ctx, EDX_EBADREQ, "the body has fields a framework does not have", errors);
    return;
  }
  edx_fields_check_patch(ctx->body, edx_framework_fields, errors);
  if (bands)
    json_object_set_new(ctx->body, "level_bands", bands);
  if (names)
    json_object_set_new(ctx->body, "level_names", names);
  if (!edx_is_code(code))
    edx_errors_add(errors, "code", "must be 1 to 32 letters, digits, '-', '_' or '.'");
  edx_dt_framework_check(ctx->body, errors);
  if (!json_is_string(json_object_get(ctx->body, "title_vi")) ||
      !json_is_string(json_object_get(ctx->body, "title_en")))
    edx_errors_add(errors, "title_vi", "title_vi and title_en are required");
  if (json_array_size(errors) > 0) {
    edx_problem(ctx, EDX_EINVALID, "the framework is invalid; nothing was stored", errors);
    return;
  }
  json_decref(errors);
  edx_run_in_transaction(ctx, put_framework, (void *)code);
}
