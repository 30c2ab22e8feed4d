/* commands.h — the subcommands of the edudx binary (serve, migrate, token create) and what they
 * share: logging set-up and minting a token without an HTTP caller. */
#ifndef EDX_COMMANDS_H
#define EDX_COMMANDS_H
#include "db/pool.h"
#include "src/secret.h"

#define EDX_CLI_TOKEN_LEN EDX_TOKEN_LEN

int edx_cmd_serve(int argc, char **argv);
int edx_cmd_migrate(int argc, char **argv);
int edx_cmd_token(int argc, char **argv);

/* Starts console logging at a level name (error, warning, info, debug). */
void edx_logs_init(const char *level);
void edx_logs_close(void);

/* Mints a token in its own transaction, audited with the command line as actor; the secret goes
 * to out. district_id/school_id are ids or NULL. */
int edx_cli_mint_token(edx_conn *c, char out[EDX_CLI_TOKEN_LEN], const char *role,
                       const char *district_id, const char *school_id, const char *label);
#endif
