/* pool.h — a fixed-size pool of PostgreSQL connections shared by the HTTP worker threads. A
 * connection is used by one thread at a time; broken connections are re-opened on checkout, so
 * the service recovers on its own when PostgreSQL restarts. */
#ifndef EDX_DB_POOL_H
#define EDX_DB_POOL_H
#include <libpq-fe.h>
#include "db/statements.h"

typedef struct edx_pool edx_pool;

typedef struct {
  PGconn *pg;
  int index;
  edx_statements statements; /* prepared on this session (see statements.h) */
  int answer_within_ms;      /* how long a statement may go unanswered (0: no limit): the
                              * session's statement timeout and EDX_DB_GRACE_MS; see query.h */
  int timed_out;             /* the last statement went unanswered and the connection was cut */
} edx_conn;

/* What a statement's deadline adds to its statement timeout: time for PostgreSQL's own timeout
 * to fire and be heard, on a server that still answers. */
#define EDX_DB_GRACE_MS 2000

/* Opens size connections to conninfo, each with the given statement timeout. Fails (-1, message
 * in errbuf) when the first connection cannot be made; later ones that fail are retried lazily. */
int edx_pool_open(edx_pool **out, const char *conninfo, int size, int statement_timeout_ms,
                  char *errbuf, size_t errlen);
/* Whether the connections prepare their statements (on by default; off sends every statement
 * unnamed, for a pooler that cannot keep prepared statements). Call before the pool is used. */
void edx_pool_prepare_statements(edx_pool *pool, int on);
/* Checks out a working connection, waiting up to a few seconds for a free one. Returns EDX_OK, or
 * EDX_EUNAVAIL when the database cannot be reached or every connection stays busy. */
int edx_pool_acquire(edx_pool *pool, edx_conn **out);
/* Returns a connection; an open transaction is rolled back first. NULL-safe. */
void edx_pool_release(edx_pool *pool, edx_conn *conn);
void edx_pool_stats(edx_pool *pool, int *in_use, int *idle, int *waiting);
void edx_pool_close(edx_pool *pool);
/* Seconds a client should wait before retrying after EDX_EUNAVAIL. */
#define EDX_RETRY_AFTER_S 2
#endif
