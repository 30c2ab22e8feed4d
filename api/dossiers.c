/* dossiers.c — /v1/dossiers: one row per application received (no personal data beyond its
 * reference). Created as `received`, with due_at from the procedure's statutory limit in working
 * days; moved through its statuses by PATCH (legal moves only, 409 otherwise). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include "api/lists.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/calendars.h"
#include "db/dossiers.h"
#include "db/procedures.h"
#include "src/rules/dossier_rules.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"


void edx_dossiers_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  edx_dossier_filter f;
  edx_time_range received, due, resolved;
  int rc;
  edx_query_list(ctx, &lp, edx_dossier_sort_fields, "-received_at", errors);
  f.district_id = edx_query_uuid(ctx, "district_id", errors);
  f.procedure_id = edx_query_uuid(ctx, "procedure_id", errors);
  f.channel = edx_query_enum(ctx, "channel", edx_dossier_channels, errors);
  f.status = edx_query_enum(ctx, "status", edx_dossier_statuses, errors);
  f.year = edx_query_year(ctx, "year", 0, NULL, errors);
  f.overdue = edx_query_bool(ctx, "overdue", errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  f.province = edx_query_code(ctx, "province", errors);
  f.q = edx_query_text(ctx, "q", 200, errors);
  f.reference = edx_query_text(ctx, "reference", 64, errors);
  edx_query_time_range(ctx, "received", &received, errors);
  edx_query_time_range(ctx, "due", &due, errors);
  edx_query_time_range(ctx, "resolved", &resolved, errors);
  f.received_from = received.from.given ? received.from.text : NULL;
  f.received_to = received.to.given ? received.to.text : NULL;
  f.due_from = due.from.given ? due.from.text : NULL;
  f.due_to = due.to.given ? due.to.text : NULL;
  f.resolved_from = resolved.from.given ? resolved.from.text : NULL;
  f.resolved_to = resolved.to.given ? resolved.to.text : NULL;
  if (edx_list_begin(ctx, errors, &f.district_id, &f.province, 1) != 0)
    return;
  rc = edx_db_dossier_list(ctx->conn, &list, &f, &lp);
  edx_answer_list_tagged(ctx, rc, &list, edx_dossier_csv_columns, "dossiers");
}

/* 422 naming field. */
static void invalid(edx_ctx *ctx, json_t *errors)
{
  edx_problem(ctx, EDX_EINVALID, "the dossier has invalid fields", errors);
}

static int create_dossier(edx_ctx *ctx, void *arg, json_t **out)
{
  json_t *existing = NULL;
  json_t *refs = json_pack("[O]", json_object_get(ctx->body, "reference"));
  char *text = json_dumps(refs, JSON_COMPACT);
  int rc = edx_db_dossiers_by_reference(ctx->conn, &existing, edx_json_str(ctx->body,
                                                                           "district_id"), text);
  free(text);
  json_decref(refs);
  if (rc == EDX_OK && json_object_size(existing) > 0) {
    edx_error_set("the district already has a dossier with reference '%s'",
                  edx_json_str(ctx->body, "reference"));
    rc = EDX_ECONFLICT;
  }
  json_decref(existing);
  return rc == EDX_OK ? edx_db_dossier_save(ctx->conn, out, &ctx->caller, ctx->body) : rc;
}

void edx_dossiers_create(edx_ctx *ctx)
{
  json_t *procedure = NULL, *calendar = NULL, *errors;
  const char *district_id;
  int rc;
  edx_default_district(ctx);
  if (edx_office_only(ctx) != 0 ||
      edx_body_scope_first(ctx, "this token may not record dossiers in that district") != 0)
    return;
  static const char *const later[] = {"status", "resolved_at", "processing_at",
                                      "supplement_requested_at", "rejected_at", "withdrawn_at",
                                      NULL};
  errors = json_array();
  for (int i = 0; later[i]; i++)
    if (json_object_get(ctx->body, later[i]))
      edx_errors_add(errors, later[i], "a new dossier starts as received; change its status "
                                       "with PATCH");
  if (json_array_size(errors) > 0) {
    edx_problem(ctx, EDX_EBADREQ, "the body has fields a new dossier does not take", errors);
    return;
  }
  json_decref(errors);
  if (edx_validate_body(ctx, edx_dossier_fields, 0, "dossier") != 0 ||
      edx_office_only(ctx) != 0 || !edx_ctx_conn(ctx))
    return;
  rc = edx_db_procedure_get(ctx->conn, &procedure, edx_json_str(ctx->body, "procedure_id"), 0);
  district_id = edx_json_str(ctx->body, "district_id");
  if (rc == EDX_OK && !district_id) {
    district_id = edx_json_str(procedure, "district_id");
    json_object_set_new(ctx->body, "district_id", json_string(district_id));
  }
  errors = json_array();
  if (rc == EDX_ENOTFOUND || (rc == EDX_OK && strcmp(district_id,
                                                     edx_json_str(procedure, "district_id")) != 0))
    edx_errors_add_code(errors, EDX_ERR_NOT_FOUND,
                        "procedure_id", "no procedure with this id in the dossier's district");
  else if (rc != EDX_OK) {
    json_decref(errors);
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  if (json_array_size(errors) == 0 && !edx_may_manage_district(&ctx->caller, district_id)) {
    json_decref(errors);
    edx_problem(ctx, EDX_EFORBIDDEN, "this token may not record dossiers for that district", NULL);
    goto cleanup;
  }
  json_object_set_new(ctx->body, "status", json_string("received"));
  if (json_array_size(errors) == 0 && (rc = edx_db_calendar_map(ctx->conn, &calendar)) != EDX_OK) {
    json_decref(errors);
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  if (json_array_size(errors) == 0)
    edx_dossier_prepare(ctx->body, procedure, calendar, errors);
  if (json_array_size(errors) > 0) {
    invalid(ctx, errors);
    goto cleanup;
  }
  json_decref(errors);
  edx_run_create(ctx, create_dossier, NULL, "/v1/dossiers/");
cleanup:
  json_decref(procedure);
  json_decref(calendar);
}

static json_t *load_dossier(edx_ctx *ctx, int for_update)
{
  return edx_load_scoped(ctx, "dossier", edx_db_dossier_get, for_update, "dossier");
}

void edx_dossiers_get(edx_ctx *ctx)
{
  if (edx_office_only(ctx) == 0)
    edx_respond_loaded(ctx, load_dossier);
}

/* Applies a status change in the patch to merged (the timestamp of the new status). */
static int apply_status(edx_ctx *ctx, const json_t *before, json_t *merged)
{
  const char *from = edx_json_str(before, "status"), *to = edx_json_str(ctx->body, "status");
  const char *at = edx_json_str(ctx->body, "resolved_at");
  char key[40], now[32];
  time_t t = time(NULL);
  struct tm tm;
  if (at && (!to || strcmp(to, "resolved") != 0)) {
    json_t *errors = json_array();
    edx_errors_add(errors, "resolved_at", "can be given only together with status resolved");
    edx_problem(ctx, EDX_EINVALID, "the dossier change is invalid", errors);
    return EDX_EINVALID;
  }
  if (!to || strcmp(to, from) == 0)
    return EDX_OK;
  if (!edx_dossier_move_ok(from, to)) {
    edx_error_set("cannot move a dossier from %s to %s", from, to);
    edx_problem(ctx, EDX_ECONFLICT, NULL, NULL);
    return EDX_ECONFLICT;
  }
  gmtime_r(&t, &tm);
  strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
  snprintf(key, sizeof(key), "%s_at", to);
  json_object_set_new(merged, key, json_string(at ? at : now));
  return EDX_OK;
}

/* A status changes only by a legal move, which stamps its time (resolved_at may be given). */
static int prepare_dossier(edx_ctx *ctx, const json_t *before, json_t *merged)
{
  int rc;
  json_object_set(merged, "resolved_at", json_object_get(before, "resolved_at"));
  json_object_set(merged, "status", json_object_get(before, "status"));
  if ((rc = apply_status(ctx, before, merged)) == EDX_OK && json_object_get(ctx->body, "status"))
    json_object_set(merged, "status", json_object_get(ctx->body, "status"));
  return rc;
}

static int update_dossier(edx_conn *c, json_t **out, const edx_caller *actor,
                          const json_t *before, const json_t *merged)
{
  return edx_db_dossier_save(c, out, actor, merged);
}

/* A dossier's PATCH body: no field fixed at recording (400), valid values (422). */
static int check_dossier_patch(edx_ctx *ctx)
{
  static const char *const fixed[] = {"procedure_id", "reference", "channel", "received_at",
                                      "district_id", "processing_at", "supplement_requested_at",
                                      "rejected_at", "withdrawn_at", NULL};
  json_t *errors = json_array();
  for (int i = 0; fixed[i]; i++)
    if (json_object_get(ctx->body, fixed[i]))
      edx_errors_add(errors, fixed[i], "cannot change on a recorded dossier");
  if (json_array_size(errors) > 0) {
    edx_problem(ctx, EDX_EBADREQ, "the body has fields clients cannot change", errors);
    return -1;
  }
  json_decref(errors);
  return edx_validate_body(ctx, edx_dossier_fields, 1, "dossier");
}

void edx_dossiers_patch(edx_ctx *ctx)
{
  static const edx_patch_ops ops = {.load = load_dossier, .district_data = "dossiers",
                                    .check_body = check_dossier_patch, .prepare = prepare_dossier,
                                    .update = update_dossier, .skip_unchanged = 1};
  if (edx_office_only(ctx) == 0)
    edx_run_patch(ctx, &ops);
}
