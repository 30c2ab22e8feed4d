/* write.c — the skeletons of every write: a change in one transaction, a creating POST with its
 * Idempotency-Key, a JSON Merge Patch, and the field check of a body (see write.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/write.h"
#include "db/idempotency.h"
#include "db/query.h"
#include "src/rules/errors.h"
#include "src/rules/etag.h"
#include "src/rules/fields.h"
#include "src/rules/jsonx.h"
#include "src/rules/validate.h"

/* edx_run_in_transaction, in a REPEATABLE READ transaction when repeatable. */
static int run_in(edx_ctx *ctx, edx_change_fn change, void *arg, int repeatable)
{
  edx_conn *c = edx_ctx_conn(ctx);
  int rc;
  if (!c)
    return EDX_EUNAVAIL;
  rc = repeatable ? edx_db_begin_repeatable(c) : edx_db_begin(c);
  if (rc == EDX_OK)
    rc = change(ctx, arg);
  if (rc != EDX_OK) {
    edx_db_rollback(c);
    if (ctx->res->status == 200 && !ctx->res->binary_body_length)
      edx_problem(ctx, rc, NULL, NULL);
    return rc;
  }
  rc = edx_db_commit(c);
  if (rc != EDX_OK) {
    /* the change's answer was already written: replace it by the problem (the change did not
     * happen, or, for EDX_EUNKNOWN, nobody knows whether it did) */
    edx_db_rollback(c);
    u_map_remove_from_key(ctx->res->map_header, "ETag");
    u_map_remove_from_key(ctx->res->map_header, "Location");
    edx_problem(ctx, rc, NULL, NULL);
  }
  return rc;
}

int edx_run_in_transaction(edx_ctx *ctx, edx_change_fn change, void *arg)
{
  return run_in(ctx, change, arg, 0);
}

typedef struct {
  edx_create_fn create;
  void *arg;
  const char *location_prefix;
  const char *id_field;
  const char *key;
  edx_idem_replay replay;
  json_t *created;
  char *location;
  int repeatable;
} create_run;

static int create_step(edx_ctx *ctx, void *arg)
{
  create_run *run = arg;
  char *text = NULL;
  int rc = EDX_OK;
  if (run->key) {
    rc = edx_db_idem_claim(ctx->conn, ctx->caller.token_id, ctx->req->url_path, run->key,
                           ctx->request_hash, &run->replay);
    if (rc != EDX_OK || run->replay.status)
      return rc;
  }
  rc = run->create(ctx, run->arg, &run->created);
  if (rc != EDX_OK)
    return rc;
  if (asprintf(&run->location, "%s%s", run->location_prefix,
               edx_json_str(run->created, run->id_field)) < 0) {
    run->location = NULL;
    return EDX_EINTERNAL;
  }
  if (run->key) {
    text = json_dumps(run->created, EDX_JSON_OUT);
    rc = edx_db_idem_store(ctx->conn, ctx->caller.token_id, ctx->req->url_path, run->key, 201,
                           run->location, text);
    free(text);
  }
  return rc;
}

static void run_create(edx_ctx *ctx, create_run *run);

void edx_run_create(edx_ctx *ctx, edx_create_fn create, void *arg, const char *location_prefix)
{
  edx_run_create_at(ctx, create, arg, location_prefix, "id");
}

void edx_run_create_repeatable(edx_ctx *ctx, edx_create_fn create, void *arg,
                               const char *location_prefix)
{
  create_run run = {create, arg, location_prefix, "id", edx_header(ctx, "Idempotency-Key"),
                    {0}, NULL, NULL, 1};
  run_create(ctx, &run);
}

void edx_run_create_at(edx_ctx *ctx, edx_create_fn create, void *arg,
                       const char *location_prefix, const char *id_field)
{
  create_run run = {create, arg, location_prefix, id_field, edx_header(ctx, "Idempotency-Key"),
                    {0}, NULL, NULL, 0};
  run_create(ctx, &run);
}

/* A creating POST as run describes it (see edx_run_create_at). */
static void run_create(edx_ctx *ctx, create_run *run)
{
  if (run->key && !edx_is_idempotency_key(run->key)) {
    json_t *errors = json_array();
    edx_errors_add(errors, "Idempotency-Key", "must be 1 to 255 visible ASCII characters");
    edx_problem(ctx, EDX_EBADREQ, "the Idempotency-Key header is malformed", errors);
    return;
  }
  if (run_in(ctx, create_step, run, run->repeatable) != EDX_OK)
    goto cleanup;
  if (run->replay.status) {
    char etag[EDX_ETAG_LEN];
    json_t *body = json_loads(run->replay.body, 0, NULL);
    edx_etag_of_answer(etag, body);
    edx_add_header(ctx, "ETag", etag);
    edx_add_header(ctx, "Idempotent-Replayed", "true");
    if (run->replay.location)
      edx_add_header(ctx, "Location", run->replay.location);
    edx_respond_bytes(ctx, run->replay.status, "application/json", run->replay.body,
                      strlen(run->replay.body));
    json_decref(body);
    goto cleanup;
  }
  edx_add_header(ctx, "Location", run->location);
  edx_respond_json(ctx, 201, run->created);
cleanup:
  edx_idem_replay_free(&run->replay);
  json_decref(run->created);
  free(run->location);
}

int edx_validate_body(edx_ctx *ctx, const edx_field *spec, int patch, const char *what)
{
  json_t *errors = json_array();
  char detail[96];
  if (edx_fields_reject_unknown(ctx->body, spec, errors)) {
    snprintf(detail, sizeof(detail), "the body has fields clients cannot set on a %s", what);
    edx_problem(ctx, EDX_EBADREQ, detail, errors);
    return -1;
  }
  if (patch)
    edx_fields_check_patch(ctx->body, spec, errors);
  else
    edx_fields_check_create(ctx->body, spec, errors);
  if (json_array_size(errors) > 0) {
    snprintf(detail, sizeof(detail), "the %s has invalid fields", what);
    edx_problem(ctx, EDX_EINVALID, detail, errors);
    return -1;
  }
  json_decref(errors);
  return 0;
}

int edx_may_change_of(edx_ctx *ctx, const json_t *resource, const char *what)
{
  char detail[96];
  if (edx_may_manage_district(&ctx->caller, edx_json_str(resource, "district_id")))
    return EDX_OK;
  snprintf(detail, sizeof(detail), "this token may not change that district's %s", what);
  edx_problem(ctx, EDX_EFORBIDDEN, detail, NULL);
  return EDX_EFORBIDDEN;
}

/* The steps of a PATCH inside its transaction (see edx_run_patch). */
static int patch_step(edx_ctx *ctx, void *arg)
{
  const edx_patch_ops *ops = arg;
  json_t *before = ops->load(ctx, 1), *merged = NULL, *after = NULL;
  int rc = EDX_ENOTFOUND;
  if (!before)
    return rc;
  if (ops->allowed ? (rc = ops->allowed(ctx, before)) != EDX_OK
                   : ops->district_data &&
                       (rc = edx_may_change_of(ctx, before, ops->district_data)) != EDX_OK)
    goto cleanup;
  if (ops->check_body && ops->check_body(ctx) != 0) {
    rc = EDX_EINVALID; /* answered already: the code only rolls the transaction back */
    goto cleanup;
  }
  if ((rc = edx_check_if_match(ctx, before)) != EDX_OK)
    goto cleanup;
  merged = json_deep_copy(before);
  edx_json_merge_patch(merged, ctx->body);
  if (ops->prepare && (rc = ops->prepare(ctx, before, merged)) != EDX_OK)
    goto cleanup;
  if (ops->skip_unchanged && json_equal(merged, before)) {
    edx_respond_json(ctx, 200, before); /* nothing changes: no write, no new updated_at */
    goto cleanup;
  }
  rc = ops->update(ctx->conn, &after, &ctx->caller, before, merged);
  if (rc == EDX_OK)
    edx_respond_json(ctx, 200, after);
cleanup:
  json_decref(before);
  json_decref(merged);
  json_decref(after);
  return rc;
}

void edx_run_patch(edx_ctx *ctx, const edx_patch_ops *ops)
{
  edx_run_in_transaction(ctx, patch_step, (void *)ops);
}
