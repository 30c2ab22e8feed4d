/* exchange_metadata.c — GET /v1/exchange/metadata and /v1/exchange/metadata/dhis2: the code lists
 * a receiver (a province's DHIS2, a BI tool) loads before it takes edudx's figures by code. Any
 * token reads them; the org units are those the token sees (its district's, its province's, its
 * own school, or all), everything else is the shared catalogue (src/rules/exchange_metadata.c). */
#include "api/http.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/exchange_metadata.h"
#include "src/rules/errors.h"
#include "src/rules/exchange_metadata.h"

typedef json_t *(*edx_metadata_builder)(const json_t *indicators, const json_t *units);

/* Reads the indicators and the caller's org units and answers what build makes of them. */
static void answer_metadata(edx_ctx *ctx, edx_metadata_builder build)
{
  edx_exchange_scope scope = {.district_id = edx_caller_district_scope(&ctx->caller),
                              .province_code = edx_caller_province_scope(&ctx->caller),
                              .school_id = edx_caller_school_scope(&ctx->caller)};
  json_t *read = NULL, *answer = NULL;
  int rc;
  if (edx_query_errors(ctx, json_array()) != 0 || !edx_ctx_conn(ctx))
    return;
  rc = edx_db_exchange_metadata(ctx->conn, &read, &scope);
  if (rc == EDX_OK && !(answer = build(json_object_get(read, "indicators"),
                                       json_object_get(read, "org_units"))))
    rc = EDX_EINTERNAL;
  json_decref(read);
  edx_answer(ctx, rc, answer);
}

void edx_exchange_metadata_get(edx_ctx *ctx)
{
  answer_metadata(ctx, edx_exchange_metadata);
}

void edx_exchange_metadata_dhis2(edx_ctx *ctx)
{
  answer_metadata(ctx, edx_exchange_dhis2_package);
}
