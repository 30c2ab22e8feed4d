/* auth.h — Bearer token authentication: puts the caller on the request context, or answers 401;
 * and the caller as GET /v1/me shows it. */
#ifndef EDX_API_AUTH_H
#define EDX_API_AUTH_H
#include "api/http.h"

/* Reads Authorization: Bearer <token>, looks the token up by its hash, and fills ctx->caller;
 * without the header, a signed download link (?dl=) of a CSV answer stands for the token that
 * made it (ctx->via_link set). Returns 0, or -1 after answering 401 (or 503 when the database
 * is unavailable). */
int edx_auth_authenticate(edx_ctx *ctx);
/* The caller as GET /v1/me answers it: {"token_id", "role", "district_id", "school_id",
 * "province_code", "label", "expires_at"} (scope fields null where unscoped). Caller decrefs. */
json_t *edx_me_json(const edx_caller *c);
#endif
