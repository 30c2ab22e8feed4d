/* cluster.c — creating the service's database (see cluster.h). */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/cluster.h"

/* Writes "<what> <dbname>: <libpq message>" to err, folded onto one line. */
static void pq_error(char *err, size_t errlen, const char *what, const char *dbname,
                     const PGconn *conn)
{
  size_t n;
  snprintf(err, errlen, "%s%s%s: %s", what, dbname ? " " : "", dbname ? dbname : "",
           conn ? PQerrorMessage(conn) : "out of memory");
  for (char *p = err; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  n = strlen(err);
  while (n > 0 && err[n - 1] == ' ')
    err[--n] = '\0';
}

int edx_db_create_database(const char *maintenance_conninfo, const char *dbname, char *err,
                           size_t errlen)
{
  const char *params[1] = {dbname};
  char *quoted = NULL, *sql = NULL;
  PGconn *conn = PQconnectdb(maintenance_conninfo);
  PGresult *res = NULL;
  int rc = -1;
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    pq_error(err, errlen, "cannot connect to the embedded postgresql", NULL, conn);
    goto cleanup;
  }
  res = PQexecParams(conn, "SELECT 1 FROM pg_database WHERE datname = $1", 1, NULL, params,
                     NULL, NULL, 0);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    pq_error(err, errlen, "cannot look up database", dbname, conn);
    goto cleanup;
  }
  if (PQntuples(res) == 0) {
    PQclear(res);
    res = NULL;
    if (!(quoted = PQescapeIdentifier(conn, dbname, strlen(dbname))) ||
        asprintf(&sql, "CREATE DATABASE %s", quoted) < 0) {
      sql = NULL;
      pq_error(err, errlen, "cannot create database", dbname, NULL);
      goto cleanup;
    }
    res = PQexec(conn, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
      pq_error(err, errlen, "cannot create database", dbname, conn);
      goto cleanup;
    }
  }
  rc = 0;
cleanup:
  PQclear(res);
  PQfreemem(quoted);
  free(sql);
  if (conn)
    PQfinish(conn);
  return rc;
}
