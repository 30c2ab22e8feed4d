/* config.c — flags, then environment, then defaults (see config.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/runtime/config.h"
#include "src/rules/validate.h"

enum { OPT_PORT = 1000, OPT_BIND, OPT_THREADS, OPT_DB_POOL, OPT_CORS, OPT_LOG, OPT_DATA, OPT_DB,
       OPT_DEMO, OPT_STMT, OPT_RETENTION, OPT_TOKEN_CACHE, OPT_PREPARED, OPT_MAX_CONNECTIONS,
       OPT_LINK_SECRET };

static const struct option serve_options[] = {
  {"port", required_argument, NULL, OPT_PORT},
  {"bind", required_argument, NULL, OPT_BIND},
  {"threads", required_argument, NULL, OPT_THREADS},
  {"db-pool", required_argument, NULL, OPT_DB_POOL},
  {"cors-origins", required_argument, NULL, OPT_CORS},
  {"log-level", required_argument, NULL, OPT_LOG},
  {"data-dir", required_argument, NULL, OPT_DATA},
  {"database-url", required_argument, NULL, OPT_DB},
  {"statement-timeout-ms", required_argument, NULL, OPT_STMT},
  {"change-retention-days", required_argument, NULL, OPT_RETENTION},
  {"token-cache-ms", required_argument, NULL, OPT_TOKEN_CACHE},
  {"prepared-statements", required_argument, NULL, OPT_PREPARED},
  {"max-connections", required_argument, NULL, OPT_MAX_CONNECTIONS},
  {"link-secret", required_argument, NULL, OPT_LINK_SECRET},
  {"demo", no_argument, NULL, OPT_DEMO},
  {NULL, 0, NULL, 0},
};

const char *edx_config_usage(void)
{
  return "usage: edudx serve [--demo] [--port N] [--bind ADDR] [--threads N] [--db-pool N]\n"
         "                   [--cors-origins LIST] [--log-level LEVEL] [--data-dir DIR]\n"
         "                   [--database-url URL] [--statement-timeout-ms N]\n"
         "                   [--change-retention-days N] [--token-cache-ms N]\n"
         "                   [--prepared-statements on|off] [--max-connections N]\n"
         "                   [--link-secret SECRET]\n"
         "environment: DATABASE_URL EDUDX_PORT EDUDX_BIND EDUDX_THREADS EDUDX_DB_POOL\n"
         "             EDUDX_CORS_ORIGINS EDUDX_LOG_LEVEL EDUDX_DATA_DIR\n"
         "             EDUDX_STATEMENT_TIMEOUT_MS EDUDX_CHANGE_RETENTION_DAYS\n"
         "             EDUDX_TOKEN_CACHE_MS EDUDX_PREPARED_STATEMENTS EDUDX_MAX_CONNECTIONS\n"
         "             EDUDX_LINK_SECRET (at least 32 characters, the same on every instance;\n"
         "             unset: a random one, links work only on this process until it stops)\n";
}

/* Replaces *slot with a copy of value (NULL and "" leave it alone). */
static void set_text(char **slot, const char *value)
{
  if (!value || !*value)
    return;
  free(*slot);
  *slot = strdup(value);
}

static int set_int(int *slot, const char *value, long min, long max, const char *what, char *err,
                   size_t errlen)
{
  long v;
  if (!value || !*value)
    return 0;
  if (edx_parse_int(value, min, max, &v)) {
    snprintf(err, errlen, "%s must be an integer from %ld to %ld, not '%s'", what, min, max, value);
    return -1;
  }
  *slot = (int)v;
  return 0;
}

/* Replaces the link secret with a copy of value, wiping the one before; unlike set_text, ""
 * counts as given (and is then refused as too short): a secret meant to be shared must not
 * silently become a random one. NULL leaves it alone. */
static void set_secret(edx_config *cfg, const char *value)
{
  if (!value)
    return;
  if (cfg->link_secret)
    explicit_bzero(cfg->link_secret, strlen(cfg->link_secret));
  free(cfg->link_secret);
  cfg->link_secret = strdup(value);
  cfg->link_secret_given = 1;
}

/* "on" or "off" (NULL and "" leave *slot alone). */
static int set_switch(int *slot, const char *value, char *err, size_t errlen)
{
  if (!value || !*value)
    return 0;
  if (strcmp(value, "on") != 0 && strcmp(value, "off") != 0) {
    snprintf(err, errlen, "prepared statements must be on or off, not '%s'", value);
    return -1;
  }
  *slot = strcmp(value, "on") == 0;
  return 0;
}

static int apply(edx_config *cfg, int which, const char *value, char *err, size_t errlen)
{
  switch (which) {
  case OPT_PORT: return set_int(&cfg->port, value, 1, 65535, "port", err, errlen);
  case OPT_THREADS: return set_int(&cfg->threads, value, 1, 256, "threads", err, errlen);
  case OPT_DB_POOL: return set_int(&cfg->db_pool, value, 1, 90, "db pool size", err, errlen);
  case OPT_STMT:
    return set_int(&cfg->statement_timeout_ms, value, 100, 600000, "statement timeout", err,
                   errlen);
  case OPT_RETENTION:
    return set_int(&cfg->change_retention_days, value, 1, 3650, "change retention days", err,
                   errlen);
  case OPT_TOKEN_CACHE:
    return set_int(&cfg->token_cache_ms, value, 0, 2000, "token cache ms", err, errlen);
  case OPT_MAX_CONNECTIONS:
    return set_int(&cfg->max_connections, value, 1, 100000, "max connections", err, errlen);
  case OPT_PREPARED: return set_switch(&cfg->prepared_statements, value, err, errlen);
  case OPT_BIND: set_text(&cfg->bind, value); return 0;
  case OPT_CORS: set_text(&cfg->cors_origins, value); return 0;
  case OPT_LOG: set_text(&cfg->log_level, value); return 0;
  case OPT_DATA: set_text(&cfg->data_dir, value); return 0;
  case OPT_DB: set_text(&cfg->database_url, value); return 0;
  case OPT_LINK_SECRET: set_secret(cfg, value); return 0;
  case OPT_DEMO: cfg->demo = 1; return 0;
  }
  return 0;
}

static int load_environment(edx_config *cfg, char *err, size_t errlen)
{
  static const struct { int which; const char *name; } vars[] = {
    {OPT_PORT, "EDUDX_PORT"}, {OPT_BIND, "EDUDX_BIND"}, {OPT_THREADS, "EDUDX_THREADS"},
    {OPT_DB_POOL, "EDUDX_DB_POOL"}, {OPT_CORS, "EDUDX_CORS_ORIGINS"},
    {OPT_LOG, "EDUDX_LOG_LEVEL"}, {OPT_DATA, "EDUDX_DATA_DIR"}, {OPT_DB, "DATABASE_URL"},
    {OPT_STMT, "EDUDX_STATEMENT_TIMEOUT_MS"}, {OPT_RETENTION, "EDUDX_CHANGE_RETENTION_DAYS"},
    {OPT_TOKEN_CACHE, "EDUDX_TOKEN_CACHE_MS"}, {OPT_PREPARED, "EDUDX_PREPARED_STATEMENTS"},
    {OPT_MAX_CONNECTIONS, "EDUDX_MAX_CONNECTIONS"}, {OPT_LINK_SECRET, "EDUDX_LINK_SECRET"},
  };
  for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
    if (apply(cfg, vars[i].which, getenv(vars[i].name), err, errlen))
      return -1;
  return 0;
}

static int check(const edx_config *cfg, char *err, size_t errlen)
{
  static const char *const levels[] = {"error", "warning", "info", "debug", NULL};
  int ok = 0;
  for (int i = 0; levels[i]; i++)
    ok |= strcmp(levels[i], cfg->log_level) == 0;
  if (!ok)
    snprintf(err, errlen, "log level must be error, warning, info or debug, not '%s'",
             cfg->log_level);
  else if (cfg->link_secret_given &&
           (!cfg->link_secret || strlen(cfg->link_secret) < EDX_LINK_SECRET_MIN))
    snprintf(err, errlen, "the link secret (--link-secret or EDUDX_LINK_SECRET) must be at least "
             "%d characters; it has %zu (it is not shown)", EDX_LINK_SECRET_MIN,
             cfg->link_secret ? strlen(cfg->link_secret) : (size_t)0);
  else
    return 0;
  return -1;
}

int edx_config_load(edx_config *cfg, int argc, char **argv, char *err, size_t errlen)
{
  int opt;
  memset(cfg, 0, sizeof(*cfg));
  cfg->bind = strdup("127.0.0.1");
  cfg->port = 8080;
  cfg->threads = 8;
  cfg->db_pool = 8;
  cfg->log_level = strdup("info");
  cfg->data_dir = strdup("./var/edudx");
  cfg->body_limit = 1024 * 1024;
  cfg->import_body_limit = 32 * 1024 * 1024;
  cfg->statement_timeout_ms = 10000;
  cfg->connection_timeout_s = 30;
  cfg->max_connections = 1000;
  cfg->drain_timeout_s = 30;
  cfg->change_retention_days = 90;
  cfg->token_cache_ms = 2000;
  cfg->prepared_statements = 1;
  if (load_environment(cfg, err, errlen))
    return -1;
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, "", serve_options, NULL)) != -1) {
    if (opt == '?' || opt == ':') { /* the option's name only: "--name=value" may be a secret */
      snprintf(err, errlen, "unknown or incomplete option '%.*s'",
               (int)strcspn(argv[optind - 1], "="), argv[optind - 1]);
      return -1;
    }
    if (apply(cfg, opt, optarg, err, errlen))
      return -1;
  }
  if (optind < argc) {
    snprintf(err, errlen, "unexpected argument '%s'", argv[optind]);
    return -1;
  }
  return check(cfg, err, errlen);
}

void edx_config_free(edx_config *cfg)
{
  free(cfg->database_url);
  free(cfg->bind);
  free(cfg->cors_origins);
  free(cfg->log_level);
  free(cfg->data_dir);
  if (cfg->link_secret)
    explicit_bzero(cfg->link_secret, strlen(cfg->link_secret));
  free(cfg->link_secret);
  memset(cfg, 0, sizeof(*cfg));
}
