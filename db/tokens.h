/* tokens.h — API tokens: authentication by secret hash, creation, listing and revocation.
 * Only the SHA-256 of a secret is stored. */
#ifndef EDX_DB_TOKENS_H
#define EDX_DB_TOKENS_H
#include <jansson.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"

/* Fills *out for a live token (not revoked, not expired) whose secret hashes to secret_hash, a
 * province reader with its province's districts. EDX_ENOTFOUND otherwise. */
int edx_db_token_authenticate(edx_conn *c, const char *secret_hash, edx_caller *out);

typedef struct {
  const char *role, *district_id, *school_id, *label, *expires_at;
  const char *province_code; /* a reader scoped to a province, else NULL */
} edx_token_new;

/* Inside a transaction: stores a token (and its audit row; actor NULL = command line).
 * *out is the token's JSON without the secret. */
int edx_db_token_create(edx_conn *c, json_t **out, const edx_caller *actor,
                        const char *secret_hash, const edx_token_new *t);
int edx_db_token_get(edx_conn *c, json_t **out, const char *id);

typedef struct {
  const char *role, *district_id, *revoked, *updated_since;
} edx_token_filter;
extern const char *const edx_token_sort_fields[];
int edx_db_token_list(edx_conn *c, edx_list_page *out, const edx_token_filter *f,
                      const edx_list_params *lp);
/* Inside a transaction: revokes (idempotently) and audits; *out is the token afterwards. */
int edx_db_token_revoke(edx_conn *c, json_t **out, const edx_caller *actor, const char *id);
/* The stored digest (64 hex digits and NUL) of the token token_id when it is neither revoked
 * nor expired: with the server's link secret, what its download links' key is made from
 * (edx_link_key). EDX_ENOTFOUND otherwise. */
int edx_db_token_link_digest(edx_conn *c, const char *token_id, char key[65]);
#endif
