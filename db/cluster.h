/* cluster.h — what a fresh PostgreSQL cluster needs before the pool opens: the service's
 * database, created over a one-off connection to the maintenance database. */
#ifndef EDX_DB_CLUSTER_H
#define EDX_DB_CLUSTER_H
#include <stddef.h>

/* Connects with maintenance_conninfo and creates database dbname (an identifier the caller
 * chooses, quoted here) unless it exists. Returns 0, or -1 with a one-line message in err. */
int edx_db_create_database(const char *maintenance_conninfo, const char *dbname, char *err,
                           size_t errlen);
#endif
