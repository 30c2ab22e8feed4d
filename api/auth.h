/* auth.h — Bearer token authentication: puts the caller on the request context, or answers 401. */
#ifndef EDX_API_AUTH_H
#define EDX_API_AUTH_H
#include "api/http.h"

/* Reads Authorization: Bearer <token>, looks the token up by its hash, and fills ctx->caller.
 * Returns 0, or -1 after answering 401 (or 503 when the database is unavailable). */
int edx_auth_authenticate(edx_ctx *ctx);
#endif
