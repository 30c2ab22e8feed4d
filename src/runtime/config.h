/* config.h — the service's configuration: command-line flags first, then EDUDX_* environment
 * variables and DATABASE_URL, then defaults. Validated before anything starts. */
#ifndef EDX_CONFIG_H
#define EDX_CONFIG_H
#include <stddef.h>

typedef struct {
  char *database_url;        /* NULL: start the embedded PostgreSQL in data_dir */
  char *bind;                /* IPv4 address to listen on */
  int port;
  int threads;               /* workers running requests (libmicrohttpd has 2 more for I/O) */
  int db_pool;               /* PostgreSQL connections */
  char *cors_origins;        /* comma-separated allowed origins, or NULL */
  char *log_level;           /* error, warning, info, debug */
  char *data_dir;
  int demo;                  /* --demo: load the demo district into an empty database */
  size_t body_limit;         /* bytes, default 1 MiB */
  size_t import_body_limit;  /* bytes, default 32 MiB, for bulk imports */
  int statement_timeout_ms;
  int connection_timeout_s;  /* idle HTTP connections are closed after this */
  int max_connections;       /* HTTP connections served at once (more get 503), default 1000 */
  int drain_timeout_s;       /* on SIGTERM, wait at most this long for in-flight requests */
  int change_retention_days; /* the change feed keeps deletions this long (default 90) */
  int token_cache_ms;        /* a checked token is trusted this long (0-2000, default 2000) */
  int prepared_statements;   /* 1: each connection prepares its statements (default) */
  char *link_secret;         /* keys download links (never logged or printed); NULL: the server
                              * draws EDX_LINK_SECRET_RANDOM bytes at start */
  int link_secret_given;     /* --link-secret or EDUDX_LINK_SECRET was set (even to "") */
} edx_config;

/* The shortest --link-secret / EDUDX_LINK_SECRET accepted, in bytes. */
#define EDX_LINK_SECRET_MIN 32
/* Random bytes drawn for the link secret when none is configured. */
#define EDX_LINK_SECRET_RANDOM 32

/* Fills cfg from argv[first..argc) (serve's flags) and the environment. Returns 0, or -1 with a
 * one-line message in err. cfg must be freed with edx_config_free either way. */
int edx_config_load(edx_config *cfg, int argc, char **argv, char *err, size_t errlen);
void edx_config_free(edx_config *cfg);
/* Usage text of serve's flags. */
const char *edx_config_usage(void);
#endif
