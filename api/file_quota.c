/* file_quota.c — GET/PUT /v1/districts/{district}/file-quota: how many bytes of evidence files a
 * district may keep (5 GiB unless set) and what its files take. The district's office tokens
 * and readers read it; only an admin sets it (a district does not raise its own). */
#include "api/load.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/files.h"
#include "src/rules/errors.h"
#include "src/rules/file_rules.h"
#include "src/rules/jsonx.h"
#include "src/rules/validate.h"

void edx_file_quota_get(edx_ctx *ctx)
{
  json_t *district = NULL, *quota = NULL;
  int rc;
  if (edx_office_only(ctx) != 0 || !edx_ctx_conn(ctx) || !(district = edx_load_district(ctx, 0)))
    return;
  rc = edx_db_file_quota(ctx->conn, &quota, edx_json_str(district, "id"));
  edx_answer(ctx, rc, quota); /* (releases quota) */
  json_decref(district);
}

static int set_quota(edx_ctx *ctx, void *arg)
{
  const char *district_id = arg;
  json_t *quota = NULL;
  int rc = edx_db_file_quota_set(ctx->conn, &quota, &ctx->caller, district_id,
                                 (long long)json_integer_value(
                                   json_object_get(ctx->body, "quota_bytes")));
  if (rc == EDX_OK)
    edx_respond_json(ctx, 200, quota);
  json_decref(quota);
  return rc;
}

void edx_file_quota_put(edx_ctx *ctx)
{
  json_t *district;
  if (!edx_ctx_conn(ctx) || !(district = edx_load_district(ctx, 0)))
    return;
  if (!edx_may_manage_catalogue(&ctx->caller))
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin tokens may set a district's file quota", NULL);
  else if (edx_validate_body(ctx, edx_file_quota_fields, 0, "file quota") == 0)
    edx_run_in_transaction(ctx, set_quota, (void *)edx_json_str(district, "id"));
  json_decref(district);
}
