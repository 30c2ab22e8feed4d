/* idempotency.c — claiming keys and storing first responses (see idempotency.h). A concurrent
 * request with the same key waits on the unique index until the first one commits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/idempotency.h"
#include "db/query.h"
#include "src/rules/errors.h"

int edx_db_idem_claim(edx_conn *c, const char *token_id, const char *path, const char *key,
                      const char *request_hash, edx_idem_replay *replay)
{
  const char *params[] = {token_id, path, key, request_hash};
  PGresult *res = NULL;
  long claimed = 0;
  int rc;
  memset(replay, 0, sizeof(*replay));
  rc = edx_db_run(c, NULL,
                  "DELETE FROM idempotency_keys WHERE token_id = $1::uuid AND path = $2"
                  " AND key = $3 AND created_at < now() - interval '24 hours'",
                  3, params);
  if (rc == EDX_OK)
    rc = edx_db_run(c, &claimed,
                    "INSERT INTO idempotency_keys (token_id, path, key, request_hash)"
                    " VALUES ($1::uuid, $2, $3, $4) ON CONFLICT DO NOTHING",
                    4, params);
  if (rc != EDX_OK || claimed == 1)
    goto cleanup;
  rc = edx_db_exec(c, &res,
                   "SELECT request_hash, status, location, body FROM idempotency_keys"
                   " WHERE token_id = $1::uuid AND path = $2 AND key = $3",
                   3, params);
  if (rc != EDX_OK)
    goto cleanup;
  if (PQntuples(res) != 1 || PQgetisnull(res, 0, 1)) {
    edx_error_set("a request with this Idempotency-Key is still being processed");
    rc = EDX_ECONFLICT;
  } else if (strcmp(PQgetvalue(res, 0, 0), request_hash) != 0) {
    edx_error_set("this Idempotency-Key was already used with a different request body");
    rc = EDX_EIDEMPOTENCY;
  } else {
    replay->status = atoi(PQgetvalue(res, 0, 1));
    replay->location = PQgetisnull(res, 0, 2) ? NULL : strdup(PQgetvalue(res, 0, 2));
    replay->body = strdup(PQgetvalue(res, 0, 3));
  }
cleanup:
  PQclear(res);
  return rc;
}

int edx_db_idem_store(edx_conn *c, const char *token_id, const char *path, const char *key,
                      int status, const char *location, const char *body)
{
  char status_text[8];
  const char *params[] = {token_id, path, key, status_text, location, body};
  snprintf(status_text, sizeof(status_text), "%d", status);
  return edx_db_run(c, NULL,
                    "UPDATE idempotency_keys SET status = $4::int, location = $5, body = $6"
                    " WHERE token_id = $1::uuid AND path = $2 AND key = $3",
                    6, params);
}

void edx_idem_replay_free(edx_idem_replay *replay)
{
  free(replay->location);
  free(replay->body);
  memset(replay, 0, sizeof(*replay));
}
