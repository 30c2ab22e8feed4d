/* mint.h — minting an API token without an HTTP caller (token create, and serve --demo's admin
 * token): a fresh secret, stored only as its hash, audited with the command line as actor. */
#ifndef EDX_APP_MINT_H
#define EDX_APP_MINT_H
#include "db/pool.h"
#include "db/tokens.h"
#include "src/runtime/secret.h"

/* Mints the token t (its ids resolved, NULL where none) in its own transaction; the secret goes
 * to out. Returns an edx code (message in edx_error_last). */
int edx_cli_mint_token(edx_conn *c, char out[EDX_TOKEN_LEN], const edx_token_new *t);
#endif
