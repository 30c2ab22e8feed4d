/* cmd_serve.c — `edudx serve`: open the database, optionally load the demo, serve HTTP until
 * SIGTERM or SIGINT, then drain in-flight requests and exit 0. Signals are blocked in every
 * thread and taken synchronously here with sigwait (no work in a signal handler). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <yder.h>
#include "api/cors.h"
#include "api/server.h"
#include "db/demo.h"
#include "src/app/commands.h"
#include "src/app/database.h"
#include "src/app/logs.h"
#include "src/app/mint.h"
#include "src/rules/errors.h"
#include "src/runtime/secret.h"

/* --demo: loads the demo district into an empty database and prints an admin token. */
static int load_demo(edx_pool *pool)
{
  edx_conn *c = NULL;
  char token[EDX_TOKEN_LEN];
  int loaded = 0, rc = edx_pool_acquire(pool, &c);
  if (rc == EDX_OK)
    rc = edx_db_demo_load(c, &loaded);
  if (rc == EDX_OK && loaded)
    rc = edx_cli_mint_token(c, token, &(edx_token_new){.role = "admin", .label = "demo admin"});
  edx_pool_release(pool, c);
  if (rc != EDX_OK) {
    fprintf(stderr, "edudx: could not load the demo: %s\n", edx_error_last());
    return -1;
  }
  if (loaded)
    printf("demo loaded: district 453 Huyện Tuyên Hóa and its schools\nadmin token: %s\n", token);
  else
    printf("demo: the database already holds data; nothing loaded\n");
  fflush(stdout);
  return 0;
}

/* 1 when the arguments ask for the usage (--help or -h anywhere). */
static int wants_help(int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
      return 1;
  return 0;
}

int edx_cmd_serve(int argc, char **argv)
{
  edx_config cfg;
  edx_database *db = NULL;
  edx_server *server = NULL;
  edx_app app;
  unsigned char random_secret[EDX_LINK_SECRET_RANDOM];
  char err[512];
  sigset_t stop_signals;
  int sig = 0, rc = 1;
  memset(&app, 0, sizeof(app));
  if (wants_help(argc, argv)) {
    fputs(edx_config_usage(), stdout);
    return 0;
  }
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
  signal(SIGPIPE, SIG_IGN);
  if (edx_config_load(&cfg, argc, argv, err, sizeof(err)) != 0) {
    fprintf(stderr, "edudx serve: %s\n%s", err, edx_config_usage());
    goto cleanup;
  }
  edx_logs_init(cfg.log_level);
  if (edx_database_open(&db, &cfg, cfg.db_pool, 0, err, sizeof(err)) != 0) {
    fprintf(stderr, "edudx serve: %s\n", err);
    goto cleanup;
  }
  if (cfg.demo && load_demo(edx_database_pool(db)) != 0)
    goto cleanup;
  app.cfg = &cfg;
  app.pool = edx_database_pool(db);
  app.cors_origins = edx_cors_parse(cfg.cors_origins);
  if (cfg.link_secret) {
    app.link_secret = (const unsigned char *)cfg.link_secret;
    app.link_secret_len = strlen(cfg.link_secret);
  } else if (edx_secret_random(random_secret, sizeof(random_secret)) == EDX_OK) {
    app.link_secret = random_secret;
    app.link_secret_len = sizeof(random_secret);
    y_log_message(Y_LOG_LEVEL_INFO, "no link secret configured (EDUDX_LINK_SECRET): download "
                  "links are signed with a random one and work only on this process until it "
                  "stops");
  } else {
    fprintf(stderr, "edudx serve: could not draw the download links' secret: %s\n",
            edx_error_last());
    goto cleanup;
  }
  if (!(app.tokens = edx_token_cache_new(cfg.token_cache_ms, 4096))) {
    fprintf(stderr, "edudx serve: out of memory\n");
    goto cleanup;
  }
  if (edx_server_start(&server, &app, err, sizeof(err)) != 0) {
    fprintf(stderr, "edudx serve: %s\n", err);
    goto cleanup;
  }
  y_log_message(Y_LOG_LEVEL_INFO, "listening on http://%s:%d (%d threads, %d db connections)",
                cfg.bind, cfg.port, cfg.threads, cfg.db_pool);
  sigwait(&stop_signals, &sig);
  y_log_message(Y_LOG_LEVEL_INFO, "signal %d: finishing in-flight requests", sig);
  edx_server_shutdown(server, cfg.drain_timeout_s);
  rc = 0;
cleanup:
  edx_database_close(db);
  edx_cors_free(app.cors_origins);
  edx_token_cache_free(app.tokens);
  explicit_bzero(random_secret, sizeof(random_secret));
  if (rc == 0)
    y_log_message(Y_LOG_LEVEL_INFO, "stopped");
  edx_logs_close();
  edx_config_free(&cfg);
  return rc;
}
