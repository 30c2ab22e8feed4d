/* tokens.c — /v1/me and /v1/tokens: who am I, minting tokens (the secret is shown once), listing
 * and revoking them. Admins manage every token; a district token mints and manages the school
 * and reader tokens of its own district; any token may read and revoke itself. */
#include <string.h>
#include <time.h>
#include "api/auth.h"
#include "api/lists.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/districts.h"
#include "db/schools.h"
#include "db/tokens.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/jsonx.h"
#include "src/rules/validate.h"
#include "src/runtime/secret.h"

static const char *const csv_columns[] = {"id", "role", "district_id", "school_id", "label",
                                          "created_at", "updated_at", "expires_at", "revoked_at",
                                          NULL};

void edx_tokens_me(edx_ctx *ctx)
{
  json_t *me = edx_me_json(&ctx->caller);
  edx_respond_json(ctx, 200, me);
  json_decref(me);
}

/* Checks the role/scope combination and fills t; district_id is derived from a school. Returns
 * an edx code; problems on fields are appended to errors. */
static int resolve_scope(edx_ctx *ctx, edx_token_new *t, char *school_district, json_t *errors)
{
  edx_role role;
  const char *district = t->district_id;
  json_t *school = NULL;
  int rc = EDX_OK;
  edx_role_parse(t->role, &role);
  if (edx_token_scope_problems(role, district, t->school_id, t->province_code, errors) > 0)
    return EDX_EINVALID;
  if (role != EDX_ROLE_SCHOOL)
    return EDX_OK;
  rc = edx_db_school_get(ctx->conn, &school, EDX_REF_ID, t->school_id, 0);
  if (rc == EDX_ENOTFOUND) {
    edx_errors_add_code(errors, EDX_ERR_NOT_FOUND, "school_id", "no school with this id");
    rc = EDX_EINVALID;
  } else if (rc == EDX_OK && district && strcmp(district, edx_json_str(school, "district_id"))) {
    edx_errors_add(errors, "district_id", "must be the school's own district");
    rc = EDX_EINVALID;
  } else if (rc == EDX_OK) {
    snprintf(school_district, EDX_UUID_SIZE, "%s", edx_json_str(school, "district_id"));
    t->district_id = school_district;
  }
  json_decref(school);
  return rc;
}

static int check_district_exists(edx_ctx *ctx, const char *district_id, json_t *errors)
{
  json_t *district = NULL;
  int rc;
  if (!district_id)
    return EDX_OK;
  rc = edx_db_district_get(ctx->conn, &district, EDX_REF_ID, district_id, 0);
  json_decref(district);
  if (rc == EDX_ENOTFOUND) {
    edx_errors_add_code(errors, EDX_ERR_NOT_FOUND, "district_id", "no district with this id");
    return EDX_EINVALID;
  }
  return rc;
}

static int create_token(edx_ctx *ctx, void *arg)
{
  const edx_token_new *t = arg;
  char secret[EDX_TOKEN_LEN], hash[EDX_SHA256_HEX], location[64];
  json_t *token = NULL;
  int rc;
  rc = edx_secret_new_token(secret, hash);
  if (rc != EDX_OK)
    return rc;
  rc = edx_db_token_create(ctx->conn, &token, &ctx->caller, hash, t);
  if (rc != EDX_OK)
    return rc;
  snprintf(location, sizeof(location), "/v1/tokens/%s", edx_json_str(token, "id"));
  json_object_set_new(token, "token", json_string(secret));
  edx_add_header(ctx, "Location", location);
  edx_respond_json(ctx, 201, token);
  json_decref(token);
  return EDX_OK;
}

void edx_tokens_create(edx_ctx *ctx)
{
  json_t *errors = json_array();
  char school_district[EDX_UUID_SIZE];
  edx_token_new t;
  edx_role role;
  int rc = EDX_EINVALID;
  if (edx_body_scope_first(ctx, "this token may not mint tokens for that district or school") !=
      0) {
    json_decref(errors);
    return;
  }
  if (edx_fields_reject_unknown(ctx->body, edx_token_fields, errors)) {
    edx_problem(ctx, EDX_EBADREQ, "the body has fields this resource does not have", errors);
    return;
  }
  edx_fields_check_create(ctx->body, edx_token_fields, errors);
  t.role = edx_json_str(ctx->body, "role");
  t.district_id = edx_json_str(ctx->body, "district_id");
  t.school_id = edx_json_str(ctx->body, "school_id");
  t.label = edx_json_str(ctx->body, "label");
  t.expires_at = edx_json_str(ctx->body, "expires_at");
  t.province_code = edx_json_str(ctx->body, "province_code");
  if (json_array_size(errors) == 0 && t.expires_at &&
      edx_rfc3339_epoch(t.expires_at) <= (long long)time(NULL))
    edx_errors_add(errors, "expires_at", "must be in the future");
  if (json_array_size(errors) == 0 && edx_ctx_conn(ctx) == NULL)
    goto done;
  if (json_array_size(errors) == 0)
    rc = resolve_scope(ctx, &t, school_district, errors);
  if (rc == EDX_OK && edx_role_parse(t.role, &role) == 0 &&
      !edx_may_mint_token(&ctx->caller, role, t.district_id ? t.district_id : "",
                          t.province_code != NULL)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "this token may not mint that kind of token; district "
                                     "tokens mint school and reader tokens of their district",
                NULL);
    goto done;
  }
  if (rc == EDX_OK)
    rc = check_district_exists(ctx, t.district_id, errors);
  if (rc == EDX_OK)
    rc = edx_check_province_code(ctx, t.province_code, errors);
  if (rc == EDX_OK) {
    edx_run_in_transaction(ctx, create_token, &t);
    goto done;
  }
  edx_problem(ctx, rc, rc == EDX_EINVALID ? "the token request is invalid" : NULL, errors);
  return;
done:
  json_decref(errors);
}

void edx_tokens_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  edx_token_filter f;
  edx_conn *c;
  int rc;
  if (!edx_may_administer(&ctx->caller)) {
    json_decref(errors);
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin and district tokens may list tokens", NULL);
    return;
  }
  edx_query_list(ctx, &lp, edx_token_sort_fields, "-created_at", errors);
  f.role = edx_query_enum(ctx, "role", edx_role_names, errors);
  f.district_id = edx_query_uuid(ctx, "district_id", errors);
  f.revoked = edx_query_bool(ctx, "revoked", errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  /* a district token reads its own district's; naming another is 403, as on every list */
  if (edx_query_list_end(ctx, errors) != 0 || edx_scope_district(ctx, &f.district_id) != 0 ||
      !(c = edx_ctx_conn(ctx)))
    return;
  rc = edx_db_token_list(c, &list, &f, &lp);
  edx_answer_list(ctx, rc, &list, csv_columns, "tokens");
}

/* Loads the token named in the path if the caller may see it: its own, or (admin) any, or
 * (district) its district's. Sends the problem and returns NULL otherwise. */
static json_t *load_visible_token(edx_ctx *ctx)
{
  const char *id = edx_path_param(&ctx->params, "token");
  json_t *token = NULL;
  int rc;
  if (!edx_is_uuid(id)) {
    edx_problem(ctx, EDX_ENOTFOUND, "no token with this id", NULL);
    return NULL;
  }
  rc = edx_db_token_get(ctx->conn, &token, id);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, rc == EDX_ENOTFOUND ? "no token with this id" : NULL, NULL);
    return NULL;
  }
  if (edx_may_see_token(&ctx->caller, id, edx_json_str(token, "district_id")))
    return token;
  json_decref(token);
  edx_problem(ctx, EDX_EFORBIDDEN, "this token may not see that token", NULL);
  return NULL;
}

void edx_tokens_get(edx_ctx *ctx)
{
  json_t *token;
  if (!edx_ctx_conn(ctx) || !(token = load_visible_token(ctx)))
    return;
  edx_respond_json(ctx, 200, token);
  json_decref(token);
}

static int revoke_token(edx_ctx *ctx, void *arg)
{
  json_t *after = NULL;
  int rc = edx_db_token_revoke(ctx->conn, &after, &ctx->caller, arg);
  json_decref(after);
  if (rc == EDX_OK)
    edx_respond_empty(ctx, 204);
  return rc;
}

void edx_tokens_revoke(edx_ctx *ctx)
{
  json_t *token;
  if (!edx_ctx_conn(ctx) || !(token = load_visible_token(ctx)))
    return;
  if (edx_may_revoke_token(&ctx->caller, edx_json_str(token, "id"), edx_json_str(token, "role"),
                           edx_json_str(token, "district_id")))
    edx_run_in_transaction(ctx, revoke_token, (void *)edx_json_str(token, "id"));
  else
    edx_problem(ctx, EDX_EFORBIDDEN, "a district token revokes the school and reader tokens of "
                                     "its district, and itself; an admin revokes the others",
                NULL);
  json_decref(token);
}
