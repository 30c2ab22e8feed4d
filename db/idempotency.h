/* idempotency.h — Idempotency-Key on creating POSTs: the key is claimed inside the transaction
 * that creates, and the response stored with it, so a retry replays the first answer. Keys are
 * scoped to the token and path and kept 24 hours. */
#ifndef EDX_DB_IDEMPOTENCY_H
#define EDX_DB_IDEMPOTENCY_H
#include "db/pool.h"

typedef struct {
  int status;      /* 0 when the key was claimed now (no earlier response) */
  char *location;  /* the first response's Location, or NULL */
  char *body;      /* the first response's body */
} edx_idem_replay;

/* Inside a transaction: claims (token, path, key) for request_hash. When an earlier request
 * holds the key, fills *replay (same hash) or returns EDX_EIDEMPOTENCY (another body). */
int edx_db_idem_claim(edx_conn *c, const char *token_id, const char *path, const char *key,
                      const char *request_hash, edx_idem_replay *replay);
/* Inside the same transaction: stores the response for the claimed key. */
int edx_db_idem_store(edx_conn *c, const char *token_id, const char *path, const char *key,
                      int status, const char *location, const char *body);
void edx_idem_replay_free(edx_idem_replay *replay);
#endif
