/* pool.c — fixed-size libpq connection pool (see pool.h). A mutex and condition variable guard the
 * free list; connecting and resetting happen outside the lock. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yder.h>
#include "db/pool.h"
#include "src/rules/errors.h"

#define ACQUIRE_WAIT_S 5

struct edx_pool {
  pthread_mutex_t lock;
  pthread_cond_t available;
  char *conninfo;
  int statement_timeout_ms;
  int size;
  int nfree;
  int waiting;
  edx_conn *conns;
  edx_conn **free_list;
};

/* Applies the per-session settings every pooled connection needs. */
static int session_setup(edx_pool *pool, PGconn *pg)
{
  char sql[256];
  PGresult *res;
  int ok;
  snprintf(sql, sizeof(sql),
           "SET statement_timeout = %d; SET lock_timeout = %d; "
           "SET idle_in_transaction_session_timeout = 60000; SET TimeZone = 'UTC'",
           pool->statement_timeout_ms, pool->statement_timeout_ms);
  res = PQexec(pg, sql);
  ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  return ok ? 0 : -1;
}

/* Server notices ("relation already exists, skipping") are not for clients or the console. */
static void drop_notice(void *arg, const char *message)
{
  (void)arg;
  y_log_message(Y_LOG_LEVEL_DEBUG, "database notice: %s", message);
}

static PGconn *connect_one(edx_pool *pool)
{
  const char *keys[] = {"connect_timeout", "application_name", "dbname", NULL};
  const char *values[] = {"3", "edudx", pool->conninfo, NULL};
  PGconn *pg = PQconnectdbParams(keys, values, 1);
  PQsetNoticeProcessor(pg, drop_notice, NULL);
  if (PQstatus(pg) == CONNECTION_OK && session_setup(pool, pg) == 0)
    return pg;
  return pg; /* a bad connection is kept and reset on checkout */
}

int edx_pool_open(edx_pool **out, const char *conninfo, int size, int statement_timeout_ms,
                  char *errbuf, size_t errlen)
{
  edx_pool *pool = calloc(1, sizeof(*pool));
  if (!pool)
    goto fail;
  pthread_mutex_init(&pool->lock, NULL);
  pthread_cond_init(&pool->available, NULL);
  pool->conninfo = strdup(conninfo ? conninfo : "");
  pool->statement_timeout_ms = statement_timeout_ms;
  pool->size = size;
  pool->conns = calloc((size_t)size, sizeof(edx_conn));
  pool->free_list = calloc((size_t)size, sizeof(edx_conn *));
  if (!pool->conninfo || !pool->conns || !pool->free_list)
    goto fail;
  for (int i = 0; i < size; i++) {
    pool->conns[i].index = i;
    pool->conns[i].statements.enabled = 1;
    pool->conns[i].answer_within_ms = statement_timeout_ms + EDX_DB_GRACE_MS;
    pool->conns[i].pg = connect_one(pool);
    pool->free_list[pool->nfree++] = &pool->conns[i];
    if (i == 0 && PQstatus(pool->conns[0].pg) != CONNECTION_OK) {
      snprintf(errbuf, errlen, "could not connect to the database: %s",
               PQerrorMessage(pool->conns[0].pg));
      errbuf[strcspn(errbuf, "\n")] = '\0';
      goto fail;
    }
  }
  *out = pool;
  return 0;
fail:
  if (pool && !pool->conns)
    snprintf(errbuf, errlen, "out of memory");
  edx_pool_close(pool);
  return -1;
}

/* Makes sure a checked-out connection is usable: PQconsumeInput notices a server that closed the
 * socket while the connection was idle (restart, admin shutdown), then PQreset re-opens it. */
static int ensure_alive(edx_pool *pool, edx_conn *conn)
{
  conn->timed_out = 0;
  if (PQstatus(conn->pg) == CONNECTION_OK && PQconsumeInput(conn->pg) &&
      PQstatus(conn->pg) == CONNECTION_OK)
    return 0;
  PQreset(conn->pg);
  edx_statements_forget(&conn->statements); /* a new session has none */
  if (PQstatus(conn->pg) != CONNECTION_OK || session_setup(pool, conn->pg) != 0) {
    y_log_message(Y_LOG_LEVEL_WARNING, "database unreachable: %s", PQerrorMessage(conn->pg));
    return -1;
  }
  y_log_message(Y_LOG_LEVEL_INFO, "database connection %d re-opened", conn->index);
  return 0;
}

void edx_pool_prepare_statements(edx_pool *pool, int on)
{
  for (int i = 0; i < pool->size; i++)
    pool->conns[i].statements.enabled = on;
}

int edx_pool_acquire(edx_pool *pool, edx_conn **out)
{
  struct timespec deadline;
  edx_conn *conn = NULL;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += ACQUIRE_WAIT_S;
  pthread_mutex_lock(&pool->lock);
  pool->waiting++;
  while (pool->nfree == 0) {
    if (pthread_cond_timedwait(&pool->available, &pool->lock, &deadline) == ETIMEDOUT)
      break;
  }
  pool->waiting--;
  if (pool->nfree > 0)
    conn = pool->free_list[--pool->nfree];
  pthread_mutex_unlock(&pool->lock);
  if (!conn) {
    edx_error_set("every database connection is busy; try again shortly");
    return EDX_EUNAVAIL;
  }
  if (ensure_alive(pool, conn) != 0) {
    edx_pool_release(pool, conn);
    edx_error_set("the database is unavailable; try again shortly");
    return EDX_EUNAVAIL;
  }
  *out = conn;
  return EDX_OK;
}

void edx_pool_release(edx_pool *pool, edx_conn *conn)
{
  if (!conn)
    return;
  if (PQstatus(conn->pg) == CONNECTION_OK && PQtransactionStatus(conn->pg) != PQTRANS_IDLE) {
    PGresult *res = PQexec(conn->pg, "ROLLBACK");
    PQclear(res);
  }
  conn->answer_within_ms = pool->statement_timeout_ms + EDX_DB_GRACE_MS; /* lifted for one use */
  pthread_mutex_lock(&pool->lock);
  pool->free_list[pool->nfree++] = conn;
  pthread_cond_signal(&pool->available);
  pthread_mutex_unlock(&pool->lock);
}

void edx_pool_stats(edx_pool *pool, int *in_use, int *idle, int *waiting)
{
  pthread_mutex_lock(&pool->lock);
  *in_use = pool->size - pool->nfree;
  *idle = pool->nfree;
  *waiting = pool->waiting;
  pthread_mutex_unlock(&pool->lock);
}

void edx_pool_close(edx_pool *pool)
{
  if (!pool)
    return;
  for (int i = 0; pool->conns && i < pool->size; i++)
    if (pool->conns[i].pg)
      PQfinish(pool->conns[i].pg);
  pthread_cond_destroy(&pool->available);
  pthread_mutex_destroy(&pool->lock);
  free(pool->conns);
  free(pool->free_list);
  free(pool->conninfo);
  free(pool);
}
