/* pg_embedded.h — the private PostgreSQL cluster that `edudx serve` runs under its data directory
 * when DATABASE_URL is not set: initialised on first use, started on a Unix socket only, stopped
 * on exit. */
#ifndef EDX_PG_EMBEDDED_H
#define EDX_PG_EMBEDDED_H

#include <stddef.h>

typedef struct edx_pg_embedded edx_pg_embedded;

/* Starts (initialising on first use) the cluster under data_dir and makes sure database "edudx"
 * exists. When another live edudx already runs it (it holds data_dir/edudx.lock): with may_join
 * (a short command: migrate, token create) only connects to it and will not stop it; without
 * (serve, which would be left with no database when the other stops it) refuses. On success *out is the handle and *conninfo_out a malloc'ed libpq conninfo string
 * ("host=<socketdir> dbname=edudx user=<user>") that the caller frees with free().
 * Returns 0, or -1 with a one-line lower-case message (no function names) written to errbuf. */
int edx_pg_embedded_start(edx_pg_embedded **out, char **conninfo_out, const char *data_dir,
                          int may_join, char *errbuf, size_t errlen);
/* Stops the cluster (pg_ctl -m fast stop, waiting) and frees the handle. NULL-safe. */
void edx_pg_embedded_stop(edx_pg_embedded *pg);

#endif
