/* cmd_migrate.c — `edudx migrate`: applies pending migrations (and the SQL definitions) and
 * exits; safe to run from several processes at once (see db/migrate.h). */
#include <stdio.h>
#include "src/app/commands.h"
#include "src/app/database.h"
#include "src/app/logs.h"

int edx_cmd_migrate(int argc, char **argv)
{
  edx_config cfg;
  edx_database *db = NULL;
  char err[512];
  int rc = 1;
  if (edx_config_load(&cfg, argc, argv, err, sizeof(err)) != 0) {
    fprintf(stderr, "edudx migrate: %s\n", err);
    goto cleanup;
  }
  edx_logs_init(cfg.log_level);
  if (edx_database_open(&db, &cfg, 1, 1, err, sizeof(err)) != 0) {
    fprintf(stderr, "edudx migrate: %s\n", err);
    goto cleanup;
  }
  rc = 0;
cleanup:
  edx_database_close(db);
  edx_logs_close();
  edx_config_free(&cfg);
  return rc;
}
