/* mint.c — tokens minted from the command line (see mint.h). */
#include "db/query.h"
#include "db/tokens.h"
#include "src/app/mint.h"
#include "src/rules/errors.h"

int edx_cli_mint_token(edx_conn *c, char out[EDX_TOKEN_LEN], const edx_token_new *t)
{
  char hash[EDX_SHA256_HEX];
  json_t *token = NULL;
  int rc;
  rc = edx_secret_new_token(out, hash);
  if (rc != EDX_OK)
    return rc;
  rc = edx_db_begin(c);
  if (rc == EDX_OK)
    rc = edx_db_token_create(c, &token, NULL, hash, t);
  if (rc == EDX_OK)
    rc = edx_db_commit(c);
  else
    edx_db_rollback(c);
  json_decref(token);
  return rc;
}
